import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type RetentionRunResult,
  type RetentionStatus,
  type RolloverOverview,
  type RolloverResult,
} from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { sendFile } from '../../common/http/send-file';
import { RolloverDto } from './dto/rollover.dto';
import { PersonalDataService } from './personal-data.service';
import { RetentionService } from './retention.service';
import { RolloverService } from './rollover.service';

/** 新学年 and 个人信息保护: the IT officer's (系统管理员) yearly and on-request actions. */
@ApiTags('新学年与个人信息')
@Controller()
export class LifecycleController {
  constructor(
    private readonly rollover: RolloverService,
    private readonly retention: RetentionService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Get('rollover')
  @Permissions(Permission.SchoolYearManage)
  @ApiOperation({ summary: '新学年：各年级人数（在读、已毕业归档）、新生信与入学第一考是否已备好，建议的毕业年级' })
  overview(): Promise<RolloverOverview> {
    return this.rollover.overview();
  }

  @Post('rollover')
  @Permissions(Permission.SchoolYearManage)
  @HttpCode(200)
  @ApiOperation({
    summary:
      '新学年：毕业年级停用并归档（仍计入其年级的历史统计），为新年级复制新生信与入学第一考（草稿）。dryRun=true 只预览；执行为一个事务并记入审计日志',
  })
  run(@CurrentUser() principal: Principal, @Body() body: RolloverDto): Promise<RolloverResult> {
    return this.rollover.run(principal, body);
  }

  @Get('retention')
  @Permissions(Permission.SchoolYearManage)
  @ApiOperation({ summary: '个人信息保留：保留年限（RETENTION_YEARS）、离校待匿名人数、已到期人数、已匿名人数' })
  retentionStatus(): Promise<RetentionStatus> {
    return this.retention.status();
  }

  @Post('retention/run')
  @Permissions(Permission.SchoolYearManage)
  @HttpCode(200)
  @ApiOperation({ summary: '立即匿名化已到期的离校人员（每天 03:30 也会自动执行），记入审计日志' })
  runRetention(@CurrentUser() principal: Principal): Promise<RetentionRunResult> {
    return this.retention.run(principal);
  }

  @Get('users/:id/personal-data')
  @Permissions(Permission.UserManage)
  @ApiOperation({ summary: '导出某人的个人信息副本（JSON 文件：账号及所有与其相关的记录），记入审计日志' })
  async exportPersonalData(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.personalData.export(principal, id);
    await sendFile(reply, file.body, file.filename);
  }
}
