import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FileStore } from '../../common/files/file-store';
import { ReportAttachment } from './report-attachment.entity';
import { ReportComment } from './report-comment.entity';
import { ReportPeriod } from './report-period.entity';
import { ReportPeriodsController } from './report-periods.controller';
import { ReportOverdueNotifier } from './report-overdue.notifier';
import { ReportPeriodsScheduler } from './report-periods.scheduler';
import { ReportPeriodsService } from './report-periods.service';
import { ReportUnitsService } from './report-units.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { UnitReport } from './unit-report.entity';

/** 信息报送. AlertsService (for 重大信息 notices) and AuditService come from global modules. */
@Module({
  imports: [TypeOrmModule.forFeature([UnitReport, ReportPeriod, ReportAttachment, ReportComment])],
  controllers: [ReportPeriodsController, ReportsController],
  providers: [
    ReportPeriodsService,
    ReportPeriodsScheduler,
    ReportsService,
    ReportUnitsService,
    FileStore,
    ReportOverdueNotifier,
  ],
})
export class ReportsModule {}
