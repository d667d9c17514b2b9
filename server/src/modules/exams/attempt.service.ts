import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  answerCodec,
  attemptDeadline,
  decodeKeys,
  encodeKeys,
  isRandomPaper,
  Role,
  sumMarks,
  type AttemptDetail,
  type AttemptQuestion as AttemptQuestionDto,
  type AttemptSession,
  type LeaveEventResult,
  type ReviewItem,
  type SubmitResult,
} from '@campus/shared';
import { In, IsNull, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Sql } from '../../database/sql';
import { Question } from '../questions/question.entity';
import { QuestionPool, type VersionContent } from '../questions/question-pool';
import { User } from '../users/user.entity';
import { drawByRules, shuffled } from './attempt-draw';
import { AttemptPaperCache } from './attempt-paper-cache';
import { AttemptQuestion } from './attempt-question.entity';
import { inAudience } from './exam-audience';
import { ExamCache, type Grant } from './exam-cache';
import { ExamAttempt } from './exam-attempt.entity';
import { fixedScores, roundScore } from './exam-paper';
import type { Exam } from './exam.entity';
import { KeyDisclosure, reviewHold } from './key-disclosure';

interface DrawnQuestion {
  questionId: number;
  versionId: number;
  score: number;
}

/**
 * Saving an answer in one statement: it matches only when the question is on this attempt's paper,
 * the attempt is the caller's, not submitted, and its deadline has not passed. The benchmark's
 * bare-HTTP baseline runs this same statement.
 */
export const SAVE_ANSWER_SQL = `UPDATE attempt_question SET answer = ?, saved_at = ?
  WHERE attempt_id = ? AND question_id = ?
    AND EXISTS (SELECT 1 FROM exam_attempt a WHERE a.id = ? AND a.user_id = ? AND a.submitted_at IS NULL AND a.deadline > ?)`;

export function saveAnswerParams(
  answer: string | null,
  now: Date,
  attemptId: number,
  questionId: number,
  userId: number,
): unknown[] {
  return [answer, now, attemptId, questionId, attemptId, userId, now];
}

/** Keys as stored: sorted, joined ("AC"); null for no answer (the same for every question type). */
export const encodeAnswer = encodeKeys;
export const decodeAnswer = decodeKeys;

/** 400 naming the answer field, with the codec's Chinese reason. */
export function invalidAnswer(message: string): BadRequestException {
  return new BadRequestException({ message, errors: [{ field: 'answer', message }] });
}

/**
 * The exam-day engine: start or resume, save, submit, and the rule that an attempt past its deadline
 * counts as submitted with what was saved. The server's clock decides every deadline.
 */
@Injectable()
export class AttemptService {
  private readonly logger = new Logger(AttemptService.name);
  /** Told after an attempt is closed as passed (courses complete their end-of-course quiz). */
  private readonly passedListeners: Array<(examId: number, userId: number) => Promise<void>> = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly cache: ExamCache,
    private readonly pool: QuestionPool,
    private readonly access: AccessService,
    private readonly disclosure: KeyDisclosure,
    private readonly papers: AttemptPaperCache,
  ) {}

  async start(principal: Principal, examId: number): Promise<AttemptSession> {
    const exam = await this.cache.exam(examId);
    if (!exam || exam.status !== 'published') throw new NotFoundException('考试不存在或尚未发布');
    if (principal.role !== Role.Student) throw new ForbiddenException('只有学生可以参加考试');
    const member = {
      collegeId: principal.collegeId,
      classId: principal.classId,
      enrollmentYear: await this.cache.enrollmentYear(principal.classId),
    };
    if (!inAudience(exam.audience, member)) throw new ForbiddenException('您不在本次考试的参考范围内');

    const now = new Date();
    let attempts = await this.dataSource
      .getRepository(ExamAttempt)
      .find({ where: { examId, userId: principal.id }, order: { attemptNo: 'ASC' } });
    if (attempts.some((a) => a.submittedAt === null && a.deadline <= now)) {
      // Time ran out on an earlier attempt while the student was away: it counts as submitted.
      await this.finalizeExpired(now, { userId: principal.id, examId });
      attempts = await this.dataSource
        .getRepository(ExamAttempt)
        .find({ where: { examId, userId: principal.id }, order: { attemptNo: 'ASC' } });
    }
    const open = attempts.find((a) => a.submittedAt === null);
    if (open) return this.session(exam, open, now);

    if (now < exam.opensAt) throw new ConflictException('考试尚未开始');
    if (now >= exam.closesAt) throw new ConflictException('考试已结束');
    if (attempts.some((a) => a.passed)) throw new ConflictException('您已通过本次考试，无需再考');
    const grant = await this.cache.grant(examId, principal.id);
    const allowed = allowedAttempts(exam.maxAttempts, grant);
    if (allowed > 0 && attempts.length >= allowed) throw new ConflictException(`作答次数已用完（共 ${allowed} 次）`);

    const drawn = await this.drawPaper(exam);
    const versions = await this.pool.versionsById(drawn.map((d) => d.versionId));
    const ordered = exam.shuffleQuestions ? shuffled(drawn) : drawn;
    const deadline = attemptDeadline(now, exam.durationMinutes, grant.extraMinutes, exam.closesAt);
    const attempt: ExamAttempt = Object.assign(new ExamAttempt(), {
      examId,
      userId: principal.id,
      // A reset attempt is deleted, so numbers can have gaps: the next one follows the highest.
      attemptNo: attempts.reduce((max, a) => Math.max(max, a.attemptNo), 0) + 1,
      startedAt: now,
      deadline,
      submittedAt: null,
      autoSubmitted: false,
      score: null,
      passed: null,
      leaveCount: 0,
      lastLeftAt: null,
    });
    const paper: AttemptQuestion[] = ordered.map((d, position) => {
      const keys = versions.get(d.versionId)!.options.map((o) => o.key);
      return Object.assign(new AttemptQuestion(), {
        questionId: d.questionId,
        questionVersionId: d.versionId,
        position,
        optionOrder: (exam.shuffleOptions ? shuffled(keys) : keys).join(''),
        score: d.score,
        answer: null,
        savedAt: null,
        awarded: null,
      });
    });
    try {
      await this.sql.transaction(async (manager) => {
        attempt.id = await this.sql.insertReturningId(manager, 'exam_attempt', {
          exam_id: examId,
          user_id: principal.id,
          attempt_no: attempt.attemptNo,
          started_at: now,
          deadline,
          auto_submitted: false,
          leave_count: 0,
        });
        const rows = paper.map((q) => [
          attempt.id,
          q.questionId,
          q.questionVersionId,
          q.position,
          q.optionOrder,
          q.score,
        ]);
        await this.sql.insertMany(
          manager,
          'attempt_question',
          ['attempt_id', 'question_id', 'question_version_id', 'position', 'option_order', 'score'],
          rows,
        );
      });
    } catch (error) {
      // Two starts at once (a double tap, two tabs): the unique (exam, user, attemptNo) lets one
      // win; the other resumes the winner's attempt.
      const winner = await this.dataSource
        .getRepository(ExamAttempt)
        .findOne({ where: { examId, userId: principal.id, submittedAt: IsNull() } });
      if (winner) return this.session(exam, winner, now);
      throw error;
    }
    return this.session(exam, attempt, now, paper);
  }

  private async drawPaper(exam: Exam): Promise<DrawnQuestion[]> {
    const paper = exam.paper;
    if (!isRandomPaper(paper)) {
      const scores = fixedScores(paper);
      const rows = await this.dataSource
        .getRepository(Question)
        .find({ where: { id: In(paper.questionIds) }, select: { id: true, currentVersionId: true } });
      const versionOf = new Map(rows.map((r) => [r.id, r.currentVersionId]));
      return paper.questionIds.map((questionId, i) => {
        const versionId = versionOf.get(questionId);
        if (!versionId) throw new ConflictException('试卷中的题目已被删除，请联系管理员');
        return { questionId, versionId, score: roundScore(scores[i]!) };
      });
    }
    const rules = await Promise.all(
      paper.rules.map(async (rule) => ({
        count: rule.count,
        candidates: await this.pool.active({ type: rule.type, fraudType: rule.fraudType, difficulty: rule.difficulty }),
      })),
    );
    const chosen = drawByRules(rules);
    if (!chosen) throw new ConflictException('题库中符合抽题规则的题目不足（同一互斥组只抽一题），请联系管理员');
    return chosen.flatMap((questions, r) =>
      questions.map((c) => ({ questionId: c.questionId, versionId: c.versionId, score: paper.rules[r]!.score })),
    );
  }

  /** What the exam screen needs: questions (no answers, no 解析), saved answers, the deadline. */
  private async session(
    exam: Exam,
    attempt: ExamAttempt,
    now: Date,
    paper?: AttemptQuestion[],
  ): Promise<AttemptSession> {
    const rows =
      paper ??
      (await this.dataSource
        .getRepository(AttemptQuestion)
        .find({ where: { attemptId: attempt.id }, order: { position: 'ASC' } }));
    const versions = await this.pool.versionsById(rows.map((r) => r.questionVersionId));
    this.papers.remember(attempt.id, attempt.userId, rows, versions);
    const answers: Record<string, string[]> = {};
    const questions: AttemptQuestionDto[] = rows.map((row) => {
      const version = versions.get(row.questionVersionId)!;
      if (row.answer) answers[String(row.questionId)] = decodeAnswer(row.answer);
      const byKey = new Map(version.options.map((o) => [o.key, o]));
      return {
        id: row.questionId,
        type: version.type,
        stem: version.stem,
        options: row.optionOrder.split('').map((key) => ({ key, text: byKey.get(key)?.text ?? '' })),
        score: row.score,
      };
    });
    return {
      attemptId: attempt.id,
      examId: exam.id,
      examTitle: exam.title,
      deadline: attempt.deadline.toISOString(),
      serverNow: now.toISOString(),
      questions,
      answers,
      leaveCount: attempt.leaveCount,
      leaveLimit: exam.leaveLimit,
    };
  }

  /**
   * The hot path: one UPDATE that checks ownership, the question's place on the paper, that the
   * attempt is open and the deadline not passed, all at once. Only when it matches nothing does a
   * second query find out why, to answer 404 or 409.
   */
  async save(principal: Principal, attemptId: number, questionId: number, keys: readonly string[]): Promise<void> {
    // Checked against the paper as this student was shown it, held in memory (no extra query on
    // the hot path). Someone else's attempt, or a question not on it, is left to the 404 below.
    const question = await this.papers.question(attemptId, principal.id, questionId);
    if (question) {
      const problem = answerCodec(question.type).validate(keys, question.optionKeys);
      if (problem) throw invalidAnswer(problem);
    }
    const answer = encodeAnswer(keys);
    const now = new Date();
    const matched = await this.sql.hotExecute(
      SAVE_ANSWER_SQL,
      saveAnswerParams(answer, now, attemptId, questionId, principal.id),
    );
    if (matched > 0) return;
    const attempt = await this.ownAttempt(principal, attemptId);
    if (attempt.submittedAt) throw new ConflictException('本次考试已交卷，不能再修改答案');
    if (attempt.deadline <= now) throw new ConflictException('考试时间已到，答案不能再修改');
    throw new NotFoundException('该题不在本次试卷中');
  }

  onPassed(listener: (examId: number, userId: number) => Promise<void>): void {
    this.passedListeners.push(listener);
  }

  async submit(principal: Principal, attemptId: number): Promise<SubmitResult> {
    const attempt = await this.ownAttempt(principal, attemptId);
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
    const head = loaded ?? (await this.dataSource.getRepository(ExamAttempt).findOne({ where: { id: attemptId } }));
    if (!head) throw new NotFoundException('考试记录不存在');
    if (head.submittedAt) return resultOf(head);
    const exam = await this.cache.exam(head.examId);
    if (!exam) throw new NotFoundException('考试不存在');
    const paper = await this.dataSource
      .getRepository(AttemptQuestion)
      .find({ where: { attemptId }, select: { questionVersionId: true } });
    const versions = await this.pool.versionsById(paper.map((r) => r.questionVersionId));

    const { result } = await this.sql.transaction((manager) =>
      this.closeIn(manager, attemptId, now, forced, exam, versions),
    );
    this.papers.forget(attemptId);
    if (result.passed) {
      for (const listener of this.passedListeners) {
        await listener(head.examId, head.userId).catch((error: unknown) =>
          this.logger.warn(`After a passed attempt: ${String(error)}`),
        );
      }
    }
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
      { submittedAt, score, passed: attempt.passed, autoSubmitted: attempt.autoSubmitted },
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
    const tuple = '(?,?,?,?,?,NULL)';
    await this.sql.query(
      `INSERT INTO wrong_question (user_id, question_id, wrong_count, last_answer, last_wrong_at, mastered_at)
       VALUES ${wrong.map(() => tuple).join(',')}
       ${this.sql.onConflict(['user_id', 'question_id'], `wrong_count = wrong_question.wrong_count + 1, last_answer = ${this.sql.proposed('last_answer')}, last_wrong_at = ${this.sql.proposed('last_wrong_at')}, mastered_at = NULL`)}`,
      wrong.flatMap((row) => [userId, row.questionId, 1, row.answer, at]),
      manager,
    );
  }

  /**
   * 提前结束: in one transaction `within` runs (the exam's new closing time), every open attempt's
   * deadline is brought forward to `now`, and each is submitted with the answers saved so far —
   * through the same locked close as submit, so a student's concurrent submit either wins (and
   * keeps its result) or finds the attempt closed. Returns how many attempts this closed.
   */
  async closeAllOpen(examId: number, now: Date, within: (manager: EntityManager) => Promise<Exam>): Promise<number> {
    const open = await this.dataSource.getRepository(ExamAttempt).find({
      where: { examId, submittedAt: IsNull() },
      select: { id: true, userId: true },
      order: { id: 'ASC' },
    });
    const paper =
      open.length === 0
        ? []
        : await this.dataSource
            .getRepository(AttemptQuestion)
            .find({ where: { attemptId: In(open.map((a) => a.id)) }, select: { questionVersionId: true } });
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
    for (const { userId, passed } of closed) {
      if (!passed) continue;
      for (const listener of this.passedListeners) {
        await listener(examId, userId).catch((error: unknown) =>
          this.logger.warn(`After a passed attempt: ${String(error)}`),
        );
      }
    }
    return closed.length + stragglers;
  }

  /**
   * Closes every attempt whose deadline has passed (optionally one student's, or one exam's), so
   * they count as submitted even if the student never came back. Also run on a timer.
   */
  async finalizeExpired(now: Date, scope: { userId?: number; examId?: number } = {}, limit = 500): Promise<number> {
    const expired = await this.dataSource.getRepository(ExamAttempt).find({
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

  async leave(principal: Principal, attemptId: number): Promise<LeaveEventResult> {
    const attempt = await this.ownAttempt(principal, attemptId);
    const exam = await this.cache.exam(attempt.examId);
    const now = new Date();
    const matched = await this.sql.execute(
      'UPDATE exam_attempt SET leave_count = leave_count + 1, last_left_at = ? WHERE id = ? AND submitted_at IS NULL AND deadline > ?',
      [now, attemptId, now],
    );
    if (matched === 0) throw new ConflictException('本次考试已结束');
    // The count as stored after this leave, not the one read before it: leaves reported at the same
    // moment would otherwise each see the same old count and none would pass the limit.
    const leaveCount = (
      await this.dataSource
        .getRepository(ExamAttempt)
        .findOneOrFail({ where: { id: attemptId }, select: { id: true, leaveCount: true } })
    ).leaveCount;
    const leaveLimit = exam?.leaveLimit ?? null;
    const over = leaveLimit !== null && leaveCount > leaveLimit;
    if (over) await this.finalize(attemptId, now, true, attempt);
    return { leaveCount, leaveLimit, submitted: over };
  }

  async detail(principal: Principal, attemptId: number): Promise<AttemptDetail> {
    let attempt = await this.dataSource.getRepository(ExamAttempt).findOne({ where: { id: attemptId } });
    if (!attempt) throw new NotFoundException('考试记录不存在');
    if (attempt.userId !== principal.id) {
      const owner = await this.dataSource
        .getRepository(User)
        .findOne({ where: { id: attempt.userId }, select: { id: true, collegeId: true } });
      if (!owner || !this.access.canReachCollege(principal, owner.collegeId))
        throw new NotFoundException('考试记录不存在');
    }
    const now = new Date();
    if (!attempt.submittedAt && attempt.deadline <= now) {
      await this.finalize(attempt.id, now, true);
      attempt = await this.dataSource.getRepository(ExamAttempt).findOneByOrFail({ id: attemptId });
    }
    const exam = await this.cache.exam(attempt.examId);
    if (!exam) throw new NotFoundException('考试不存在');
    const { review, reviewNote } = await this.review(exam, attempt, principal, now);
    return {
      attemptId: attempt.id,
      examId: exam.id,
      examTitle: exam.title,
      userId: attempt.userId,
      status: attempt.submittedAt ? 'submitted' : 'in_progress',
      startedAt: attempt.startedAt.toISOString(),
      deadline: attempt.deadline.toISOString(),
      submittedAt: attempt.submittedAt?.toISOString() ?? null,
      autoSubmitted: attempt.autoSubmitted,
      score: attempt.score,
      passed: attempt.passed,
      totalScore: exam.totalScore,
      passScore: exam.passScore,
      leaveCount: attempt.leaveCount,
      review,
      reviewNote,
    };
  }

  /**
   * Per-question feedback only as the exam's review policy allows, never before submission, and
   * for a student never the key of a question still in reach on an exam (KeyDisclosure).
   */
  private async review(
    exam: Exam,
    attempt: ExamAttempt,
    viewer: Principal,
    now: Date,
  ): Promise<{ review: ReviewItem[] | null; reviewNote: string | null }> {
    if (!attempt.submittedAt) return { review: null, reviewNote: '交卷后才能查看答题情况' };
    const isOwner = viewer.id === attempt.userId;
    const hold = isOwner ? reviewHold(exam, now) : null;
    if (hold) return { review: null, reviewNote: hold.attempt };
    const rows = await this.dataSource
      .getRepository(AttemptQuestion)
      .find({ where: { attemptId: attempt.id }, order: { position: 'ASC' } });
    const versions = await this.pool.versionsById(rows.map((r) => r.questionVersionId));
    const keys = isOwner ? await this.disclosure.forStudent(viewer, now) : null;
    const review = rows.map((row) =>
      reviewItem(row, versions.get(row.questionVersionId)!, keys?.inReview(row.questionId) ?? null),
    );
    const withheld = review.filter((item) => item.withheld !== null).length;
    if (withheld === 0) return { review, reviewNote: null };
    if (withheld === review.length)
      return { review: null, reviewNote: '这些题目还在你可以参加的考试中（包括再考本考试），考完后再公布答案与解析' };
    return { review, reviewNote: `有 ${withheld} 道题还在你可以参加的考试中，暂不公布答案与解析` };
  }

  /** The caller's own attempt; someone else's is "not found", so ids reveal nothing. */
  private async ownAttempt(principal: Principal, attemptId: number): Promise<ExamAttempt> {
    const attempt = await this.dataSource.getRepository(ExamAttempt).findOne({ where: { id: attemptId } });
    if (!attempt || attempt.userId !== principal.id) throw new NotFoundException('考试记录不存在');
    return attempt;
  }
}

/** The attempts a student may take: the exam's maximum plus their grant (0 = unlimited stays unlimited). */
export function allowedAttempts(maxAttempts: number, grant: Grant): number {
  return maxAttempts > 0 ? maxAttempts + grant.extraAttempts : 0;
}

function resultOf(attempt: ExamAttempt): SubmitResult {
  return {
    score: attempt.score ?? 0,
    passed: attempt.passed ?? false,
    submittedAt: attempt.submittedAt!.toISOString(),
  };
}

function reviewItem(row: AttemptQuestion, version: VersionContent, withheld: string | null): ReviewItem {
  const byKey = new Map(version.options.map((o) => [o.key, o]));
  const base = {
    questionId: row.questionId,
    type: version.type,
    stem: version.stem,
    options: row.optionOrder.split('').map((key) => ({ key, text: byKey.get(key)?.text ?? '' })),
    chosen: decodeAnswer(row.answer),
    score: row.score,
  };
  // Whether a choice was right or its marks would tell a judge question's key as surely as the key.
  if (withheld) return { ...base, answer: null, correct: null, awarded: null, analysis: null, withheld };
  const awarded = row.awarded ?? 0;
  return {
    ...base,
    answer: version.answer,
    correct: awarded >= row.score && row.score > 0,
    awarded,
    analysis: version.analysis,
    withheld: null,
  };
}
