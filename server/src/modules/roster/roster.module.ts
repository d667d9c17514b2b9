import { Module } from '@nestjs/common';
import { RosterImportService } from './roster-import.service';
import { RosterController } from './roster.controller';

@Module({ controllers: [RosterController], providers: [RosterImportService], exports: [RosterImportService] })
export class RosterModule {}
