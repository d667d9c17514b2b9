import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
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
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    private readonly recorder: CompletionRecorder,
    attempts: AttemptCloseService,
  ) {
    attempts.onPassed(async (examId, userId) => {
      const quizOf = await this.courses.find({ where: { quizExamId: examId }, select: { id: true } });
      for (const course of quizOf) await this.recorder.record(course.id, userId);
    });
  }
}
