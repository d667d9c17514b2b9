import { Global, Module } from '@nestjs/common';
import { PENDING_ALERT_CHECK } from '../../common/auth/pending-alert-check';
import { AlertReadStatsService } from './alert-read-stats.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { UrgentAlertGate } from './urgent-alert-gate';

/**
 * Global because the access guard (AuthCoreModule) asks it, through PENDING_ALERT_CHECK, whether an
 * urgent alert must be acknowledged first.
 */
@Global()
@Module({
  controllers: [AlertsController],
  providers: [
    AlertsService,
    AlertReadStatsService,
    UrgentAlertGate,
    { provide: PENDING_ALERT_CHECK, useExisting: UrgentAlertGate },
  ],
  exports: [AlertsService, PENDING_ALERT_CHECK],
})
export class AlertsModule {}
