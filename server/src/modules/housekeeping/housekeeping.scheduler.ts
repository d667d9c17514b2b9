import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { REPORT_TIME_ZONE } from '../stats/report-week';
import { UploadSweeper } from './upload-sweeper';

/** Nightly at 04:00 Beijing time, after the backup a school would schedule at 02:15 (README). */
@Injectable()
export class HousekeepingScheduler {
  private readonly logger = new Logger(HousekeepingScheduler.name);

  constructor(private readonly uploads: UploadSweeper) {}

  @Cron('0 4 * * *', { name: 'upload-sweep', timeZone: REPORT_TIME_ZONE })
  async sweepUploads(): Promise<void> {
    try {
      await this.uploads.sweep();
    } catch (error) {
      this.logger.error(`Upload sweep failed: ${String(error)}`);
    }
  }
}
