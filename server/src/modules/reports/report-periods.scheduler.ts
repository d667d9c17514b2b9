import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../../common/clock/clock';
import { REPORT_TIME_ZONE } from '../stats/report-week';
import { ReportPeriodsService } from './report-periods.service';

/**
 * The monthly 信息报送 period is made at 00:05 on the 1st (Beijing time); the job also runs every
 * other night, so a server that was down on the 1st makes it the next night (it never makes two).
 */
@Injectable()
export class ReportPeriodsScheduler {
  private readonly logger = new Logger(ReportPeriodsScheduler.name);

  constructor(
    private readonly periods: ReportPeriodsService,
    private readonly clock: Clock,
  ) {}

  @Cron('0 5 0 * * *', { name: 'monthly-report-period', timeZone: REPORT_TIME_ZONE })
  async run(): Promise<void> {
    try {
      const made = await this.periods.ensureMonthly(this.clock.date());
      if (made) this.logger.log(`Report period ${made.title} created (#${made.id})`);
    } catch (error) {
      this.logger.error(`The monthly report period could not be created: ${String(error)}`);
    }
  }
}
