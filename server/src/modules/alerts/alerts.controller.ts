import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  ROLE_LABELS,
  type AlertDto,
  type AlertReadStats,
  type AlertUnreadRow,
  type MyAlertDto,
  type Page,
} from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { AllowWithPendingAlert, CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { buildXlsx } from '../../common/files/xlsx-export';
import { sendFile } from '../../common/http/send-file';
import { AlertReadStatsService } from './alert-read-stats.service';
import { AlertsService } from './alerts.service';
import { AlertInputDto, AlertListQueryDto, AlertUnreadQueryDto } from './dto/alert.dto';
import { ReadsFromReplica } from '../../database/read-replicas';
import { AuditedExport } from '../audit/audited-export';

@ApiTags('防骗警示')
@Controller()
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly stats: AlertReadStatsService,
  ) {}

  @Get('my/alerts')
  @Permissions(Permission.AlertRead)
  @AllowWithPendingAlert()
  @ApiOperation({ summary: '发给我的警示信息，最新在前，含我的阅读时间 readAt' })
  mine(@CurrentUser() principal: Principal): Promise<MyAlertDto[]> {
    return this.alerts.mine(principal);
  }

  @Post('alerts/:id/read')
  @HttpCode(204)
  @Permissions(Permission.AlertRead)
  @AllowWithPendingAlert()
  @ApiOperation({ summary: '标记已读（紧急预警即“我已阅读并知晓”）；重复调用保留第一次时间' })
  async read(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.alerts.markRead(principal, id);
  }

  @Post('alerts')
  @Permissions(Permission.AlertManage)
  @ApiOperation({
    summary: '发布警示信息：level info|warning|urgent，受众 roles/collegeIds（留空为全体），publishAt 定时发布',
  })
  create(@CurrentUser() principal: Principal, @Body() body: AlertInputDto): Promise<AlertDto> {
    return this.alerts.create(principal, body);
  }

  @Get('alerts')
  @Permissions(Permission.AlertManage)
  @ApiOperation({ summary: '警示信息列表（含受众人数与已读人数）' })
  list(@Query() query: AlertListQueryDto): Promise<Page<AlertDto>> {
    return this.alerts.list(query);
  }

  @Get('alerts/:id')
  @Permissions(Permission.AlertManage)
  get(@Param('id', ParseIntPipe) id: number): Promise<AlertDto> {
    return this.alerts.get(id);
  }

  @Post('alerts/:id/withdraw')
  @HttpCode(200)
  @Permissions(Permission.AlertManage)
  @ApiOperation({ summary: '撤回：所有人立即看不到' })
  withdraw(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<AlertDto> {
    return this.alerts.withdraw(principal, id);
  }

  @Get('alerts/:id/read-stats')
  @Permissions(Permission.AlertManage)
  @ApiOperation({ summary: '各学院阅读率' })
  async readStats(@Param('id', ParseIntPipe) id: number): Promise<AlertReadStats> {
    return this.stats.readRates(await this.alerts.find(id));
  }

  @Get('alerts/:id/unread')
  @Permissions(Permission.AlertManage)
  @ApiOperation({ summary: '未读名单（按学院、班级、学号）' })
  async unread(
    @Param('id', ParseIntPipe) id: number,
    @Query() query: AlertUnreadQueryDto,
  ): Promise<Page<AlertUnreadRow>> {
    return this.stats.unread(await this.alerts.find(id), query);
  }

  @ReadsFromReplica()
  @Get('alerts/:id/unread/export')
  @AuditedExport()
  @Permissions(Permission.AlertManage)
  @ApiOperation({ summary: '导出未读名单（.xlsx）' })
  async exportUnread(
    @Param('id', ParseIntPipe) id: number,
    @Query() query: AlertUnreadQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const alert = await this.alerts.find(id);
    const { items } = await this.stats.unread(alert, { ...query, page: 1, pageSize: 50_000 });
    const file = await buildXlsx([
      {
        name: '未读名单',
        columns: [
          { header: '学号/工号' },
          { header: '姓名' },
          { header: '身份' },
          { header: '学院', width: 22 },
          { header: '班级', width: 22 },
        ],
        rows: items.map((r) => [r.username, r.name, ROLE_LABELS[r.role], r.collegeName ?? '', r.className ?? '']),
      },
    ]);
    await sendFile(reply, file, `${alert.title}-未读名单.xlsx`);
  }
}
