import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type ExamDto,
  type ExamResultRow,
  type ExamSaveResult,
  type MyExamDto,
  type Page,
} from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { AnyPermission, CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { buildXlsx } from '../../common/files/xlsx-export';
import { sendFile } from '../../common/http/send-file';
import { ExamInputDto, ExamListQueryDto, ExamResultQueryDto } from './dto/exam.dto';
import { ExamsService } from './exams.service';
import { ReadsFromReplica } from '../../database/read-replicas';
import { AuditedExport } from '../audit/audited-export';

@ApiTags('考试')
@Controller()
export class ExamsController {
  constructor(private readonly exams: ExamsService) {}

  @Get('my/exams')
  @Permissions(Permission.ExamTake)
  @ApiOperation({ summary: '我的考试（学生）' })
  mine(@CurrentUser() principal: Principal): Promise<MyExamDto[]> {
    return this.exams.mine(principal);
  }

  @Get('exams')
  @AnyPermission(Permission.ExamManage, Permission.ExamResultsRead)
  @ApiOperation({ summary: '考试列表（学院管理员可查看，用于查成绩）' })
  list(@Query() query: ExamListQueryDto): Promise<Page<ExamDto>> {
    return this.exams.list(query);
  }

  @Post('exams')
  @Permissions(Permission.ExamManage)
  @ApiOperation({
    summary: '新建考试（草稿）：固定试卷 questionIds(+scores) 或随机抽题 rules',
    description: '响应另含 warnings：固定试卷的命题质量提示（同一互斥组两题、答案位置分布不均），不阻止保存。',
  })
  create(@CurrentUser() principal: Principal, @Body() body: ExamInputDto): Promise<ExamSaveResult> {
    return this.exams.create(principal, body);
  }

  @Get('exams/:id')
  @AnyPermission(Permission.ExamManage, Permission.ExamResultsRead)
  get(@Param('id', ParseIntPipe) id: number): Promise<ExamDto> {
    return this.exams.get(id);
  }

  @Put('exams/:id')
  @Permissions(Permission.ExamManage)
  @ApiOperation({ summary: '修改考试（仅草稿）', description: '响应另含 warnings（同新建考试）。' })
  update(@Param('id', ParseIntPipe) id: number, @Body() body: ExamInputDto): Promise<ExamSaveResult> {
    return this.exams.update(id, body);
  }

  @Post('exams/:id/publish')
  @HttpCode(200)
  @Permissions(Permission.ExamManage)
  @ApiOperation({ summary: '发布考试（检查题库能否按规则抽题）' })
  publish(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<ExamDto> {
    return this.exams.publish(principal, id);
  }

  @Get('exams/:id/results')
  @Permissions(Permission.ExamResultsRead)
  @ApiOperation({ summary: '考试成绩（学院管理员只看到本学院）' })
  results(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ExamResultQueryDto,
  ): Promise<Page<ExamResultRow>> {
    return this.exams.results(principal, id, query);
  }

  @ReadsFromReplica()
  @Get('exams/:id/results/export')
  @AuditedExport()
  @Permissions(Permission.ExamResultsRead)
  @ApiOperation({ summary: '导出考试成绩（.xlsx）' })
  async exportResults(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ExamResultQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const exam = await this.exams.get(id);
    const rows = await this.exams.allResults(principal, id, query);
    const file = await buildXlsx([
      {
        name: '成绩',
        columns: [
          '学号',
          '姓名',
          '学院',
          '班级',
          '第几次',
          '开始时间',
          '交卷时间',
          '自动交卷',
          '成绩',
          '是否通过',
          '切屏次数',
        ].map((header) => ({ header })),
        rows: rows.map((r) => [
          r.username,
          r.name,
          r.collegeName ?? '',
          r.className ?? '',
          r.attemptNo,
          r.startedAt,
          r.submittedAt ?? '',
          r.autoSubmitted ? '是' : '否',
          r.score,
          r.passed === null ? '' : r.passed ? '通过' : '未通过',
          r.leaveCount,
        ]),
      },
    ]);
    await sendFile(reply, file, `${exam.title}-成绩.xlsx`);
  }
}
