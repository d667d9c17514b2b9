import { Global, Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module';
import { ExamReminderService } from './exam-reminder.service';
import { NotifyChannelsService } from './notify-channels.service';
import { NotifyController } from './notify.controller';
import { NotifyDeliveriesService } from './notify-deliveries.service';
import { NotifyOutboxService } from './notify-outbox.service';
import { NotifyWorker } from './notify-worker';

/**
 * Group robots and the outbox. Global because the features that cause messages (alerts, the
 * weekly report, department reports) write outbox rows in their own transactions.
 */
@Global()
@Module({
  imports: [StatsModule],
  controllers: [NotifyController],
  providers: [NotifyOutboxService, NotifyWorker, NotifyChannelsService, NotifyDeliveriesService, ExamReminderService],
  exports: [NotifyOutboxService, NotifyWorker],
})
export class NotifyModule {}
