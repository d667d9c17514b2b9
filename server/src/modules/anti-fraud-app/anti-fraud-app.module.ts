import { Module } from '@nestjs/common';
import { FileStore } from '../../common/files/file-store';
import { AntiFraudAppStatsService } from './anti-fraud-app-stats.service';
import { AntiFraudAppController } from './anti-fraud-app.controller';
import { AntiFraudAppService } from './anti-fraud-app.service';

@Module({
  controllers: [AntiFraudAppController],
  providers: [AntiFraudAppService, AntiFraudAppStatsService, FileStore],
  exports: [AntiFraudAppStatsService],
})
export class AntiFraudAppModule {}
