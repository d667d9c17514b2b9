import { Module } from '@nestjs/common';
import { FileStore } from '../../common/files/file-store';
import { HousekeepingScheduler } from './housekeeping.scheduler';
import { UploadSweeper } from './upload-sweeper';

@Module({ providers: [UploadSweeper, HousekeepingScheduler, FileStore] })
export class HousekeepingModule {}
