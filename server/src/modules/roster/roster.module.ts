import { Module } from '@nestjs/common';
import { InitialPasswordsService } from './initial-passwords.service';
import { RosterImportService } from './roster-import.service';
import { RosterWriter } from './roster-write';
import { RosterController } from './roster.controller';

@Module({
  controllers: [RosterController],
  providers: [RosterImportService, RosterWriter, InitialPasswordsService],
  exports: [RosterImportService],
})
export class RosterModule {}
