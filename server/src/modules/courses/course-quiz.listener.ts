import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AttemptCloseService } from '../exams/attempt-close.service';
import { CompletionRecorder } from './completion-recorder';
import { Course } from './course.entity';

/**
 * Passing an exam that is a course's end-of-course quiz may complete that course (when its lessons
 * are done too). The exam engine knows nothing of courses: it only announces passed attempts.
 */
@Injectable()
export class CourseQuizListener {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: CompletionRecorder,
    attempts: AttemptCloseService,
  ) {
    attempts.onPassed(async (examId, userId) => {
      const courses = await this.dataSource
        .getRepository(Course)
        .find({ where: { quizExamId: examId }, select: { id: true } });
      for (const course of courses) await this.recorder.record(course.id, userId);
    });
  }
}
