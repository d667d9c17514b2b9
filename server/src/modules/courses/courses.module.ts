import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExamsModule } from '../exams/exams.module';
import { CompletionRecorder } from './completion-recorder';
import { CourseContentSeeder } from './course-content-seeder';
import { CourseChapter } from './course-chapter.entity';
import { CourseCompletion } from './course-completion.entity';
import { Course } from './course.entity';
import { LessonProgress } from './lesson-progress.entity';
import { Lesson } from './lesson.entity';
import { CourseLearningController } from './course-learning.controller';
import { CourseLearningService } from './course-learning.service';
import { CoursesController } from './courses.controller';
import { CourseQuizListener } from './course-quiz.listener';
import { CoursesService } from './courses.service';
import { CourseMediaController } from './media/course-media.controller';
import { CourseMediaService } from './media/course-media.service';
import { ReachReportService } from './reach-report.service';

@Module({
  imports: [ExamsModule, TypeOrmModule.forFeature([Course, CourseChapter, Lesson, LessonProgress, CourseCompletion])],
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
