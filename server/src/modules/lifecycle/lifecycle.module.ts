import { Module } from '@nestjs/common';
import { FileStore } from '../../common/files/file-store';
import { LifecycleController } from './lifecycle.controller';
import { PersonalDataService } from './personal-data.service';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';
import { RolloverService } from './rollover.service';

@Module({
  controllers: [LifecycleController],
  providers: [RolloverService, RetentionService, RetentionScheduler, PersonalDataService, FileStore],
})
export class LifecycleModule {}
