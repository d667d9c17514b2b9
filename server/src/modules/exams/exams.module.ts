import { Module } from '@nestjs/common';
import { QuestionsModule } from '../questions/questions.module';
import { AttemptFinalizer } from './attempt-finalizer';
import { AttemptPaperCache } from './attempt-paper-cache';
import { AttemptService } from './attempt.service';
import { AttemptsController } from './attempts.controller';
import { ExamCache } from './exam-cache';
import { ExamManagementController } from './exam-management.controller';
import { ExamManagementService } from './exam-management.service';
import { ExamsController } from './exams.controller';
import { ExamsService } from './exams.service';
import { KeyDisclosure } from './key-disclosure';
import { PracticeService } from './practice.service';

@Module({
  imports: [QuestionsModule],
  controllers: [ExamsController, AttemptsController, ExamManagementController],
  providers: [
    ExamsService,
    ExamManagementService,
    AttemptService,
    PracticeService,
    ExamCache,
    AttemptFinalizer,
    KeyDisclosure,
    AttemptPaperCache,
  ],
  exports: [AttemptService, ExamCache, ExamsService],
})
export class ExamsModule {}
