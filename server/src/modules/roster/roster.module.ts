import { Module } from '@nestjs/common';
import { InitialPasswordsService } from './initial-passwords.service';
import { RosterImportService } from './roster-import.service';
import { RosterController } from './roster.controller';

@Module({
  controllers: [RosterController],
  providers: [RosterImportService, InitialPasswordsService],
  exports: [RosterImportService],
})
export class RosterModule {}
