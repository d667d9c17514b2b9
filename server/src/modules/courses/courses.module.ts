import { Module } from '@nestjs/common';
import { ExamsModule } from '../exams/exams.module';
import { CompletionRecorder } from './completion-recorder';
import { CourseContentSeeder } from './course-content-seeder';
import { CourseLearningController } from './course-learning.controller';
import { CourseLearningService } from './course-learning.service';
import { CoursesController } from './courses.controller';
import { CourseQuizListener } from './course-quiz.listener';
import { CoursesService } from './courses.service';
import { CourseMediaController } from './media/course-media.controller';
import { CourseMediaService } from './media/course-media.service';
import { ReachReportService } from './reach-report.service';

@Module({
  imports: [ExamsModule],
  controllers: [CoursesController, CourseLearningController, CourseMediaController],
  providers: [
    CoursesService,
    CourseLearningService,
    CourseMediaService,
    CompletionRecorder,
    ReachReportService,
    CourseContentSeeder,
    CourseQuizListener,
  ],
  exports: [ReachReportService, CourseContentSeeder],
})
export class CoursesModule {}
