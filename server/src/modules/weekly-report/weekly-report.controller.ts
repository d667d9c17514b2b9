import { Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type Page, type WeeklyReportDto, type WeeklyReportSummary } from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { PageQueryDto } from '../../common/http/page-query.dto';
import { sendFile } from '../../common/http/send-file';
import { weeklyReportXlsx } from './weekly-report-export';
import { WeeklyReportService } from './weekly-report.service';
import { ReadsFromReplica } from '../../database/read-replicas';
import { AuditedExport } from '../audit/audited-export';

@ApiTags('周五通报')
@Controller('weekly-reports')
export class WeeklyReportController {
  constructor(private readonly reports: WeeklyReportService) {}

  @ReadsFromReplica()
  @Get()
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '通报列表（每周五 08:00 自动生成，另有手动生成的临时通报），最新在前' })
  list(@Query() query: PageQueryDto): Promise<Page<WeeklyReportSummary>> {
    return this.reports.list(query);
  }

  @Post()
  @Permissions(Permission.ReportManage)
  @ApiOperation({ summary: '立即生成一份截至现在的通报（冻结保存，之后的成绩不会改变它）' })
  generate(@CurrentUser() principal: Principal): Promise<WeeklyReportDto> {
    return this.reports.generateNow(principal);
  }

  @ReadsFromReplica()
  @Get(':id')
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '查看通报（学院管理员只看到本学院的明细行）' })
  get(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<WeeklyReportDto> {
    return this.reports.get(principal, id);
  }

  @Delete(':id')
  @Permissions(Permission.ReportManage)
  @HttpCode(204)
  @ApiOperation({ summary: '删除临时通报（周五通报不能删除）' })
  remove(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.reports.remove(principal, id);
  }

  @ReadsFromReplica()
  @Get(':id/export')
  @AuditedExport()
  @Permissions(Permission.StatsRead)
  @ApiOperation({ summary: '导出通报（.xlsx）' })
  async export(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.reports.get(principal, id);
    await sendFile(reply, await weeklyReportXlsx(report), `${report.title}.xlsx`);
  }
}
