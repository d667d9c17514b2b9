import { Module } from '@nestjs/common';
import { CoursesModule } from '../../modules/courses/courses.module';
import { LettersModule } from '../../modules/letters/letters.module';
import { PromptsModule } from '../../modules/prompts/prompts.module';
import { QuestionsModule } from '../../modules/questions/questions.module';
import { ExamsModule } from '../../modules/exams/exams.module';
import { RosterModule } from '../../modules/roster/roster.module';
import { WeeklyReportModule } from '../../modules/weekly-report/weekly-report.module';
import { DemoActivitySeeder } from './demo-activity';
import { SeedService } from './seed.service';

@Module({
  imports: [
    RosterModule,
    QuestionsModule,
    PromptsModule,
    CoursesModule,
    LettersModule,
    ExamsModule,
    WeeklyReportModule,
  ],
  providers: [SeedService, DemoActivitySeeder],
  exports: [SeedService],
})
export class SeedModule {}
