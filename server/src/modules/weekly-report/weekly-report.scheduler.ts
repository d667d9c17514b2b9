import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { REPORT_TIME_ZONE, WEEKLY_REPORT_CRON } from '../stats/report-week';
import { WeeklyReportService } from './weekly-report.service';

/** 学生处负责汇总并于每周五上午进行通报: the report is ready when the office opens on Friday. */
@Injectable()
export class WeeklyReportScheduler {
  private readonly logger = new Logger(WeeklyReportScheduler.name);

  constructor(private readonly reports: WeeklyReportService) {}

  @Cron(WEEKLY_REPORT_CRON, { name: 'weekly-report', timeZone: REPORT_TIME_ZONE })
  async run(): Promise<void> {
    try {
      const report = await this.reports.generateWeekly(new Date());
      this.logger.log(`Weekly report ${report.weekOf} ready (#${report.id})`);
    } catch (error) {
      this.logger.error(`The weekly report could not be generated: ${String(error)}`);
    }
  }
}
