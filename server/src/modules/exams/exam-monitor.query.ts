import { Injectable } from '@nestjs/common';
import type { ExamAudience } from '@campus/shared';
import { Sql } from '../../database/sql';
import { rawDate } from '../../database/raw-values';
import { finishedAttemptsSql, num, peopleWhereSql, SqlParams } from '../stats/stats-sql';

/** Counts of one class, for every class of the exam's audience. */
export interface MonitorClassRow {
  collegeId: number;
  collegeName: string;
  classId: number;
  className: string;
  people: number;
  notStarted: number;
  answering: number;
  submitted: number;
  passed: number;
  leaves: number;
}

export interface MonitorOpenAttempt {
  attemptId: number;
  userId: number;
  username: string;
  name: string;
  collegeId: number | null;
  collegeName: string | null;
  className: string | null;
  startedAt: Date;
  deadline: Date;
  leaveCount: number;
}

/** Everything the monitor shows of one exam, for the whole school; viewers get their share of it. */
export interface MonitorData {
  at: Date;
  classes: MonitorClassRow[];
  open: MonitorOpenAttempt[];
}

/** Marks the statement, so that tests and the slow-query log can tell it apart. */
export const MONITOR_SQL_TAG = '/* exam-monitor */';

/**
 * The live figures of one exam in ONE statement: per class, how many of the audience have not
 * started, are answering, have submitted and have passed, and their 切屏; then every attempt open
 * right now. One statement is one consistent read (InnoDB), so the list and the counts agree, and
 * one round trip per refresh whatever the number of viewers (SharedPoll).
 *
 * An attempt past its deadline that the timer has not closed yet counts as submitted and is scored
 * in SQL (finishedAttemptsSql), as every statistic does.
 */
@Injectable()
export class ExamMonitorQuery {
  constructor(private readonly sql: Sql) {}

  async load(exam: { id: number; title: string; audience: ExamAudience }, now: Date): Promise<MonitorData> {
    const p = new SqlParams();
    const finished = finishedAttemptsSql([exam], now, p);
    const tried = `SELECT a.user_id, SUM(a.leave_count) AS leaves,
          MAX(CASE WHEN a.submitted_at IS NULL AND a.deadline > ${p.add(now)} THEN 1 ELSE 0 END) AS answering
        FROM exam_attempt a WHERE a.exam_id = ${p.add(exam.id)} GROUP BY a.user_id`;
    const people = peopleWhereSql({ exams: [exam], collegeId: null, classId: null, enrollmentYear: null }, p);
    const openExamId = p.add(exam.id);
    const openNow = p.add(now);
    const statement = `${MONITOR_SQL_TAG}
      WITH finished AS (
        ${finished}
      ),
      standing AS (SELECT f.user_id, MAX(f.passed) AS passed FROM finished f GROUP BY f.user_id),
      tried AS (${tried})
      SELECT 'class' AS kind, u.college_id AS college_id, c.name AS college_name, u.class_id AS class_id,
        k.name AS class_name, COUNT(*) AS people,
        SUM(CASE WHEN t.user_id IS NULL THEN 1 ELSE 0 END) AS not_started,
        SUM(COALESCE(t.answering, 0)) AS answering,
        SUM(CASE WHEN s.user_id IS NOT NULL AND COALESCE(t.answering, 0) = 0 THEN 1 ELSE 0 END) AS submitted,
        SUM(COALESCE(s.passed, 0)) AS passed,
        SUM(COALESCE(t.leaves, 0)) AS leaves,
        NULL AS attempt_id, NULL AS user_id, NULL AS username, NULL AS name,
        NULL AS started_at, NULL AS deadline
      FROM user u
      JOIN school_class k ON k.id = u.class_id
      JOIN college c ON c.id = u.college_id
      LEFT JOIN tried t ON t.user_id = u.id
      LEFT JOIN standing s ON s.user_id = u.id
      WHERE ${people}
      GROUP BY u.college_id, c.name, u.class_id, k.name
      UNION ALL
      SELECT 'open', u.college_id, c.name, u.class_id, k.name, NULL, NULL, NULL, NULL, NULL, a.leave_count,
        a.id, a.user_id, u.username, u.name, a.started_at, a.deadline
      FROM exam_attempt a
      JOIN user u ON u.id = a.user_id
      LEFT JOIN college c ON c.id = u.college_id
      LEFT JOIN school_class k ON k.id = u.class_id
      WHERE a.exam_id = ${openExamId} AND a.submitted_at IS NULL AND a.deadline > ${openNow}`;
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values);
    const data: MonitorData = { at: now, classes: [], open: [] };
    for (const r of rows) {
      if (r.kind === 'class') {
        data.classes.push({
          collegeId: num(r.college_id),
          collegeName: String(r.college_name),
          classId: num(r.class_id),
          className: String(r.class_name),
          people: num(r.people),
          notStarted: num(r.not_started),
          answering: num(r.answering),
          submitted: num(r.submitted),
          passed: num(r.passed),
          leaves: num(r.leaves),
        });
        continue;
      }
      data.open.push({
        attemptId: num(r.attempt_id),
        userId: num(r.user_id),
        username: String(r.username),
        name: String(r.name),
        collegeId: r.college_id === null ? null : num(r.college_id),
        collegeName: (r.college_name as string | null) ?? null,
        className: (r.class_name as string | null) ?? null,
        startedAt: rawDate(r.started_at)!,
        deadline: rawDate(r.deadline)!,
        leaveCount: num(r.leaves),
      });
    }
    return data;
  }
}
