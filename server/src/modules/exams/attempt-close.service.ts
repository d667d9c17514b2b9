import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { answerCodec, sumMarks, type SubmitResult } from '@campus/shared';
import { In, IsNull, LessThanOrEqual, type EntityManager, type Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Sql } from '../../database/sql';
import { QuestionPool, type VersionContent } from '../questions/question-pool';
import { AttemptPaperCache } from './attempt-paper-cache';
import { AttemptQuestion } from './attempt-question.entity';
import { ExamCache } from './exam-cache';
import { ExamAttempt } from './exam-attempt.entity';
import type { Exam } from './exam.entity';
import { ownAttempt } from './own-attempt';
import { encodeFraudTally } from '../stats/fraud-tally';
import { wrongAnswersUpsert } from './wrong-book';

/**
 * Closing attempts: submit, the rule that an attempt past its deadline counts as submitted with
 * what was saved, 提前结束, and the scoring and 错题本 that come with every close.
 */
@Injectable()
export class AttemptCloseService {
  private readonly logger = new Logger(AttemptCloseService.name);
  /** Told after an attempt is closed as passed (courses complete their end-of-course quiz). */
  private readonly passedListeners: Array<(examId: number, userId: number) => Promise<void>> = [];

  constructor(
    @InjectRepository(ExamAttempt) private readonly attempts: Repository<ExamAttempt>,
    @InjectRepository(AttemptQuestion) private readonly questions: Repository<AttemptQuestion>,
    private readonly sql: Sql,
    private readonly cache: ExamCache,
    private readonly pool: QuestionPool,
    private readonly papers: AttemptPaperCache,
  ) {}

  onPassed(listener: (examId: number, userId: number) => Promise<void>): void {
    this.passedListeners.push(listener);
  }

  async submit(principal: Principal, attemptId: number): Promise<SubmitResult> {
    const attempt = await ownAttempt(this.attempts, principal, attemptId);
    return this.finalize(attemptId, new Date(), false, attempt);
  }

  /**
   * Scores an attempt and closes it, once: the attempt row is locked first, so a save racing the
   * submit either lands before it (and counts) or finds the attempt closed (409). Past the deadline
   * the attempt is closed at its deadline with what was saved before it.
   */
  async finalize(attemptId: number, now: Date, forced: boolean, loaded?: ExamAttempt): Promise<SubmitResult> {
    // Everything read from caches (the exam, question versions) is read before the transaction:
    // a transaction that waits for a second pooled connection can starve the pool under load.
    // The caller may have just read the attempt (submit checks ownership): no second read.
    const head = loaded ?? (await this.attempts.findOne({ where: { id: attemptId } }));
    if (!head) throw new NotFoundException('考试记录不存在');
    if (head.submittedAt) return resultOf(head);
    const exam = await this.cache.exam(head.examId);
    if (!exam) throw new NotFoundException('考试不存在');
    const paper = await this.questions.find({ where: { attemptId }, select: { questionVersionId: true } });
    const versions = await this.pool.versionsById(paper.map((r) => r.questionVersionId));

    const { result } = await this.sql.transaction((manager) =>
      this.closeIn(manager, attemptId, now, forced, exam, versions),
    );
    this.papers.forget(attemptId);
    if (result.passed) await this.announcePassed(head.examId, head.userId);
    return result;
  }

  /**
   * The locked part of finalize, inside the caller's transaction: the attempt row is locked, scored
   * and closed, unless someone closed it first (then its result as it stands).
   */
  private async closeIn(
    manager: EntityManager,
    attemptId: number,
    now: Date,
    forced: boolean,
    exam: Exam,
    versions: ReadonlyMap<number, VersionContent>,
  ): Promise<{ result: SubmitResult; closedNow: boolean }> {
    const attempt = await manager.findOne(ExamAttempt, {
      where: { id: attemptId },
      ...(this.sql.kind === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!attempt) throw new NotFoundException('考试记录不存在');
    if (attempt.submittedAt) return { result: resultOf(attempt), closedNow: false };

    const rows = await manager.find(AttemptQuestion, { where: { attemptId } });
    const awarded = rows.map((row) => {
      const version = versions.get(row.questionVersionId)!;
      const codec = answerCodec(version.type);
      return codec.score(codec.decode(row.answer), version.answer, row.score);
    });
    const score = sumMarks(awarded);
    const fraudTally = encodeFraudTally(
      rows.map((row, i) => ({
        fraudType: versions.get(row.questionVersionId)!.fraudType,
        correct: awarded[i]! > 0,
      })),
    );
    const timedOut = now >= attempt.deadline;
    const submittedAt = timedOut ? attempt.deadline : now;

    if (rows.length > 0) {
      const cases = rows.map(() => 'WHEN ? THEN ?').join(' ');
      await this.sql.query(
        `UPDATE attempt_question SET awarded = CASE question_id ${cases} END WHERE attempt_id = ?`,
        [...rows.flatMap((row, i) => [row.questionId, awarded[i]]), attemptId],
        manager,
      );
    }
    Object.assign(attempt, {
      submittedAt,
      score,
      passed: score >= exam.passScore,
      autoSubmitted: timedOut || forced,
    });
    await manager.update(
      ExamAttempt,
      { id: attempt.id },
      { submittedAt, score, passed: attempt.passed, autoSubmitted: attempt.autoSubmitted, fraudTally },
    );
    await this.recordWrong(
      manager,
      attempt.userId,
      rows.filter((row, i) => row.answer !== null && awarded[i]! < row.score),
      submittedAt,
    );
    return { result: resultOf(attempt), closedNow: true };
  }

  /** Wrong answers go to the student's 错题本 (a question answered wrong again comes back). */
  private async recordWrong(manager: EntityManager, userId: number, wrong: AttemptQuestion[], at: Date): Promise<void> {
    if (wrong.length === 0) return;
    const upsert = wrongAnswersUpsert(
      this.sql,
      userId,
      wrong.map((row) => ({ questionId: row.questionId, answer: row.answer! })),
      at,
    );
    await this.sql.query(upsert.text, upsert.params, manager);
  }

  /**
   * 提前结束: in one transaction `within` runs (the exam's new closing time), every open attempt's
   * deadline is brought forward to `now`, and each is submitted with the answers saved so far —
   * through the same locked close as submit, so a student's concurrent submit either wins (and
   * keeps its result) or finds the attempt closed. Returns how many attempts this closed.
   */
  async closeAllOpen(examId: number, now: Date, within: (manager: EntityManager) => Promise<Exam>): Promise<number> {
    const open = await this.attempts.find({
      where: { examId, submittedAt: IsNull() },
      select: { id: true, userId: true },
      order: { id: 'ASC' },
    });
    const paper =
      open.length === 0
        ? []
        : await this.questions.find({
            where: { attemptId: In(open.map((a) => a.id)) },
            select: { questionVersionId: true },
          });
    const versions = await this.pool.versionsById([...new Set(paper.map((r) => r.questionVersionId))]);
    const closed = await this.sql.transaction(async (manager) => {
      const exam = await within(manager);
      await this.sql.query(
        'UPDATE exam_attempt SET deadline = ? WHERE exam_id = ? AND submitted_at IS NULL AND deadline > ?',
        [now, examId, now],
        manager,
      );
      const results: Array<{ id: number; userId: number; passed: boolean }> = [];
      for (const { id, userId } of open) {
        const { result, closedNow } = await this.closeIn(manager, id, now, true, exam, versions);
        if (closedNow) results.push({ id, userId, passed: result.passed });
      }
      return results;
    });
    for (const { id } of closed) this.papers.forget(id);
    // One that started meanwhile (between the list and the close) now has its deadline at `now`.
    const stragglers = await this.finalizeExpired(now, { examId });
    for (const { userId, passed } of closed) if (passed) await this.announcePassed(examId, userId);
    return closed.length + stragglers;
  }

  private async announcePassed(examId: number, userId: number): Promise<void> {
    for (const listener of this.passedListeners) {
      await listener(examId, userId).catch((error: unknown) =>
        this.logger.warn(`After a passed attempt: ${String(error)}`),
      );
    }
  }

  /**
   * Closes every attempt whose deadline has passed (optionally one student's, or one exam's), so
   * they count as submitted even if the student never came back. Also run on a timer.
   */
  async finalizeExpired(now: Date, scope: { userId?: number; examId?: number } = {}, limit = 500): Promise<number> {
    const expired = await this.attempts.find({
      where: { submittedAt: IsNull(), deadline: LessThanOrEqual(now), ...scope },
      select: { id: true },
      take: limit,
    });
    for (const { id } of expired) {
      try {
        await this.finalize(id, now, true);
      } catch (error) {
        this.logger.warn(`Could not close expired attempt ${id}: ${String(error)}`);
      }
    }
    return expired.length;
  }
}

function resultOf(attempt: ExamAttempt): SubmitResult {
  return {
    score: attempt.score ?? 0,
    passed: attempt.passed ?? false,
    submittedAt: attempt.submittedAt!.toISOString(),
  };
}
