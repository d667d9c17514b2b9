import { Module } from '@nestjs/common';
import { QuestionImportService } from './question-import.service';
import { QuestionPool } from './question-pool';
import { QuestionQualityService } from './question-quality.service';
import { QuestionSeedService } from './question-seed.service';
import { QuestionsController } from './questions.controller';
import { QuestionsService } from './questions.service';

@Module({
  controllers: [QuestionsController],
  providers: [QuestionsService, QuestionImportService, QuestionSeedService, QuestionPool, QuestionQualityService],
  exports: [QuestionsService, QuestionSeedService, QuestionPool],
})
export class QuestionsModule {}
