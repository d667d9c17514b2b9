import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  APP_SCREENSHOT_MAX_BYTES,
  Permission,
  ROLE_LABELS,
  type AntiFraudAppRecord,
  type AppInstallStats,
  type AppMissingRow,
  type Page,
} from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { buildXlsx } from '../../common/files/xlsx-export';
import { sendFile } from '../../common/http/send-file';
import { readUpload } from '../../common/http/upload';
import { AntiFraudAppStatsService } from './anti-fraud-app-stats.service';
import { AntiFraudAppService } from './anti-fraud-app.service';
import { AntiFraudAppReportDto, AppInstallQueryDto, AppMissingQueryDto } from './dto/anti-fraud-app.dto';
import { ReadsFromReplica } from '../../database/read-replicas';
import { AuditedExport } from '../audit/audited-export';

@ApiTags('国家反诈中心APP')
@Controller()
export class AntiFraudAppController {
  constructor(
    private readonly app: AntiFraudAppService,
    private readonly stats: AntiFraudAppStatsService,
  ) {}

  @Get('my/anti-fraud-app')
  @Permissions(Permission.AppReport)
  @ApiOperation({ summary: '我的 APP 安装登记（未登记时 reportedAt 为 null）' })
  mine(@CurrentUser() principal: Principal): Promise<AntiFraudAppRecord> {
    return this.app.mine(principal);
  }

  @Put('my/anti-fraud-app')
  @Permissions(Permission.AppReport)
  @ApiOperation({ summary: '登记是否已安装、已注册国家反诈中心 APP' })
  report(@CurrentUser() principal: Principal, @Body() body: AntiFraudAppReportDto): Promise<AntiFraudAppRecord> {
    return this.app.report(principal, body);
  }

  @Post('my/anti-fraud-app/screenshot')
  @Permissions(Permission.AppReport)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: '上传 APP 截图（可选；PNG/JPG/WebP，不超过 5 MB）' })
  async uploadScreenshot(
    @CurrentUser() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<AntiFraudAppRecord> {
    return this.app.saveScreenshot(principal, await readUpload(request, APP_SCREENSHOT_MAX_BYTES));
  }

  @Get('my/anti-fraud-app/screenshot')
  @Permissions(Permission.AppReport)
  async myScreenshot(@CurrentUser() principal: Principal, @Res() reply: FastifyReply): Promise<void> {
    await this.sendScreenshot(reply, await this.app.screenshot(principal, principal.id));
  }

  @Get('anti-fraud-app/records/:userId/screenshot')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '查看某人的 APP 截图（学院管理员限本学院）' })
  async screenshot(
    @CurrentUser() principal: Principal,
    @Param('userId', ParseIntPipe) userId: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.sendScreenshot(reply, await this.app.screenshot(principal, userId));
  }

  @Get('anti-fraud-app/stats')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '安装率、注册率：按学院或班级（学院管理员只看本学院）' })
  install(@CurrentUser() principal: Principal, @Query() query: AppInstallQueryDto): Promise<AppInstallStats> {
    return this.stats.install(principal, query);
  }

  @Get('anti-fraud-app/missing')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '未安装（kind=not_installed）或未注册（not_registered）名单' })
  missing(@CurrentUser() principal: Principal, @Query() query: AppMissingQueryDto): Promise<Page<AppMissingRow>> {
    return this.stats.missing(principal, query);
  }

  @ReadsFromReplica()
  @Get('anti-fraud-app/missing/export')
  @AuditedExport()
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '导出未安装/未注册名单（.xlsx）' })
  async exportMissing(
    @CurrentUser() principal: Principal,
    @Query() query: AppMissingQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { items } = await this.stats.missing(principal, { ...query, page: 1, pageSize: 50_000 });
    const label = query.kind === 'not_registered' ? '未注册' : '未安装';
    const file = await buildXlsx([
      {
        name: `${label}名单`,
        columns: [
          { header: '学号/工号' },
          { header: '姓名' },
          { header: '身份' },
          { header: '学院', width: 22 },
          { header: '班级', width: 22 },
          { header: '登记时间', width: 22 },
        ],
        rows: items.map((r) => [
          r.username,
          r.name,
          ROLE_LABELS[r.role],
          r.collegeName ?? '',
          r.className ?? '',
          r.reportedAt ?? '未登记',
        ]),
      },
    ]);
    await sendFile(reply, file, `国家反诈中心APP${label}名单.xlsx`);
  }

  private async sendScreenshot(
    reply: FastifyReply,
    stored: { file: { storageKey: string }; body: Buffer },
  ): Promise<void> {
    const ext = stored.file.storageKey.split('.').pop() ?? 'png';
    await sendFile(reply, stored.body, `国家反诈中心APP截图.${ext}`);
  }
}
