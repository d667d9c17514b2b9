import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QuestionType } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { CacheBus } from '../../common/cluster/cache-bus';
import { QuestionPool, type VersionContent } from '../questions/question-pool';

/** What the save path checks an answer against: the question's type and the keys the student was shown. */
export interface PaperQuestion {
  type: QuestionType;
  optionKeys: string[];
}

interface Paper {
  userId: number;
  questions: Map<number, PaperQuestion>;
}

/** Attempts whose paper is kept; the oldest is forgotten first (it is read back on its next save). */
const PAPER_LIMIT = 20_000;

/**
 * The paper of each attempt in progress on this instance, so saving an answer can refuse keys the
 * question does not have without a database read (saving is the exam-day hot path, pnpm bench:exam).
 * A paper never changes once drawn, so nothing here goes stale: it is written when the attempt is
 * started or resumed here, and read from the database once when a save reaches an instance that
 * has not seen the attempt (another instance, a restart).
 */
@Injectable()
export class AttemptPaperCache {
  private readonly papers = new Map<number, Paper>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pool: QuestionPool,
    private readonly bus: CacheBus,
  ) {
    bus.on((message) => {
      if (message.kind === 'attempt') this.papers.delete(message.id);
    });
  }

  remember(
    attemptId: number,
    userId: number,
    rows: ReadonlyArray<{ questionId: number; questionVersionId: number; optionOrder: string }>,
    versions: ReadonlyMap<number, VersionContent>,
  ): void {
    const questions = new Map<number, PaperQuestion>();
    for (const row of rows) {
      const version = versions.get(row.questionVersionId);
      if (version) questions.set(row.questionId, { type: version.type, optionKeys: row.optionOrder.split('') });
    }
    this.papers.delete(attemptId);
    this.papers.set(attemptId, { userId, questions });
    if (this.papers.size > PAPER_LIMIT) {
      const oldest = this.papers.keys().next();
      if (!oldest.done) this.papers.delete(oldest.value);
    }
  }

  /** The question on that attempt's paper when the attempt is the user's; null otherwise (or no such attempt). */
  async question(attemptId: number, userId: number, questionId: number): Promise<PaperQuestion | null> {
    const paper = this.papers.get(attemptId) ?? (await this.load(attemptId));
    if (!paper || paper.userId !== userId) return null;
    return paper.questions.get(questionId) ?? null;
  }

  /** The attempt is over: its paper is not needed for saving any more. */
  forget(attemptId: number): void {
    this.papers.delete(attemptId);
  }

  /** The attempt was reset (deleted): every instance forgets its paper. */
  forgetEverywhere(attemptId: number): void {
    this.bus.publish({ kind: 'attempt', id: attemptId });
  }

  private async load(attemptId: number): Promise<Paper | null> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('aq.question_id', 'questionId')
      .addSelect('aq.question_version_id', 'questionVersionId')
      .addSelect('aq.option_order', 'optionOrder')
      .addSelect('a.user_id', 'userId')
      .from('attempt_question', 'aq')
      .innerJoin('exam_attempt', 'a', 'a.id = aq.attempt_id')
      .where('aq.attempt_id = :attemptId', { attemptId })
      .getRawMany<{
        questionId: number | string;
        questionVersionId: number | string;
        optionOrder: string;
        userId: number | string;
      }>();
    const first = rows[0];
    if (!first) return null;
    const paper = rows.map((r) => ({
      questionId: Number(r.questionId),
      questionVersionId: Number(r.questionVersionId),
      optionOrder: r.optionOrder,
    }));
    const versions = await this.pool.versionsById(paper.map((r) => r.questionVersionId));
    this.remember(attemptId, Number(first.userId), paper, versions);
    return this.papers.get(attemptId) ?? null;
  }
}
