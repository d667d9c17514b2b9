import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, schoolDayStart, toSchoolIso, type QuickQuizFigures, type QuickQuizRoundSummary } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { rawDate } from '../../database/raw-values';
import type { QuickQuizRoundQueryDto } from './dto/quick-quiz.dto';
import { QuizRound } from './quiz-round.entity';

const DAY_MS = 24 * 3600_000;
const HISTORY_LIMIT = 200;

/** Sums of one class's rounds; figures are computed from sums so colleges add up exactly. */
export interface QuickQuizTotals {
  rounds: number;
  /** Σ class size over the rounds: the answers there could have been. */
  audience: number;
  answered: number;
  correct: number;
}

export const NO_ROUNDS: QuickQuizTotals = { rounds: 0, audience: 0, answered: 0, correct: 0 };

export function addTotals(a: QuickQuizTotals, b: QuickQuizTotals): QuickQuizTotals {
  return {
    rounds: a.rounds + b.rounds,
    audience: a.audience + b.audience,
    answered: a.answered + b.answered,
    correct: a.correct + b.correct,
  };
}

export function quickQuizFigures(t: QuickQuizTotals): QuickQuizFigures {
  return {
    rounds: t.rounds,
    participation: t.audience === 0 ? 0 : Math.min(1, t.answered / t.audience),
    correctRate: t.answered === 0 ? null : t.correct / t.answered,
  };
}

/** What 课堂快问 adds to the record: a teacher's history and the coverage page's figures. */
@Injectable()
export class QuickQuizStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** A teacher sees the rounds they ran; admins those of the classes in their scope. */
  async history(principal: Principal, query: QuickQuizRoundQueryDto): Promise<QuickQuizRoundSummary[]> {
    const qb = this.dataSource
      .getRepository(QuizRound)
      .createQueryBuilder('r')
      .innerJoin('r.prompt', 'p')
      .innerJoin('r.schoolClass', 'c')
      .innerJoin('r.teacher', 't')
      .innerJoin('r.questionVersion', 'v')
      .select([
        'r.id AS id',
        'r.promptId AS promptId',
        'p.title AS promptTitle',
        'v.stem AS questionStem',
        'r.classId AS classId',
        'c.name AS className',
        't.name AS teacherName',
        'r.startedAt AS startedAt',
        'r.classSize AS classSize',
      ])
      .addSelect('(SELECT COUNT(answer) FROM quiz_response q WHERE q.round_id = r.id)', 'answered')
      .addSelect('(SELECT COUNT(*) FROM quiz_response q WHERE q.round_id = r.id AND q.correct = :yes)', 'correct')
      .setParameter('yes', true)
      .orderBy('r.startedAt', 'DESC')
      .limit(HISTORY_LIMIT);
    if (principal.role === Role.Teacher) qb.where('r.teacherId = :me', { me: principal.id });
    else {
      const collegeId = this.access.collegeScope(principal, query.collegeId);
      if (collegeId !== null) qb.where('c.collegeId = :collegeId', { collegeId });
    }
    if (query.classId) qb.andWhere('r.classId = :classId', { classId: query.classId });
    if (query.from) qb.andWhere('r.startedAt >= :from', { from: dayStart(query.from) });
    if (query.to) qb.andWhere('r.startedAt < :to', { to: dayEnd(query.to) });
    const rows = await qb.getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      id: Number(row.id),
      promptId: Number(row.promptId),
      promptTitle: String(row.promptTitle),
      questionStem: String(row.questionStem),
      classId: Number(row.classId),
      className: String(row.className),
      teacherName: String(row.teacherName),
      startedAt: toSchoolIso(rawDate(row.startedAt)!),
      classSize: Number(row.classSize),
      answered: Number(row.answered),
      correct: Number(row.correct),
    }));
  }

  /** Per class: the sums of the rounds started in [from, to), within a college or the school. */
  async perClass(collegeId: number | null, from: Date, to: Date): Promise<Map<number, QuickQuizTotals>> {
    const qb = this.dataSource
      .getRepository(QuizRound)
      .createQueryBuilder('r')
      .innerJoin('r.schoolClass', 'c')
      .leftJoin('quiz_response', 'q', 'q.round_id = r.id')
      .select('r.classId', 'classId')
      .addSelect('COUNT(DISTINCT r.id)', 'rounds')
      .addSelect('COUNT(q.answer)', 'answered')
      .addSelect('COUNT(CASE WHEN q.correct = :yes THEN 1 END)', 'correct')
      .setParameter('yes', true)
      .where('r.startedAt >= :from AND r.startedAt < :to', { from, to })
      .groupBy('r.classId');
    if (collegeId !== null) qb.andWhere('c.collegeId = :collegeId', { collegeId });
    const counts = await qb.getRawMany<{ classId: unknown; rounds: unknown; answered: unknown; correct: unknown }>();
    // The audience is a sum over rounds, not over responses: a second query keeps the join from multiplying it.
    const audience = this.dataSource
      .getRepository(QuizRound)
      .createQueryBuilder('r')
      .innerJoin('r.schoolClass', 'c')
      .select('r.classId', 'classId')
      .addSelect('SUM(r.classSize)', 'audience')
      .where('r.startedAt >= :from AND r.startedAt < :to', { from, to })
      .groupBy('r.classId');
    if (collegeId !== null) audience.andWhere('c.collegeId = :collegeId', { collegeId });
    const sizes = new Map(
      (await audience.getRawMany<{ classId: unknown; audience: unknown }>()).map((r) => [
        Number(r.classId),
        Number(r.audience),
      ]),
    );
    return new Map(
      counts.map((r) => [
        Number(r.classId),
        {
          rounds: Number(r.rounds),
          audience: sizes.get(Number(r.classId)) ?? 0,
          answered: Number(r.answered),
          correct: Number(r.correct),
        },
      ]),
    );
  }
}

function dayStart(value: string): Date {
  return value.length === 10 ? schoolDayStart(value) : new Date(value);
}

function dayEnd(value: string): Date {
  return value.length === 10 ? new Date(schoolDayStart(value).getTime() + DAY_MS) : new Date(value);
}
