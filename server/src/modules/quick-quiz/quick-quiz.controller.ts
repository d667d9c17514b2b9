import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  Role,
  type QuickQuestionDto,
  type QuickQuizRoundDto,
  type QuickQuizRoundSummary,
  type QuickQuizStudentDto,
} from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnyPermission, CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { openEventStream } from '../../common/live/event-stream';
import {
  QuickQuestionsInputDto,
  QuickQuizAnswerInputDto,
  QuickQuizJoinInputDto,
  QuickQuizRoundQueryDto,
  QuickQuizStartInputDto,
} from './dto/quick-quiz.dto';
import { QuickQuestionService } from './quick-question.service';
import { QuickQuizHub } from './quick-quiz-hub';
import { QuickQuizStatsService } from './quick-quiz-stats.service';
import { QuickQuizService } from './quick-quiz.service';

/** 课堂快问: a prompt's questions, the teacher's rounds, the students' answers, and the live streams. */
@ApiTags('课堂快问')
@Controller()
export class QuickQuizController {
  constructor(
    private readonly questions: QuickQuestionService,
    private readonly quiz: QuickQuizService,
    private readonly hub: QuickQuizHub,
    private readonly stats: QuickQuizStatsService,
  ) {}

  @Get('prompts/:id/quick-questions')
  @Permissions(Permission.PromptRead)
  @ApiOperation({ summary: '某条提示的课堂快问题目（含选项，不含答案）' })
  list(@Param('id', ParseIntPipe) id: number): Promise<QuickQuestionDto[]> {
    return this.questions.list(id);
  }

  @Put('prompts/:id/quick-questions')
  @Permissions(Permission.PromptManage)
  @ApiOperation({ summary: '设置提示的课堂快问题目：题库中的单选题或判断题，最多 2 道' })
  replace(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: QuickQuestionsInputDto,
  ): Promise<QuickQuestionDto[]> {
    return this.questions.replace(principal, id, body.questionIds);
  }

  @Post('quick-quiz/rounds')
  @Permissions(Permission.PromptDeliver)
  @ApiOperation({ summary: '开始快问：给自己任课的班级出一道题，返回 6 位快问码和倒计时' })
  start(@CurrentUser() principal: Principal, @Body() body: QuickQuizStartInputDto): Promise<QuickQuizRoundDto> {
    return this.quiz.start(principal, body);
  }

  @Get('quick-quiz/rounds')
  @AnyPermission(Permission.PromptDeliver, Permission.PromptCoverageRead)
  @ApiOperation({ summary: '快问记录：教师看自己的，学院管理员看本学院（最近 200 次）' })
  history(
    @CurrentUser() principal: Principal,
    @Query() query: QuickQuizRoundQueryDto,
  ): Promise<QuickQuizRoundSummary[]> {
    return this.stats.history(principal, query);
  }

  @Get('quick-quiz/rounds/:id')
  @AnyPermission(Permission.PromptDeliver, Permission.PromptCoverageRead)
  @ApiOperation({ summary: '投屏视图：人数、作答数；结束后给出分布与正确答案' })
  round(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<QuickQuizRoundDto> {
    return this.quiz.roundView(principal, id);
  }

  @Post('quick-quiz/rounds/:id/close')
  @HttpCode(200)
  @Permissions(Permission.PromptDeliver)
  @ApiOperation({ summary: '提前揭晓：立即结束倒计时' })
  close(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<QuickQuizRoundDto> {
    return this.quiz.close(principal, id);
  }

  @Post('quick-quiz/join')
  @HttpCode(200)
  @Permissions(Permission.QuickQuizAnswer)
  @ApiOperation({ summary: '学生输入快问码（或扫码）加入本班的快问' })
  join(@CurrentUser() principal: Principal, @Body() body: QuickQuizJoinInputDto): Promise<QuickQuizStudentDto> {
    return this.quiz.join(principal, body.code);
  }

  @Get('quick-quiz/rounds/:id/mine')
  @Permissions(Permission.QuickQuizAnswer)
  @ApiOperation({ summary: '学生视图：题目、我的回答；结束后给出正确答案与解析' })
  mine(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<QuickQuizStudentDto> {
    return this.quiz.studentView(principal, id);
  }

  @Post('quick-quiz/rounds/:id/answer')
  @HttpCode(200)
  @Permissions(Permission.QuickQuizAnswer)
  @ApiOperation({ summary: '作答：每人一次，倒计时结束后不再接受（409）' })
  answer(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: QuickQuizAnswerInputDto,
  ): Promise<QuickQuizStudentDto> {
    return this.quiz.answer(principal, id, body.answer);
  }

  @Get('quick-quiz/rounds/:id/events')
  @AnyPermission(Permission.PromptDeliver, Permission.PromptCoverageRead, Permission.QuickQuizAnswer)
  @ApiOperation({
    summary:
      '实时推送（text/event-stream，事件 round）：投屏每秒收到人数与作答数，学生在结束时收到结果；每次连接先收到当前状态',
  })
  async events(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const student = principal.role === Role.Student;
    // Checked before the stream opens, so a refusal is an ordinary JSON error.
    const first = student ? await this.quiz.studentView(principal, id) : await this.quiz.roundView(principal, id);
    const stream = openEventStream(request, reply, { staff: !student });
    const unsubscribe = this.hub.subscribe({
      roundId: id,
      kind: student ? 'student' : 'staff',
      userId: principal.id,
      phase: first.phase,
      send: (event, json) => stream.sendJson(event, json),
    });
    stream.onClose(unsubscribe);
    stream.send('round', first);
  }
}
