import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AttemptDetail, ReviewItem } from '@campus/shared';
import type { Repository } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { QuestionPool, type VersionContent } from '../questions/question-pool';
import { UsersService } from '../users/users.service';
import { decodeAnswer } from './attempt-answer';
import { AttemptCloseService } from './attempt-close.service';
import { AttemptQuestion } from './attempt-question.entity';
import { ExamCache } from './exam-cache';
import { ExamAttempt } from './exam-attempt.entity';
import type { Exam } from './exam.entity';
import { KeyDisclosure, reviewHold } from './key-disclosure';

/** One attempt's result, with per-question feedback as the exam's review policy allows. */
@Injectable()
export class AttemptReviewService {
  constructor(
    @InjectRepository(ExamAttempt) private readonly attempts: Repository<ExamAttempt>,
    @InjectRepository(AttemptQuestion) private readonly questions: Repository<AttemptQuestion>,
    private readonly cache: ExamCache,
    private readonly pool: QuestionPool,
    private readonly access: AccessService,
    private readonly disclosure: KeyDisclosure,
    private readonly closer: AttemptCloseService,
    private readonly users: UsersService,
  ) {}

  async detail(principal: Principal, attemptId: number): Promise<AttemptDetail> {
    let attempt = await this.attempts.findOne({ where: { id: attemptId } });
    if (!attempt) throw new NotFoundException('考试记录不存在');
    if (attempt.userId !== principal.id) {
      const collegeId = await this.users.collegeOf(attempt.userId);
      if (collegeId === undefined || !this.access.canReachCollege(principal, collegeId))
        throw new NotFoundException('考试记录不存在');
    }
    const now = new Date();
    if (!attempt.submittedAt && attempt.deadline <= now) {
      await this.closer.finalize(attempt.id, now, true);
      attempt = await this.attempts.findOneByOrFail({ id: attemptId });
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
    const hold = isOwner ? reviewHold(exam, now, await this.disclosure.answeringUntil(exam, now)) : null;
    if (hold) return { review: null, reviewNote: hold.attempt };
    const rows = await this.questions.find({ where: { attemptId: attempt.id }, order: { position: 'ASC' } });
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
