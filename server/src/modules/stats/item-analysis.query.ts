import { Injectable } from '@nestjs/common';
import type { ItemMoments } from '@campus/shared';
import { Sql } from '../../database/sql';
import { markSql, num, SqlParams } from './stats-sql';

/**
 * The sums Moodle's item statistics need, per question of one exam, added up by the database: a
 * big exam has a million answers, too many to carry into memory for each request. x is a
 * question's mark, t the attempt's total (its score, as Moodle uses the attempt's sumgrades).
 * Submitted attempts and those past their deadline but not closed yet are summed separately
 * (the latter scored on the spot) and added together: sums add up.
 */
@Injectable()
export class ItemAnalysisQuery {
  constructor(private readonly sql: Sql) {}

  async moments(examId: number, collegeId: number | null, now: Date): Promise<Map<number, ItemMoments<number>>> {
    const [submitted, pending] = await Promise.all([this.submitted(examId, collegeId), this.pending(examId, collegeId, now)]);
    const result = new Map<number, ItemMoments<number>>();
    for (const m of [...submitted, ...pending]) {
      const sum = result.get(m.questionId);
      if (!sum) {
        result.set(m.questionId, m);
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

  private async submitted(examId: number, collegeId: number | null): Promise<Array<ItemMoments<number>>> {
    const p = new SqlParams();
    const byCollege = collegeId === null ? '' : 'JOIN user u ON u.id = a.user_id';
    const statement = `SELECT aq.question_id AS qid, COUNT(*) AS n, MAX(aq.score) AS max_mark,
        SUM(aq.awarded) AS sx, SUM(aq.awarded * aq.awarded) AS sxx,
        SUM(a.score) AS st, SUM(a.score * a.score) AS stt, SUM(aq.awarded * a.score) AS sxt
      FROM exam_attempt a ${byCollege}
      JOIN attempt_question aq ON aq.attempt_id = a.id
      WHERE a.exam_id = ${p.add(examId)} AND a.submitted_at IS NOT NULL${collegeId === null ? '' : ` AND u.college_id = ${p.add(collegeId)}`}
      GROUP BY aq.question_id`;
    return this.read(statement, p);
  }

  private async pending(examId: number, collegeId: number | null, now: Date): Promise<Array<ItemMoments<number>>> {
    const p = new SqlParams();
    const byCollege = collegeId === null ? '' : 'JOIN user u ON u.id = x.user_id';
    const statement = `WITH marks AS (
        SELECT aq.attempt_id, aq.question_id, aq.score AS max_mark, ${markSql('aq', 'qv')} AS x
        FROM exam_attempt x ${byCollege}
        JOIN attempt_question aq ON aq.attempt_id = x.id
        LEFT JOIN question_version qv ON qv.id = aq.question_version_id
        WHERE x.exam_id = ${p.add(examId)} AND x.submitted_at IS NULL AND x.deadline <= ${p.add(now)}${collegeId === null ? '' : ` AND u.college_id = ${p.add(collegeId)}`}
      ),
      totals AS (SELECT attempt_id, ROUND(SUM(x), 2) AS t FROM marks GROUP BY attempt_id)
      SELECT m.question_id AS qid, COUNT(*) AS n, MAX(m.max_mark) AS max_mark,
        SUM(m.x) AS sx, SUM(m.x * m.x) AS sxx, SUM(t.t) AS st, SUM(t.t * t.t) AS stt, SUM(m.x * t.t) AS sxt
      FROM marks m JOIN totals t ON t.attempt_id = m.attempt_id
      GROUP BY m.question_id`;
    return this.read(statement, p);
  }

  private async read(statement: string, p: SqlParams): Promise<Array<ItemMoments<number>>> {
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values);
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
