import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FraudType } from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import { Sql } from '../../database/sql';
import { QuestionVersion } from '../questions/question-version.entity';
import { answerMatchesSql, num, peopleWhereSql, SqlParams, type StatsScope } from './stats-sql';

interface VersionCount {
  collegeId: number;
  versionId: number;
  answered: number;
  correct: number;
}

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
  ) {}

  async counts(scope: StatsScope, asOf: Date): Promise<FraudTypeCount[]> {
    if (scope.exams.length === 0) return [];
    const [submitted, pending] = await Promise.all([
      this.read(scope, 'a.submitted_at IS NOT NULL AND a.submitted_at <= ?', asOf, 'aq.awarded > 0', ''),
      this.read(
        scope,
        'a.submitted_at IS NULL AND a.deadline <= ?',
        asOf,
        answerMatchesSql('aq.answer', 'qv.answer'),
        'LEFT JOIN question_version qv ON qv.id = aq.question_version_id',
      ),
    ]);
    const fraudTypeOf = await this.fraudTypes([...new Set([...submitted, ...pending].map((r) => r.versionId))]);
    const merged = new Map<string, FraudTypeCount>();
    for (const row of [...submitted, ...pending]) {
      const fraudType = fraudTypeOf.get(row.versionId);
      if (!fraudType) continue;
      const key = `${row.collegeId}|${fraudType}`;
      const sum = merged.get(key) ?? { collegeId: row.collegeId, fraudType, answered: 0, correct: 0 };
      sum.answered += row.answered;
      sum.correct += row.correct;
      merged.set(key, sum);
    }
    return [...merged.values()];
  }

  /**
   * Counts per college and question version: the version (not the fraud type) is what the covering
   * index on attempt_question holds, so a million answers are counted without reading their rows.
   */
  private async read(
    scope: StatsScope,
    finished: string,
    asOf: Date,
    correct: string,
    versionJoin: string,
  ): Promise<VersionCount[]> {
    const p = new SqlParams();
    const examIds = p.list(scope.exams.map((e) => e.id));
    p.add(asOf); // the `?` inside `finished`
    const statement = `SELECT u.college_id AS gid, aq.question_version_id AS vid, COUNT(*) AS answered,
        SUM(CASE WHEN ${correct} THEN 1 ELSE 0 END) AS correct
      FROM exam_attempt a
      JOIN user u ON u.id = a.user_id
      JOIN school_class k ON k.id = u.class_id
      JOIN attempt_question aq ON aq.attempt_id = a.id
      ${versionJoin}
      WHERE a.exam_id IN (${examIds}) AND ${finished} AND ${peopleWhereSql(scope, p)}
      GROUP BY u.college_id, aq.question_version_id`;
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, p.values);
    return rows.map((r) => ({
      collegeId: num(r.gid),
      versionId: num(r.vid),
      answered: num(r.answered),
      correct: num(r.correct),
    }));
  }

  private async fraudTypes(versionIds: number[]): Promise<Map<number, FraudType>> {
    const result = new Map<number, FraudType>();
    for (let i = 0; i < versionIds.length; i += 1000) {
      const rows = await this.dataSource
        .getRepository(QuestionVersion)
        .find({ where: { id: In(versionIds.slice(i, i + 1000)) }, select: { id: true, fraudType: true } });
      for (const row of rows) result.set(row.id, row.fraudType);
    }
    return result;
  }
}
