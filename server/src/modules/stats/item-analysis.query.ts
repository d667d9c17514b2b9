import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { ItemMoments } from '@campus/shared';
import type { EntityManager } from 'typeorm';
import { Sql } from '../../database/sql';
import { markSql, num, SqlParams } from './stats-sql';

type Moments = ItemMoments<number>;

const MOMENT_COLUMNS = ['n', 'sum_x', 'sum_xx', 'sum_t', 'sum_tt', 'sum_xt'] as const;

/**
 * The sums Moodle's item statistics need, per question of one exam: x is a question's mark, t the
 * attempt's total (its score, as Moodle uses the attempt's sumgrades). They are added up by the
 * database — a big exam has a million answers, too many to carry into memory — in three parts that
 * add up (sums do): submitted attempts already folded into item_moment, submitted attempts not yet
 * folded, and attempts past their deadline that nobody submitted (scored on the spot).
 *
 * Folding: a submitted attempt never changes, so its sums are added to item_moment once. pnpm
 * bench:stats, 1.35 M answers of one exam: adding them all up per request took ≈ 0.5–1.5 s on the
 * shared 2-core machine; with folding a request adds up only the attempts finished since.
 */
@Injectable()
export class ItemAnalysisQuery {
  private readonly logger = new Logger(ItemAnalysisQuery.name);

  constructor(private readonly sql: Sql) {}

  async moments(examId: number, collegeId: number | null, now: Date): Promise<Map<number, Moments>> {
    if (collegeId !== null) {
      // One college's share is small: added up on the spot, all of it.
      return sumUp([await this.submitted(examId, collegeId, false), await this.pending(examId, collegeId, now)]);
    }
    await this.fold(examId);
    // One snapshot for the three parts, so a fold committing meanwhile is counted exactly once.
    const parts = await this.sql.transaction(async (manager) => [
      await this.folded(examId, manager),
      await this.submitted(examId, null, true, manager),
      await this.pending(examId, null, now, manager),
    ]);
    return sumUp(parts);
  }

  /**
   * Adds the submitted attempts not folded yet to item_moment, in one transaction with their
   * markers. Two instances folding at once collide on the markers' primary key; the loser rolls
   * back and its request counts those attempts from the other parts.
   */
  async fold(examId: number): Promise<void> {
    const batch = randomUUID();
    try {
      await this.sql.transaction(async (manager) => {
        const marked = await this.sql.execute(
          `INSERT INTO item_moment_attempt (attempt_id, exam_id, batch)
           SELECT a.id, a.exam_id, ? FROM exam_attempt a LEFT JOIN item_moment_attempt f ON f.attempt_id = a.id
           WHERE a.exam_id = ? AND a.submitted_at IS NOT NULL AND f.attempt_id IS NULL`,
          [batch, examId],
          manager,
        );
        if (marked === 0) return;
        const p = new SqlParams();
        const rows = await this.read(
          `SELECT aq.question_id AS qid, ${this.sums('aq.awarded', 'a.score')}
           FROM item_moment_attempt f JOIN exam_attempt a ON a.id = f.attempt_id JOIN attempt_question aq ON aq.attempt_id = a.id
           WHERE f.batch = ${p.add(batch)} GROUP BY aq.question_id`,
          p,
          manager,
        );
        await this.addToFolded(examId, rows, manager);
      });
    } catch (error) {
      this.logger.warn(`Item analysis of exam ${examId}: folding skipped (${String(error)})`);
    }
  }

  private async addToFolded(examId: number, rows: Moments[], manager: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    const columns = ['exam_id', 'question_id', ...MOMENT_COLUMNS, 'max_mark'];
    const added = MOMENT_COLUMNS.map((c) => `${c} = item_moment.${c} + ${this.sql.proposed(c)}`);
    const maxMark = `max_mark = CASE WHEN ${this.sql.proposed('max_mark')} > item_moment.max_mark THEN ${this.sql.proposed('max_mark')} ELSE item_moment.max_mark END`;
    const tuple = `(${columns.map(() => '?').join(',')})`;
    await this.sql.query(
      `INSERT INTO item_moment (${columns.join(',')}) VALUES ${rows.map(() => tuple).join(',')}
       ${this.sql.onConflict(['exam_id', 'question_id'], [...added, maxMark].join(', '))}`,
      rows.flatMap((m) => [examId, m.questionId, m.n, m.sumX, m.sumXX, m.sumT, m.sumTT, m.sumXT, m.maxMark]),
      manager,
    );
  }

  private folded(examId: number, manager: EntityManager): Promise<Moments[]> {
    const p = new SqlParams();
    return this.read(
      `SELECT question_id AS qid, n, max_mark, sum_x AS sx, sum_xx AS sxx, sum_t AS st, sum_tt AS stt, sum_xt AS sxt FROM item_moment WHERE exam_id = ${p.add(examId)}`,
      p,
      manager,
    );
  }

  /** Submitted attempts, all of them or only those not folded yet, optionally of one college. */
  private submitted(
    examId: number,
    collegeId: number | null,
    unfoldedOnly: boolean,
    manager?: EntityManager,
  ): Promise<Moments[]> {
    const p = new SqlParams();
    const joins = [
      collegeId === null ? '' : 'JOIN user u ON u.id = a.user_id',
      unfoldedOnly ? 'LEFT JOIN item_moment_attempt f ON f.attempt_id = a.id' : '',
    ].join(' ');
    const where = [`a.exam_id = ${p.add(examId)}`, 'a.submitted_at IS NOT NULL'];
    if (unfoldedOnly) where.push('f.attempt_id IS NULL');
    if (collegeId !== null) where.push(`u.college_id = ${p.add(collegeId)}`);
    return this.read(
      `SELECT aq.question_id AS qid, ${this.sums('aq.awarded', 'a.score')}
       FROM exam_attempt a ${joins} JOIN attempt_question aq ON aq.attempt_id = a.id
       WHERE ${where.join(' AND ')} GROUP BY aq.question_id`,
      p,
      manager,
    );
  }

  /** Attempts past their deadline that nobody submitted: marked and totalled here. */
  private pending(examId: number, collegeId: number | null, now: Date, manager?: EntityManager): Promise<Moments[]> {
    const p = new SqlParams();
    const byCollege = collegeId === null ? '' : 'JOIN user u ON u.id = x.user_id';
    return this.read(
      `WITH marks AS (
        SELECT aq.attempt_id, aq.question_id, aq.score, ${markSql('aq')} AS x
        FROM exam_attempt x ${byCollege}
        JOIN attempt_question aq ON aq.attempt_id = x.id
        WHERE x.exam_id = ${p.add(examId)} AND x.submitted_at IS NULL AND x.deadline <= ${p.add(now)}${collegeId === null ? '' : ` AND u.college_id = ${p.add(collegeId)}`}
      ),
      totals AS (SELECT attempt_id, ROUND(SUM(x), 2) AS t FROM marks GROUP BY attempt_id)
      SELECT m.question_id AS qid, ${this.sums('m.x', 't.t', 'm.score')}
      FROM marks m JOIN totals t ON t.attempt_id = m.attempt_id
      GROUP BY m.question_id`,
      p,
      manager,
    );
  }

  private sums(x: string, t: string, maxMark = 'aq.score'): string {
    return `COUNT(*) AS n, MAX(${maxMark}) AS max_mark, SUM(${x}) AS sx, SUM(${x} * ${x}) AS sxx, SUM(${t}) AS st, SUM(${t} * ${t}) AS stt, SUM(${x} * ${t}) AS sxt`;
  }

  private async read(statement: string, p: SqlParams, manager?: EntityManager): Promise<Moments[]> {
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values, manager);
    return rows.map((r) => ({
      questionId: num(r.qid),
      maxMark: num(r.max_mark),
      n: num(r.n),
      sumX: num(r.sx),
      sumXX: num(r.sxx),
      sumT: num(r.st),
      sumTT: num(r.stt),
      sumXT: num(r.sxt),
    }));
  }
}

function sumUp(parts: Moments[][]): Map<number, Moments> {
  const result = new Map<number, Moments>();
  for (const m of parts.flat()) {
    const sum = result.get(m.questionId);
    if (!sum) {
      result.set(m.questionId, { ...m });
      continue;
    }
    sum.maxMark = Math.max(sum.maxMark, m.maxMark);
    sum.n += m.n;
    sum.sumX += m.sumX;
    sum.sumXX += m.sumXX;
    sum.sumT += m.sumT;
    sum.sumTT += m.sumTT;
    sum.sumXT += m.sumXT;
  }
  return result;
}
