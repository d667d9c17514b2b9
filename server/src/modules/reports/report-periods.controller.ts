import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type MyReportTask,
  type MyReportUnit,
  type Page,
  type ReportAttentionSummary,
  type ReportPeriodDetail,
  type ReportPeriodDto,
  type ReportUnitOptions,
} from '@campus/shared';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { PageQueryDto } from '../../common/http/page-query.dto';
import { ReportPeriodInputDto } from './dto/report.dto';
import { ReportPeriodsService } from './report-periods.service';
import { ReportUnitsService } from './report-units.service';
import { ReadsFromReplica } from '../../database/read-replicas';

@ApiTags('信息报送')
@Controller()
export class ReportPeriodsController {
  constructor(
    private readonly periods: ReportPeriodsService,
    private readonly units: ReportUnitsService,
  ) {}

  @Get('report-units')
  @Permissions(Permission.ReportManage)
  @ApiOperation({ summary: '可设为须报送的学院和部门' })
  unitOptions(): Promise<ReportUnitOptions> {
    return this.units.options();
  }

  @ReadsFromReplica()
  @Get('report-periods')
  @Permissions(Permission.ReportManage)
  @ApiOperation({ summary: '报送周期列表（含按时、逾期、未报、已审阅数）' })
  list(@Query() query: PageQueryDto): Promise<Page<ReportPeriodDto>> {
    return this.periods.list(query);
  }

  @Post('report-periods')
  @Permissions(Permission.ReportManage)
  @ApiOperation({ summary: '设置报送周期（默认按月）及须报送的学院、部门' })
  create(@CurrentUser() principal: Principal, @Body() body: ReportPeriodInputDto): Promise<ReportPeriodDto> {
    return this.periods.create(principal, body);
  }

  @ReadsFromReplica()
  @Get('report-periods/attention')
  @Permissions(Permission.ReportManage)
  @ApiOperation({ summary: '已到期周期中逾期提交和逾期未报的单位（管理首页）' })
  attention(): Promise<ReportAttentionSummary> {
    return this.periods.attention();
  }

  @ReadsFromReplica()
  @Get('report-periods/:id')
  @Permissions(Permission.ReportManage)
  @ApiOperation({ summary: '周期详情：各单位提交情况' })
  detail(@Param('id', ParseIntPipe) id: number): Promise<ReportPeriodDetail> {
    return this.periods.detail(id);
  }

  @Put('report-periods/:id')
  @Permissions(Permission.ReportManage)
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReportPeriodInputDto,
  ): Promise<ReportPeriodDto> {
    return this.periods.update(principal, id, body);
  }

  @Get('my/report-unit')
  @Permissions(Permission.ReportSubmit)
  @ApiOperation({ summary: '我负责报送的单位（学院管理员为本学院，部门人员为本部门）' })
  async myUnit(@CurrentUser() principal: Principal): Promise<MyReportUnit> {
    return { unit: await this.units.ownUnit(principal) };
  }

  @Get('my/report-tasks')
  @Permissions(Permission.ReportSubmit)
  @ApiOperation({ summary: '本单位须报送的周期及提交情况' })
  async myTasks(@CurrentUser() principal: Principal): Promise<MyReportTask[]> {
    const unit = await this.units.ownUnit(principal);
    return unit ? this.periods.myTasks(unit) : [];
  }
}
