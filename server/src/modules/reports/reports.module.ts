import { Module } from '@nestjs/common';
import { FileStore } from '../../common/files/file-store';
import { ReportPeriodsController } from './report-periods.controller';
import { ReportPeriodsService } from './report-periods.service';
import { ReportUnitsService } from './report-units.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** 信息报送. AlertsService (for 重大信息 notices) and AuditService come from global modules. */
@Module({
  controllers: [ReportPeriodsController, ReportsController],
  providers: [ReportPeriodsService, ReportsService, ReportUnitsService, FileStore],
})
export class ReportsModule {}
