import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isRandomPaper, type QuestionStatus } from '@campus/shared';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { QuestionPool } from '../questions/question-pool';
import { allowedAttempts } from './attempt-start.service';
import { inAudience } from './exam-audience';
import { ExamCache } from './exam-cache';
import { ExamAttempt } from './exam-attempt.entity';
import type { Exam } from './exam.entity';

/** Why a student may not see a question's answer and 解析 now (shown to them as is). */
export const WITHHELD = {
  inReach: '该题在你还可以参加的考试中，考完后才能查看答案与解析',
  othersExam: '该题在其他同学尚未结束的考试中，考试结束后才能查看答案与解析',
  afterClose: '该题所在的考试结束后才公布答案与解析',
  never: '该题所在的考试不公布答案与解析',
  notPractice: '该题不在练习题库中',
} as const;

/**
 * What an exam's review policy holds back from the people who sat it now: null when it lets them
 * see answers, else the note for its result page (`attempt`) and for one of its questions seen
 * elsewhere (`question`).
 */
export function reviewHold(
  exam: Exam,
  now: Date,
  answeringUntil: Date = exam.closesAt,
): { attempt: string; question: string } | null {
  switch (exam.reviewPolicy) {
    case 'after_submit':
      return null;
    case 'after_close':
      return now < answeringUntil
        ? { attempt: `考试结束（${exam.closesAt.toISOString()}）后可查看答案与解析`, question: WITHHELD.afterClose }
        : null;
    case 'never':
      return { attempt: '本次考试不公布答案', question: WITHHELD.never };
  }
}

/** A practice question must be in the practice pool: active in the bank (not retired). */
export function inPracticePool(question: { status: QuestionStatus }): boolean {
  return question.status === 'active';
}

/**
 * What one student may see of question keys at one moment. Built once per request by
 * KeyDisclosure; the attempt review, the 错题本 and practice all ask it, so the three can never
 * disagree (a key held back in one is never handed out by another).
 */
export class StudentKeyView {
  constructor(
    /** Questions on an exam the student can still take or is taking (or whose answers wait for its close). */
    private readonly locked: ReadonlyMap<number, string>,
    /** For each question the student sat on a submitted attempt: per exam, what its review holds back (null = nothing). */
    private readonly sat: ReadonlyMap<number, ReadonlyArray<string | null>>,
  ) {}

  /** In the review of an attempt whose exam's policy already lets the student see it. */
  inReview(questionId: number): string | null {
    return this.locked.get(questionId) ?? null;
  }

  /**
   * In the 错题本 and in practice: held back while in reach on an exam, and while every exam the
   * student sat it on still holds its answers back (otherwise the review of one of them shows it).
   */
  inWrongBook(questionId: number): string | null {
    const locked = this.locked.get(questionId);
    if (locked) return locked;
    const holds = this.sat.get(questionId) ?? [];
    if (holds.length === 0 || holds.includes(null)) return null;
    return holds[0] ?? null;
  }

  /** In practice: also only questions of the practice pool. */
  inPractice(question: { id: number; status: QuestionStatus }): string | null {
    if (!inPracticePool(question)) return WITHHELD.notPractice;
    return this.inWrongBook(question.id);
  }
}

/**
 * Decides which question keys a student may see. A key is held back while its question could be
 * on a paper the student can still sit: every question of a fixed paper, and every question a
 * rule-drawn paper could draw now (the active questions matching any of its rules), of each
 * published exam addressed to the student whose window has not closed and that the student can
 * still start (not passed, attempts left) or is sitting. An `after_close` exam holds its pool back
 * from everyone in its audience until it closes, so those who finished cannot pass answers on.
 * Students outside an exam's audience never sit it: a fixed paper's questions are held back from
 * them too until it is over, or a senior could practise the freshmen's paper, before it even opens,
 * and hand round its keys, which are every sitter's answer sheet. A rule-drawn paper's pool stays
 * open to them: it is the bank itself (the demo's 入学第一考 draws from all of it), and locking it
 * would take practice and every review from the whole school for the length of the window, while
 * its keys are no one sitter's paper.
 */
@Injectable()
export class KeyDisclosure {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: ExamCache,
    private readonly pool: QuestionPool,
  ) {}

  async forStudent(principal: Principal, now: Date = new Date()): Promise<StudentKeyView> {
    const attempts = await this.dataSource.getRepository(ExamAttempt).find({
      where: { userId: principal.id },
      select: { id: true, examId: true, submittedAt: true, deadline: true, passed: true },
    });
    const [locked, sat] = await Promise.all([this.locked(principal, attempts, now), this.sat(principal, now)]);
    return new StudentKeyView(locked, sat);
  }

  private async locked(principal: Principal, attempts: ExamAttempt[], now: Date): Promise<Map<number, string>> {
    const member = {
      collegeId: principal.collegeId,
      classId: principal.classId,
      enrollmentYear: await this.cache.enrollmentYear(principal.classId),
    };
    const locked = new Map<number, string>();
    for (const exam of await this.cache.publishedExams()) {
      const own = attempts.filter((a) => a.examId === exam.id);
      // A window shortened under an attempt in progress never cuts it short, so the attempt can
      // outlive the window: its paper stays locked until its own deadline.
      const sitting = own.some((a) => a.submittedAt === null && a.deadline > now);
      if (now >= exam.closesAt && !sitting && now >= (await this.answeringUntil(exam, now))) continue;
      const addressed = sitting || inAudience(exam.audience, member);
      if (!addressed && isRandomPaper(exam.paper)) continue;
      const reason = addressed ? await this.ownHold(exam, own, sitting, principal, now) : WITHHELD.othersExam;
      if (!reason) continue;
      // The student's own reach names the reason first: it is the one they can act on.
      for (const questionId of await this.poolOf(exam))
        if (!locked.has(questionId) || reason === WITHHELD.inReach) locked.set(questionId, reason);
    }
    return locked;
  }

  /** What an exam addressed to the student holds back from them now, if anything. */
  private async ownHold(
    exam: Exam,
    own: ExamAttempt[],
    sitting: boolean,
    principal: Principal,
    now: Date,
  ): Promise<string | null> {
    // A 补考 grant's extra attempts count: the student can sit the paper again, so it is in reach.
    const allowed = allowedAttempts(exam.maxAttempts, await this.cache.grant(exam.id, principal.id));
    const canStart = now < exam.closesAt && !own.some((a) => a.passed) && (allowed === 0 || own.length < allowed);
    if (sitting || canStart) return WITHHELD.inReach;
    return exam.reviewPolicy === 'after_close' ? WITHHELD.afterClose : null;
  }

  /** An after_close exam keeps its answers back until the last attempt in progress is over. */
  answeringUntil(exam: Exam, now: Date): Promise<Date> {
    return exam.reviewPolicy === 'after_close' ? this.cache.answeringUntil(exam, now) : Promise.resolve(exam.closesAt);
  }

  /** Every question a paper of this exam can hold. */
  private async poolOf(exam: Exam): Promise<number[]> {
    const paper = exam.paper;
    if (!isRandomPaper(paper)) return paper.questionIds;
    const ids: number[] = [];
    for (const rule of paper.rules) {
      const entries = await this.pool.active({
        type: rule.type,
        fraudType: rule.fraudType,
        difficulty: rule.difficulty,
      });
      for (const entry of entries) ids.push(entry.questionId);
    }
    return ids;
  }

  private async sat(principal: Principal, now: Date): Promise<Map<number, Array<string | null>>> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('aq.question_id', 'questionId')
      .addSelect('a.exam_id', 'examId')
      .from('attempt_question', 'aq')
      .innerJoin('exam_attempt', 'a', 'a.id = aq.attempt_id')
      .where('a.user_id = :userId', { userId: principal.id })
      .andWhere('a.submitted_at IS NOT NULL')
      .getRawMany<{ questionId: number | string; examId: number | string }>();
    const notes = new Map<number, string | null>();
    const sat = new Map<number, Array<string | null>>();
    for (const row of rows) {
      const examId = Number(row.examId);
      if (!notes.has(examId)) {
        const exam = await this.cache.exam(examId);
        notes.set(
          examId,
          exam ? (reviewHold(exam, now, await this.answeringUntil(exam, now))?.question ?? null) : WITHHELD.never,
        );
      }
      const questionId = Number(row.questionId);
      const list = sat.get(questionId) ?? [];
      list.push(notes.get(examId) ?? null);
      sat.set(questionId, list);
    }
    return sat;
  }
}
