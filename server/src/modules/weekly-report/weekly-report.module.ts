import { Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module';
import { WeeklyReportController } from './weekly-report.controller';
import { WeeklyReportScheduler } from './weekly-report.scheduler';
import { WeeklyReportService } from './weekly-report.service';

@Module({
  imports: [StatsModule],
  controllers: [WeeklyReportController],
  providers: [WeeklyReportService, WeeklyReportScheduler],
  exports: [WeeklyReportService],
})
export class WeeklyReportModule {}
