import { Injectable } from '@nestjs/common';
import type { FraudType } from '@campus/shared';
import { Sql } from '../../database/sql';
import { answerMatchesSql, num, peopleWhereSql, SqlParams, type StatsScope } from './stats-sql';

export interface FraudTypeCount {
  collegeId: number;
  fraudType: FraudType;
  answered: number;
  correct: number;
}

/**
 * Weak spots: per college and fraud type (of the version a student was shown), how many answers
 * in finished attempts at the counted exams there were and how many were right. A question left
 * unanswered counts as answered wrong: it was on the paper.
 */
@Injectable()
export class FraudTypeQuery {
  constructor(private readonly sql: Sql) {}

  async counts(scope: StatsScope, asOf: Date): Promise<FraudTypeCount[]> {
    if (scope.exams.length === 0) return [];
    const [submitted, pending] = await Promise.all([
      this.read(scope, 'a.submitted_at IS NOT NULL AND a.submitted_at <= ?', asOf, 'aq.awarded > 0'),
      this.read(scope, 'a.submitted_at IS NULL AND a.deadline <= ?', asOf, answerMatchesSql('aq.answer', 'qv.answer')),
    ]);
    const merged = new Map<string, FraudTypeCount>();
    for (const row of [...submitted, ...pending]) {
      const key = `${row.collegeId}|${row.fraudType}`;
      const sum = merged.get(key);
      if (sum) {
        sum.answered += row.answered;
        sum.correct += row.correct;
      } else {
        merged.set(key, { ...row });
      }
    }
    return [...merged.values()];
  }

  private async read(scope: StatsScope, finished: string, asOf: Date, correct: string): Promise<FraudTypeCount[]> {
    const p = new SqlParams();
    const examIds = p.list(scope.exams.map((e) => e.id));
    p.add(asOf); // the `?` inside `finished`
    const statement = `SELECT u.college_id AS gid, qv.fraud_type AS fraud_type, COUNT(*) AS answered,
        SUM(CASE WHEN ${correct} THEN 1 ELSE 0 END) AS correct
      FROM exam_attempt a
      JOIN user u ON u.id = a.user_id
      JOIN school_class k ON k.id = u.class_id
      JOIN attempt_question aq ON aq.attempt_id = a.id
      JOIN question_version qv ON qv.id = aq.question_version_id
      WHERE a.exam_id IN (${examIds}) AND ${finished} AND ${peopleWhereSql(scope, p)}
      GROUP BY u.college_id, qv.fraud_type`;
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values);
    return rows.map((r) => ({ collegeId: num(r.gid), fraudType: r.fraud_type as FraudType, answered: num(r.answered), correct: num(r.correct) }));
  }
}
