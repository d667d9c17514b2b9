import { Injectable } from '@nestjs/common';
import type { NotPassedPerson, NotReachedPerson, Page, StatsChannels } from '@campus/shared';
import { Sql } from '../../database/sql';
import { finishedAttemptsSql, num, numOrNull, peopleWhereSql, SqlParams, type StatsScope } from './stats-sql';

export interface PageWindow {
  skip: number;
  take: number;
}

/** The named lists a college chases: who has not passed, and who no channel has reached. */
@Injectable()
export class PeopleListQuery {
  constructor(private readonly sql: Sql) {}

  async notPassed(scope: StatsScope, asOf: Date, window: PageWindow): Promise<Page<NotPassedPerson>> {
    const p = new SqlParams();
    const ids = scope.exams.map((e) => e.id);
    // The page is chosen first; attempts used (every attempt, the one in progress too, as 我的考试
    // counts them) are then counted for its twenty people only.
    const statement = `WITH finished AS (${finishedAttemptsSql(scope.exams, asOf, p)}),
      person AS (SELECT f.user_id, MAX(f.passed) AS passed, MAX(f.score) AS best FROM finished f WHERE f.at <= ${p.add(asOf)} GROUP BY f.user_id),
      page_rows AS (
        SELECT u.id, u.username, u.name, u.phone, k.name AS class_name, c.id AS college_id, c.name AS college_name, k.enrollment_year,
          adv.name AS adviser_name, adv.phone AS adviser_phone, p.best, COUNT(*) OVER () AS total
        FROM user u
        JOIN school_class k ON k.id = u.class_id
        JOIN college c ON c.id = k.college_id
        LEFT JOIN user adv ON adv.id = k.adviser_id
        LEFT JOIN person p ON p.user_id = u.id
        WHERE ${peopleWhereSql(scope, p)} AND COALESCE(p.passed, 0) = 0
        ORDER BY c.id, k.name, u.username
        LIMIT ${p.add(window.take)} OFFSET ${p.add(window.skip)}
      )
      SELECT page_rows.*, ${ids.length > 0 ? `(SELECT COUNT(*) FROM exam_attempt a WHERE a.user_id = page_rows.id AND a.exam_id IN (${p.list(ids)}))` : '0'} AS attempts_used
      FROM page_rows
      ORDER BY page_rows.college_id, page_rows.class_name, page_rows.username`;
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values);
    const items = rows.map((r) => ({
      ...personOf(r),
      attemptsUsed: num(r.attempts_used),
      bestScore: numOrNull(r.best),
    }));
    return { items, total: await this.totalOf(rows, window, () => this.notPassed(scope, asOf, { skip: 0, take: 1 })) };
  }

  async notReached(
    scope: StatsScope,
    asOf: Date,
    channels: StatsChannels,
    window: PageWindow,
  ): Promise<Page<NotReachedPerson>> {
    const p = new SqlParams();
    const ctes = [`finished AS (${finishedAttemptsSql(scope.exams, asOf, p)})`];
    ctes.push(`took AS (SELECT DISTINCT f.user_id FROM finished f WHERE f.at <= ${p.add(asOf)})`);
    const joins = ['LEFT JOIN took t ON t.user_id = u.id'];
    const reached = ['t.user_id IS NOT NULL'];
    if (channels.course) {
      ctes.push(
        `course_done AS (SELECT DISTINCT cc.user_id FROM course_completion cc JOIN course cs ON cs.id = cc.course_id WHERE cs.required = 1 AND cs.status = ${p.add('published')} AND cc.completed_at <= ${p.add(asOf)})`,
      );
      joins.push('LEFT JOIN course_done cd ON cd.user_id = u.id');
      reached.push('cd.user_id IS NOT NULL');
    }
    if (channels.letter) {
      ctes.push(
        `letter_done AS (SELECT DISTINCT lc.user_id, l.enrollment_year FROM letter_confirmation lc JOIN letter l ON l.id = lc.letter_id WHERE lc.confirmed_at <= ${p.add(asOf)})`,
      );
      joins.push('LEFT JOIN letter_done ld ON ld.user_id = u.id AND ld.enrollment_year = k.enrollment_year');
      reached.push('ld.user_id IS NOT NULL');
    }
    if (channels.prompt) {
      ctes.push(
        `prompted AS (SELECT DISTINCT d.class_id FROM prompt_delivery d WHERE d.delivered_at <= ${p.add(asOf)})`,
      );
      joins.push('LEFT JOIN prompted pc ON pc.class_id = u.class_id');
      reached.push('pc.class_id IS NOT NULL');
    }
    const statement = `WITH ${ctes.join(',\n      ')}
      SELECT u.id, u.username, u.name, u.phone, k.name AS class_name, c.name AS college_name, k.enrollment_year,
        adv.name AS adviser_name, adv.phone AS adviser_phone, COUNT(*) OVER () AS total
      FROM user u
      JOIN school_class k ON k.id = u.class_id
      JOIN college c ON c.id = k.college_id
      LEFT JOIN user adv ON adv.id = k.adviser_id
      ${joins.join('\n      ')}
      WHERE ${peopleWhereSql(scope, p)} AND NOT (${reached.join(' OR ')})
      ORDER BY c.id, k.name, u.username
      LIMIT ${p.add(window.take)} OFFSET ${p.add(window.skip)}`;
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values);
    return {
      items: rows.map(personOf),
      total: await this.totalOf(rows, window, () => this.notReached(scope, asOf, channels, { skip: 0, take: 1 })),
    };
  }

  /** The window function counts every match; a page past the end has no row to carry it. */
  private async totalOf(
    rows: Array<Record<string, unknown>>,
    window: PageWindow,
    firstPage: () => Promise<{ total: number }>,
  ): Promise<number> {
    if (rows.length > 0) return num(rows[0]!.total);
    if (window.skip === 0) return 0;
    return (await firstPage()).total;
  }
}

function personOf(r: Record<string, unknown>): NotReachedPerson {
  return {
    userId: num(r.id),
    username: String(r.username),
    name: String(r.name),
    className: String(r.class_name),
    collegeName: String(r.college_name),
    enrollmentYear: numOrNull(r.enrollment_year),
    phone: (r.phone as string | null) ?? null,
    adviserName: (r.adviser_name as string | null) ?? null,
    adviserPhone: (r.adviser_phone as string | null) ?? null,
  };
}
