import { Module } from '@nestjs/common';
import { CoursesModule } from '../../modules/courses/courses.module';
import { PromptsModule } from '../../modules/prompts/prompts.module';
import { QuestionsModule } from '../../modules/questions/questions.module';
import { RosterModule } from '../../modules/roster/roster.module';
import { SeedService } from './seed.service';

@Module({
  imports: [RosterModule, QuestionsModule, PromptsModule, CoursesModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
