import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { Sql } from '../../database/sql';

/**
 * Writes course_completion rows: one per person who has completed every lesson of a course (and
 * passed its end-of-course quiz, when it has one), the first time only. One INSERT … SELECT, so two lessons finished at the same moment cannot both miss
 * the other (each statement counts what is committed), and a repeat keeps the first time.
 */
@Injectable()
export class CompletionRecorder {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  /** For one person (after their progress), or everyone (after lessons were removed from the course). */
  async record(courseId: number, userId?: number, manager?: EntityManager): Promise<void> {
    const forUser = userId === undefined ? '' : ' AND p.user_id = ?';
    // The people who are done come from a derived table with its own column names, so the upsert
    // clause's `completed_at` can only mean course_completion's (MySQL finds lesson_progress's
    // otherwise ambiguous); `WHERE 1 = 1` keeps SQLite from reading ON CONFLICT as a join's ON.
    const statement =
      'INSERT INTO course_completion (user_id, course_id, completed_at) ' +
      'SELECT done.uid, done.cid, ? FROM (' +
      'SELECT p.user_id AS uid, p.course_id AS cid FROM lesson_progress p ' +
      `WHERE p.course_id = ? AND p.completed_at IS NOT NULL${forUser} ` +
      'GROUP BY p.user_id, p.course_id ' +
      'HAVING COUNT(*) = (SELECT COUNT(*) FROM lesson l WHERE l.course_id = ?)' +
      ') done WHERE 1 = 1 ' +
      // A course with an end-of-course quiz completes only once the quiz is passed too.
      'AND (NOT EXISTS (SELECT 1 FROM course c WHERE c.id = ? AND c.quiz_exam_id IS NOT NULL) ' +
      'OR EXISTS (SELECT 1 FROM course c JOIN exam_attempt a ON a.exam_id = c.quiz_exam_id ' +
      'WHERE c.id = ? AND a.user_id = done.uid AND a.passed = ?)) ' +
      this.sql.onConflict(['user_id', 'course_id'], 'completed_at = completed_at');
    const params = [
      this.clock.date(),
      courseId,
      ...(userId === undefined ? [] : [userId]),
      courseId,
      courseId,
      courseId,
      true,
    ];
    await this.sql.execute(statement, params, manager);
  }
}
