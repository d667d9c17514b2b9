import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type AwarenessReport,
  type FraudTypeReport,
  type ItemStatisticsRow,
  type NotPassedPerson,
  type NotReachedPerson,
  type Page,
  type TrendPoint,
} from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { buildXlsx } from '../../common/files/xlsx-export';
import { sendFile } from '../../common/http/send-file';
import {
  AwarenessQueryDto,
  ItemStatisticsQueryDto,
  StatsFilterDto,
  StatsPeopleQueryDto,
  TrendQueryDto,
} from './dto/stats-query.dto';
import { awarenessSheet, notPassedSheet, notReachedSheet } from './stats-export';
import { SchoolSettingsService } from '../school/school-settings.service';
import { StatsService } from './stats.service';
import { ReadsFromReplica } from '../../database/read-replicas';
import { AuditedExport } from '../audit/audited-export';

/** A named list is exported whole, up to this many people. */
const MAX_EXPORT_PEOPLE = 50_000;

@ApiTags('统计')
@Controller('stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly school: SchoolSettingsService,
  ) {}

  @ReadsFromReplica()
  @Get('awareness')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '知晓率：按学院或班级（学院管理员只看到本学院）；比率为 0–1 的小数' })
  awareness(@CurrentUser() principal: Principal, @Query() query: AwarenessQueryDto): Promise<AwarenessReport> {
    return this.stats.awareness(principal, query);
  }

  @ReadsFromReplica()
  @Get('awareness/export')
  @AuditedExport()
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '导出知晓率（.xlsx）' })
  async exportAwareness(
    @CurrentUser() principal: Principal,
    @Query() query: AwarenessQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.stats.awareness(principal, query);
    const level = report.groupBy;
    const file = await buildXlsx([
      awarenessSheet(level === 'class' ? '各班级知晓率' : '各学院知晓率', level, report.rows, report.total),
    ]);
    const title = `知晓率统计-${level === 'class' ? '按班级' : '按学院'}.xlsx`;
    await sendFile(reply, file, await this.school.exportTitle(title));
  }

  @ReadsFromReplica()
  @Get('items')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '试题分析：每题的难度（facility）、标准差与区分度，算法同 Moodle' })
  items(@CurrentUser() principal: Principal, @Query() query: ItemStatisticsQueryDto): Promise<ItemStatisticsRow[]> {
    return this.stats.items(principal, query);
  }

  @ReadsFromReplica()
  @Get('not-passed')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '应考而未通过的人员名单（分页）' })
  notPassed(@CurrentUser() principal: Principal, @Query() query: StatsPeopleQueryDto): Promise<Page<NotPassedPerson>> {
    return this.stats.notPassed(principal, query);
  }

  @ReadsFromReplica()
  @Get('not-passed/export')
  @AuditedExport()
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '导出未通过名单（.xlsx）' })
  async exportNotPassed(
    @CurrentUser() principal: Principal,
    @Query() query: StatsPeopleQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.stats.notPassed(principal, { ...query, page: 1, pageSize: MAX_EXPORT_PEOPLE });
    await sendFile(
      reply,
      await buildXlsx([notPassedSheet(page.items)]),
      await this.school.exportTitle(await this.stats.listFileName(principal, query, '未通过名单')),
    );
  }

  @ReadsFromReplica()
  @Get('not-reached')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '尚未被任何宣传渠道覆盖的人员名单（分页）' })
  notReached(
    @CurrentUser() principal: Principal,
    @Query() query: StatsPeopleQueryDto,
  ): Promise<Page<NotReachedPerson>> {
    return this.stats.notReached(principal, query);
  }

  @ReadsFromReplica()
  @Get('not-reached/export')
  @AuditedExport()
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '导出未覆盖名单（.xlsx）' })
  async exportNotReached(
    @CurrentUser() principal: Principal,
    @Query() query: StatsPeopleQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.stats.notReached(principal, { ...query, page: 1, pageSize: MAX_EXPORT_PEOPLE });
    await sendFile(
      reply,
      await buildXlsx([notReachedSheet(page.items)]),
      await this.school.exportTitle(await this.stats.listFileName(principal, query, '未覆盖名单')),
    );
  }

  @ReadsFromReplica()
  @Get('fraud-types')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '薄弱环节：各诈骗类型的答题正确率（全部与各学院）' })
  fraudTypes(@CurrentUser() principal: Principal, @Query() query: StatsFilterDto): Promise<FraudTypeReport> {
    return this.stats.fraudTypes(principal, query);
  }

  @ReadsFromReplica()
  @Get('trend')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '近几周（每周五 08:00 截止）的知晓率、参与率与覆盖率走势' })
  trend(@CurrentUser() principal: Principal, @Query() query: TrendQueryDto): Promise<TrendPoint[]> {
    return this.stats.trend(principal, query);
  }
}
