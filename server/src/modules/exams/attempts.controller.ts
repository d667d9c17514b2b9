import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type AttemptDetail,
  type AttemptQuestion,
  type AttemptSession,
  type LeaveEventResult,
  type Page,
  type PracticeCheckResult,
  type SaveAnswerRequest,
  type SubmitResult,
  type WrongQuestionDto,
} from '@campus/shared';
import { AllowWithPendingAlert, AnyPermission, CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { AttemptCloseService } from './attempt-close.service';
import { AttemptLeaveService } from './attempt-leave.service';
import { AttemptReviewService } from './attempt-review.service';
import { AttemptSaveService } from './attempt-save.service';
import { AttemptStartService } from './attempt-start.service';
import { SaveAnswerPipe } from './dto/answer.pipe';
import { PracticeCheckDto, PracticeQueryDto, WrongQuestionQueryDto } from './dto/exam.dto';
import { PracticeService } from './practice.service';
import { BODY_LIMITS, BodyLimit } from '../../common/http/body-limit';

@ApiTags('答题')
@Controller()
export class AttemptsController {
  constructor(
    private readonly starts: AttemptStartService,
    private readonly saves: AttemptSaveService,
    private readonly closer: AttemptCloseService,
    private readonly leaves: AttemptLeaveService,
    private readonly reviews: AttemptReviewService,
    private readonly practice: PracticeService,
  ) {}

  @Post('exams/:id/attempts')
  @HttpCode(200)
  @Permissions(Permission.ExamTake)
  @ApiOperation({ summary: '开始考试，或返回进行中的那一次（含已保存的答案和服务器截止时间；不含答案与解析）' })
  start(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<AttemptSession> {
    return this.starts.start(principal, id);
  }

  // Saving, submitting and 切屏 go on while an urgent alert waits: the exam clock would not stop for it.
  @Put('attempts/:attemptId/answers/:questionId')
  @BodyLimit(BODY_LIMITS.answer)
  @HttpCode(204)
  @Permissions(Permission.ExamTake)
  @AllowWithPendingAlert()
  @ApiOperation({ summary: '保存一题的答案；交卷后或超过截止时间返回 409' })
  async save(
    @CurrentUser() principal: Principal,
    @Param('attemptId', ParseIntPipe) attemptId: number,
    @Param('questionId', ParseIntPipe) questionId: number,
    @Body(SaveAnswerPipe) body: SaveAnswerRequest,
  ): Promise<void> {
    await this.saves.save(principal, attemptId, questionId, body.answer);
  }

  @Post('attempts/:attemptId/submit')
  @HttpCode(200)
  @Permissions(Permission.ExamTake)
  @AllowWithPendingAlert()
  @ApiOperation({ summary: '交卷（重复调用返回同一结果）' })
  submit(
    @CurrentUser() principal: Principal,
    @Param('attemptId', ParseIntPipe) attemptId: number,
  ): Promise<SubmitResult> {
    return this.closer.submit(principal, attemptId);
  }

  @Post('attempts/:attemptId/leave')
  @HttpCode(200)
  @Permissions(Permission.ExamTake)
  @AllowWithPendingAlert()
  @ApiOperation({ summary: '记录一次切屏；超过考试允许的次数则自动交卷' })
  leave(
    @CurrentUser() principal: Principal,
    @Param('attemptId', ParseIntPipe) attemptId: number,
  ): Promise<LeaveEventResult> {
    return this.leaves.leave(principal, attemptId);
  }

  @Get('attempts/:attemptId')
  @AnyPermission(Permission.ExamTake, Permission.ExamResultsRead)
  @ApiOperation({ summary: '一次作答的结果；按考试的答案公布方式给出每题对错与解析' })
  detail(
    @CurrentUser() principal: Principal,
    @Param('attemptId', ParseIntPipe) attemptId: number,
  ): Promise<AttemptDetail> {
    return this.reviews.detail(principal, attemptId);
  }

  @Get('practice/questions')
  @Permissions(Permission.ExamTake)
  @ApiOperation({ summary: '专项练习抽题（不计入知晓率）；source=wrong 练习错题本' })
  practiceQuestions(@CurrentUser() principal: Principal, @Query() query: PracticeQueryDto): Promise<AttemptQuestion[]> {
    return this.practice.questions(principal, query);
  }

  @Post('practice/check')
  @HttpCode(200)
  @Permissions(Permission.ExamTake)
  @ApiOperation({ summary: '练习判题：返回对错、答案与解析' })
  practiceCheck(@CurrentUser() principal: Principal, @Body() body: PracticeCheckDto): Promise<PracticeCheckResult> {
    return this.practice.check(principal, body);
  }

  @Get('my/wrong-questions')
  @Permissions(Permission.ExamTake)
  @ApiOperation({ summary: '我的错题本' })
  wrongBook(
    @CurrentUser() principal: Principal,
    @Query() query: WrongQuestionQueryDto,
  ): Promise<Page<WrongQuestionDto>> {
    return this.practice.wrongBook(principal, query);
  }
}
