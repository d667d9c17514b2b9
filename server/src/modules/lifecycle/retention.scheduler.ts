import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { REPORT_TIME_ZONE } from '../stats/report-week';
import { RetentionService } from './retention.service';

/** Every night at 03:30 Beijing time, when nobody is taking an exam. */
@Injectable()
export class RetentionScheduler {
  private readonly logger = new Logger(RetentionScheduler.name);

  constructor(private readonly retention: RetentionService) {}

  @Cron('30 3 * * *', { name: 'retention', timeZone: REPORT_TIME_ZONE })
  async run(): Promise<void> {
    try {
      await this.retention.run();
    } catch (error) {
      this.logger.error(`Retention run failed: ${String(error)}`);
    }
  }
}
