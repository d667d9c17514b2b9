import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SchoolSettingsController } from './school-settings.controller';
import { SchoolSettings } from './school-settings.entity';
import { SchoolSettingsService } from './school-settings.service';

/** Global: the letter, the courses and every export fill in the school's details from here. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SchoolSettings])],
  controllers: [SchoolSettingsController],
  providers: [SchoolSettingsService],
  exports: [SchoolSettingsService],
})
export class SchoolModule {}
