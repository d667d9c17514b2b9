import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type ExamCloseResult, type ExamDto, type ExamExceptionDto } from '@campus/shared';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { AttemptResetDto, ExamExceptionDtoIn, ExamWindowDto } from './dto/exam-manage.dto';
import { ExamManagementService } from './exam-management.service';

/** Managing an exam after publishing (issue 14 §2); every action is audited. */
@ApiTags('考试')
@Controller()
export class ExamManagementController {
  constructor(private readonly manage: ExamManagementService) {}

  @Put('exams/:id/window')
  @Permissions(Permission.ExamManage)
  @ApiOperation({
    summary: '调整已发布考试的时间（延长或缩短）',
    description: '进行中的作答按截止规则重新计算，但不会比原来更早截止；已有人开始作答后开始时间不能再改。',
  })
  window(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ExamWindowDto,
  ): Promise<ExamDto> {
    return this.manage.changeWindow(principal, id, body);
  }

  @Post('exams/:id/close')
  @HttpCode(200)
  @Permissions(Permission.ExamManage)
  @ApiOperation({ summary: '提前结束考试：进行中的作答按已保存的答案交卷' })
  close(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<ExamCloseResult> {
    return this.manage.close(principal, id);
  }

  @Get('exams/:id/exceptions')
  @Permissions(Permission.ExamAttemptManage)
  @ApiOperation({ summary: '补考/缓考名单（学院管理员只看到本学院）' })
  exceptions(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<ExamExceptionDto[]> {
    return this.manage.exceptions(principal, id);
  }

  @Post('exams/:id/exceptions')
  @HttpCode(200)
  @Permissions(Permission.ExamAttemptManage)
  @ApiOperation({ summary: '为指定学生（学号）增加作答时间或次数（补考/缓考，需填原因）；全部成功或全部不生效' })
  grant(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ExamExceptionDtoIn,
  ): Promise<ExamExceptionDto[]> {
    return this.manage.grant(principal, id, body);
  }

  @Delete('exams/:id/exceptions/:userId')
  @HttpCode(204)
  @Permissions(Permission.ExamAttemptManage)
  @ApiOperation({ summary: '取消一名学生的补考/缓考设置' })
  async revoke(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('userId', ParseIntPipe) userId: number,
  ): Promise<void> {
    await this.manage.revoke(principal, id, userId);
  }

  @Post('exams/:id/attempts/:attemptId/reset')
  @HttpCode(204)
  @Permissions(Permission.ExamAttemptManage)
  @ApiOperation({ summary: '重置一名学生的一次作答（删除，审计日志保留其成绩与答案），该次不再计入次数与统计' })
  async reset(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('attemptId', ParseIntPipe) attemptId: number,
    @Body() body: AttemptResetDto,
  ): Promise<void> {
    await this.manage.resetAttempt(principal, id, attemptId, body);
  }

  @Post('exams/:id/copy')
  @Permissions(Permission.ExamManage)
  @ApiOperation({ summary: '复制考试为新草稿（相同设置与试卷）' })
  copy(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<ExamDto> {
    return this.manage.copy(principal, id);
  }

  @Delete('exams/:id')
  @HttpCode(204)
  @Permissions(Permission.ExamManage)
  @ApiOperation({ summary: '删除考试草稿（已发布的考试不能删除）' })
  async remove(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.manage.deleteDraft(principal, id);
  }
}
