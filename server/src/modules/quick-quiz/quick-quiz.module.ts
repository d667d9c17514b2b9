import { Module } from '@nestjs/common';
import { ExamsModule } from '../exams/exams.module';
import { TeachingModule } from '../teaching/teaching.module';
import { QuickQuestionService } from './quick-question.service';
import { QuickQuizController } from './quick-quiz.controller';
import { QuickQuizHub } from './quick-quiz-hub';
import { QuickQuizStatsService } from './quick-quiz-stats.service';
import { QuickQuizService } from './quick-quiz.service';

@Module({
  imports: [TeachingModule, ExamsModule],
  controllers: [QuickQuizController],
  providers: [QuickQuestionService, QuickQuizService, QuickQuizHub, QuickQuizStatsService],
  exports: [QuickQuestionService, QuickQuizStatsService],
})
export class QuickQuizModule {}
