import { Injectable } from '@nestjs/common';
import type { StatsChannels, StatsGroupBy } from '@campus/shared';
import { Sql } from '../../database/sql';
import { sumCounts } from './awareness-figures';
import { classesWhereSql, finishedAttemptsSql, num, peopleWhereSql, SqlParams, type StatsScope } from './stats-sql';

/** What held at one cut-off: people who had taken, passed, been reached. */
export interface CutFigures {
  took: number;
  passed: number;
  reached: number;
}

/** Raw counts of one college or class; AwarenessFigures are made from these (awareness-figures.ts). */
export interface GroupCounts {
  people: number;
  /** One per cut-off asked for, the first being "as of". */
  cuts: CutFigures[];
  /** Sum and count of the participants' best scores (additive, so totals can be summed). */
  scoreSum: number;
  scored: number;
  course: number | null;
  letterPeople: number | null;
  letter: number | null;
  app: number | null;
  deliveries: number | null;
  deliveriesWeek: number | null;
  classesPromptedWeek: number | null;
}

export const WEEK_MS = 7 * 24 * 3600_000;

/**
 * Awareness per college or class in one statement: every person of the scope once, with their
 * exam standing (from the finished attempts) and each channel that reached them, counted as of
 * several cut-offs at once — now and a week ago for the week-over-week change, or a series of
 * Fridays for the trend. Roster changes are not historical: the people are today's.
 */
@Injectable()
export class AwarenessCountsQuery {
  constructor(private readonly sql: Sql) {}

  async byGroup(
    scope: StatsScope,
    groupBy: StatsGroupBy,
    cutoffs: readonly Date[],
    channels: StatsChannels,
  ): Promise<Map<number, GroupCounts>> {
    const asOf = cutoffs[0];
    if (!asOf) throw new Error('at least one cut-off is needed');
    const [people, deliveries] = await Promise.all([
      this.people(scope, groupBy, cutoffs, channels),
      channels.prompt ? this.deliveries(scope, groupBy, asOf) : Promise.resolve(null),
    ]);
    attachDeliveries(people, deliveries);
    return people;
  }

  /**
   * Per class and per college at once, for the weekly report: the people statement (the expensive
   * part, every person of the school with their attempts and channels) runs once, grouped by class,
   * and the colleges' counts are the sums of their classes' (counts are additive, each person is in
   * one class). Only the 课前3分钟 deliveries are counted per college on their own: a college's
   * deliveries include those to classes without any person in scope. pnpm bench:stats: the report
   * ran the people statement twice (by college, then by class); once saves ≈ 0.5 s of 1.5 s.
   */
  async byClassAndCollege(
    scope: StatsScope,
    cutoffs: readonly Date[],
    channels: StatsChannels,
  ): Promise<{ classes: Map<number, GroupCounts>; colleges: Map<number, GroupCounts> }> {
    const asOf = cutoffs[0];
    if (!asOf) throw new Error('at least one cut-off is needed');
    const [rows, classDeliveries, collegeDeliveries] = await Promise.all([
      this.rows(scope, 'class', cutoffs, channels),
      channels.prompt ? this.deliveries(scope, 'class', asOf) : Promise.resolve(null),
      channels.prompt ? this.deliveries(scope, 'college', asOf) : Promise.resolve(null),
    ]);
    const byCollege = new Map<number, GroupCounts[]>();
    for (const row of rows) byCollege.set(row.collegeId, [...(byCollege.get(row.collegeId) ?? []), row.counts]);
    const classes = this.merged(
      rows.map((r) => [r.gid, r.counts]),
      cutoffs.length,
    );
    const colleges = new Map<number, GroupCounts>();
    for (const [collegeId, list] of byCollege) colleges.set(collegeId, sumCounts(list, cutoffs.length));
    attachDeliveries(classes, classDeliveries);
    attachDeliveries(colleges, collegeDeliveries);
    return { classes, colleges };
  }

  private merged(entries: Array<[number, GroupCounts]>, cutCount: number): Map<number, GroupCounts> {
    const lists = new Map<number, GroupCounts[]>();
    for (const [id, counts] of entries) lists.set(id, [...(lists.get(id) ?? []), counts]);
    return new Map([...lists].map(([id, list]) => [id, list.length === 1 ? list[0]! : sumCounts(list, cutCount)]));
  }

  private async people(
    scope: StatsScope,
    groupBy: StatsGroupBy,
    cutoffs: readonly Date[],
    channels: StatsChannels,
  ): Promise<Map<number, GroupCounts>> {
    const rows = await this.rows(scope, groupBy, cutoffs, channels);
    return this.merged(
      rows.map((r) => [r.gid, r.counts]),
      cutoffs.length,
    );
  }

  private async rows(
    scope: StatsScope,
    groupBy: StatsGroupBy,
    cutoffs: readonly Date[],
    channels: StatsChannels,
  ): Promise<Array<{ gid: number; collegeId: number; counts: GroupCounts }>> {
    const asOf = cutoffs[0]!;
    const p = new SqlParams();
    const ctes = [`finished AS (\n    ${finishedAttemptsSql(scope.exams, asOf, p)}\n  )`];
    const personColumns = cutoffs.map(
      (cut, i) =>
        `MAX(CASE WHEN f.at <= ${p.add(cut)} THEN 1 ELSE 0 END) AS took${i}, MAX(CASE WHEN f.at <= ${p.add(cut)} THEN f.passed ELSE 0 END) AS passed${i}`,
    );
    personColumns.push(`MAX(CASE WHEN f.at <= ${p.add(asOf)} THEN f.score END) AS best`);
    ctes.push(`person AS (SELECT f.user_id, ${personColumns.join(', ')} FROM finished f GROUP BY f.user_id)`);
    // Course completion = at least one published required course completed (a finer rule needs
    // each course's audience per person; see the README of this module).
    if (channels.course) {
      ctes.push(
        `course_done AS (SELECT cc.user_id, MIN(cc.completed_at) AS at FROM course_completion cc JOIN course c ON c.id = cc.course_id WHERE c.required = 1 AND c.status = ${p.add('published')} GROUP BY cc.user_id)`,
      );
    }
    if (channels.letter) {
      ctes.push(
        'letter_done AS (SELECT lc.user_id, l.enrollment_year, MIN(lc.confirmed_at) AS at FROM letter_confirmation lc JOIN letter l ON l.id = lc.letter_id GROUP BY lc.user_id, l.enrollment_year)',
      );
    }
    if (channels.prompt)
      ctes.push(
        'prompted AS (SELECT d.class_id, MIN(d.delivered_at) AS at FROM prompt_delivery d GROUP BY d.class_id)',
      );

    const reachedBy = (i: number, cut: Date) => {
      const ways = [`COALESCE(p.took${i}, 0) = 1`];
      if (channels.course) ways.push(`cd.at <= ${p.add(cut)}`);
      if (channels.letter) ways.push(`ld.at <= ${p.add(cut)}`);
      if (channels.prompt) ways.push(`pc.at <= ${p.add(cut)}`);
      return `SUM(CASE WHEN ${ways.join(' OR ')} THEN 1 ELSE 0 END) AS reached${i}`;
    };
    const group = groupBy === 'class' ? 'u.class_id' : 'u.college_id';
    const columns = [`${group} AS gid`, 'u.college_id AS cid', 'COUNT(*) AS people'];
    cutoffs.forEach((cut, i) =>
      columns.push(
        `SUM(COALESCE(p.took${i}, 0)) AS took${i}`,
        `SUM(COALESCE(p.passed${i}, 0)) AS passed${i}`,
        reachedBy(i, cut),
      ),
    );
    columns.push('SUM(p.best) AS score_sum', 'COUNT(p.best) AS scored');
    if (channels.course) columns.push(`SUM(CASE WHEN cd.at <= ${p.add(asOf)} THEN 1 ELSE 0 END) AS course`);
    if (channels.letter)
      columns.push(
        'SUM(CASE WHEN ly.id IS NOT NULL THEN 1 ELSE 0 END) AS letter_people',
        `SUM(CASE WHEN ld.at <= ${p.add(asOf)} THEN 1 ELSE 0 END) AS letter`,
      );
    if (channels.app) columns.push(`SUM(CASE WHEN ad.reported_at <= ${p.add(asOf)} THEN 1 ELSE 0 END) AS app`);

    const joins = ['JOIN school_class k ON k.id = u.class_id', 'LEFT JOIN person p ON p.user_id = u.id'];
    if (channels.course) joins.push('LEFT JOIN course_done cd ON cd.user_id = u.id');
    if (channels.letter)
      joins.push(
        'LEFT JOIN letter ly ON ly.enrollment_year = k.enrollment_year',
        'LEFT JOIN letter_done ld ON ld.user_id = u.id AND ld.enrollment_year = k.enrollment_year',
      );
    // One report per person (its primary key): joined directly, no grouping needed.
    if (channels.app) joins.push('LEFT JOIN anti_fraud_app_report ad ON ad.user_id = u.id AND ad.installed = 1');
    if (channels.prompt) joins.push('LEFT JOIN prompted pc ON pc.class_id = u.class_id');

    const statement = `WITH ${ctes.join(',\n  ')}
      SELECT ${columns.join(',\n        ')}
      FROM user u
      ${joins.join('\n      ')}
      WHERE ${peopleWhereSql(scope, p)}
      GROUP BY ${groupBy === 'class' ? 'u.class_id, u.college_id' : 'u.college_id'}`;
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values);
    return rows.map((r) => ({
      gid: num(r.gid),
      collegeId: num(r.cid),
      counts: {
        people: num(r.people),
        cuts: cutoffs.map((_, i) => ({
          took: num(r[`took${i}`]),
          passed: num(r[`passed${i}`]),
          reached: num(r[`reached${i}`]),
        })),
        scoreSum: num(r.score_sum),
        scored: num(r.scored),
        course: channels.course ? num(r.course) : null,
        letterPeople: channels.letter ? num(r.letter_people) : null,
        letter: channels.letter ? num(r.letter) : null,
        app: channels.app ? num(r.app) : null,
        deliveries: null,
        deliveriesWeek: null,
        classesPromptedWeek: null,
      },
    }));
  }

  /** 课前3分钟 deliveries to the scope's classes up to `asOf`, and in its last seven days. */
  private async deliveries(
    scope: StatsScope,
    groupBy: StatsGroupBy,
    asOf: Date,
  ): Promise<Map<number, { total: number; week: number; classesWeek: number }>> {
    const p = new SqlParams();
    const weekStart = new Date(asOf.getTime() - WEEK_MS);
    const group = groupBy === 'class' ? 'k.id' : 'k.college_id';
    const statement = `SELECT ${group} AS gid, COUNT(*) AS total,
        SUM(CASE WHEN d.delivered_at > ${p.add(weekStart)} THEN 1 ELSE 0 END) AS week,
        COUNT(DISTINCT CASE WHEN d.delivered_at > ${p.add(weekStart)} THEN d.class_id END) AS classes_week
      FROM prompt_delivery d JOIN school_class k ON k.id = d.class_id
      WHERE d.delivered_at <= ${p.add(asOf)} AND ${classesWhereSql(scope, p)}
      GROUP BY ${group}`;
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values);
    return new Map(
      rows.map((r) => [num(r.gid), { total: num(r.total), week: num(r.week), classesWeek: num(r.classes_week) }]),
    );
  }
}

function attachDeliveries(
  groups: Map<number, GroupCounts>,
  deliveries: Map<number, { total: number; week: number; classesWeek: number }> | null,
): void {
  if (!deliveries) return;
  for (const [id, counts] of groups) {
    const prompts = deliveries.get(id);
    counts.deliveries = prompts?.total ?? 0;
    counts.deliveriesWeek = prompts?.week ?? 0;
    counts.classesPromptedWeek = prompts?.classesWeek ?? 0;
  }
}
