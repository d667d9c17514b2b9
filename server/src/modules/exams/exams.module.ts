import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { AttemptQuestion } from './attempt-question.entity';
import { ExamAttempt } from './exam-attempt.entity';
import { QuestionsModule } from '../questions/questions.module';
import { AttemptFinalizer } from './attempt-finalizer';
import { AttemptPaperCache } from './attempt-paper-cache';
import { AttemptCloseService } from './attempt-close.service';
import { AttemptLeaveService } from './attempt-leave.service';
import { AttemptPaperDrawer } from './attempt-paper-drawer';
import { AttemptReviewService } from './attempt-review.service';
import { AttemptSaveService } from './attempt-save.service';
import { AttemptStartService } from './attempt-start.service';
import { AttemptsController } from './attempts.controller';
import { ExamCache } from './exam-cache';
import { ExamManagementController } from './exam-management.controller';
import { ExamManagementService } from './exam-management.service';
import { ExamMonitorController } from './exam-monitor.controller';
import { ExamMonitorQuery } from './exam-monitor.query';
import { ExamMonitorService } from './exam-monitor.service';
import { ExamsController } from './exams.controller';
import { ExamsService } from './exams.service';
import { KeyDisclosure } from './key-disclosure';
import { PracticeService } from './practice.service';

@Module({
  imports: [QuestionsModule, UsersModule, TypeOrmModule.forFeature([ExamAttempt, AttemptQuestion])],
  controllers: [ExamsController, AttemptsController, ExamManagementController, ExamMonitorController],
  providers: [
    ExamsService,
    ExamManagementService,
    AttemptStartService,
    AttemptPaperDrawer,
    AttemptSaveService,
    AttemptCloseService,
    AttemptLeaveService,
    AttemptReviewService,
    PracticeService,
    ExamCache,
    AttemptFinalizer,
    KeyDisclosure,
    AttemptPaperCache,
    ExamMonitorQuery,
    ExamMonitorService,
  ],
  exports: [AttemptCloseService, ExamCache, ExamsService],
})
export class ExamsModule {}
