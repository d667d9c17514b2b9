import { Module } from '@nestjs/common';
import { QuestionsModule } from '../../modules/questions/questions.module';
import { RosterModule } from '../../modules/roster/roster.module';
import { SeedService } from './seed.service';

@Module({ imports: [RosterModule, QuestionsModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
