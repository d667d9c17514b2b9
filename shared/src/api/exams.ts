import type { FraudType } from '../fraud-types';
import type { QuestionOption, QuestionType } from '../questions';
import type { QualityWarning } from '../question-quality/types';
import type { PageQuery, PersonRef } from './common';

/** 入学第一考 counts toward awareness; regular exams do not (PRODUCT.md). */
export type ExamKind = 'entrance' | 'regular';
export type ExamStatus = 'draft' | 'published';
/** When a student may see per-question results and 解析. */
export type ReviewPolicy = 'never' | 'after_submit' | 'after_close';

export const EXAM_KIND_LABELS: Record<ExamKind, string> = { entrance: '入学第一考', regular: '普通考试' };
export const REVIEW_POLICY_LABELS: Record<ReviewPolicy, string> = {
  never: '不公布答案',
  after_submit: '交卷后可查看',
  after_close: '考试结束后可查看',
};

/** Who may take an exam; an empty or missing list does not restrict. */
export interface ExamAudience {
  collegeIds?: number[];
  enrollmentYears?: number[];
  classIds?: number[];
}

/** Draw `count` questions at random for each student, each worth `score`. */
export interface ExamRule {
  type: QuestionType;
  fraudType?: FraudType;
  difficulty?: number;
  count: number;
  score: number;
}

export interface FixedPaper {
  questionIds: number[];
  /** One per question; without it every question is worth 100 ÷ the number of questions. */
  scores?: number[];
}

export interface RandomPaper {
  rules: ExamRule[];
}

export type ExamPaper = FixedPaper | RandomPaper;

export function isRandomPaper(paper: ExamPaper): paper is RandomPaper {
  return 'rules' in paper;
}

/** Body of POST /api/exams and PUT /api/exams/:id (drafts only). */
export interface ExamInput {
  title: string;
  description?: string;
  kind: ExamKind;
  opensAt: string;
  closesAt: string;
  durationMinutes: number;
  passScore: number;
  /** 0 = unlimited (retake until passed). Nobody may retake an exam they passed. */
  maxAttempts: number;
  audience: ExamAudience;
  paper: ExamPaper;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  reviewPolicy?: ReviewPolicy;
  /** 切屏: how many times a student may leave the page; one more submits the attempt. null = only recorded. */
  leaveLimit?: number | null;
}

export interface ExamDto extends Required<Omit<ExamInput, 'description' | 'leaveLimit'>> {
  id: number;
  description: string;
  leaveLimit: number | null;
  status: ExamStatus;
  totalScore: number;
  questionCount: number;
  publishedAt: string | null;
  createdAt: string;
}

export interface ExamListQuery extends PageQuery {
  kind?: ExamKind;
  status?: ExamStatus;
  q?: string;
}

/**
 * Response of POST /api/exams and PUT /api/exams/:id: the exam and, for a fixed paper, what the
 * 命题质量检查 notices about the paper as a whole (two questions of one 互斥组; key position bias
 * when options are not shuffled). Warnings never block the save.
 */
export interface ExamSaveResult extends ExamDto {
  warnings: QualityWarning[];
}

/** GET /api/my/exams */
export interface MyExamDto {
  id: number;
  title: string;
  kind: ExamKind;
  description: string;
  opensAt: string;
  closesAt: string;
  durationMinutes: number;
  passScore: number;
  totalScore: number;
  questionCount: number;
  attemptsUsed: number;
  maxAttempts: number;
  bestScore: number | null;
  passed: boolean;
  inProgressAttemptId: number | null;
  /** Latest finished attempt, to open its result. */
  lastAttemptId: number | null;
  reviewPolicy: ReviewPolicy;
  leaveLimit: number | null;
  /** Whether the caller may start or resume now, and if not why (Chinese). */
  canStart: boolean;
  reason: string | null;
}

/** A question as a student sees it during an attempt: never the answer or 解析. */
export interface AttemptQuestion {
  id: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  score: number;
}

/** POST /api/exams/:id/attempts: a new attempt, or the one in progress. */
export interface AttemptSession {
  attemptId: number;
  examId: number;
  examTitle: string;
  deadline: string;
  /** The server's clock when answering, so the countdown does not trust the phone's clock. */
  serverNow: string;
  questions: AttemptQuestion[];
  answers: Record<string, string[]>;
  leaveCount: number;
  leaveLimit: number | null;
}

export interface SaveAnswerRequest {
  answer: string[];
}

export interface SubmitResult {
  score: number;
  passed: boolean;
  submittedAt: string;
}

export interface ReviewItem {
  questionId: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  chosen: string[];
  /** The key, whether the choice was right, the marks and 解析: null while `withheld`. */
  answer: string[] | null;
  correct: boolean | null;
  score: number;
  awarded: number | null;
  analysis: string | null;
  /** Why this question's key is held back (e.g. it is on an exam the student can still take), or null. */
  withheld: string | null;
}

export type AttemptStatus = 'in_progress' | 'submitted';

/** GET /api/attempts/:id */
export interface AttemptDetail {
  attemptId: number;
  examId: number;
  examTitle: string;
  userId: number;
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  submittedAt: string | null;
  /** True when time ran out (or the 切屏 limit was reached) rather than the student submitting. */
  autoSubmitted: boolean;
  score: number | null;
  passed: boolean | null;
  totalScore: number;
  passScore: number;
  leaveCount: number;
  /** Per-question results when the review policy allows, else null with `reviewNote` saying why. */
  review: ReviewItem[] | null;
  reviewNote: string | null;
}

export interface LeaveEventResult {
  leaveCount: number;
  leaveLimit: number | null;
  /** The limit was reached and the attempt was submitted. */
  submitted: boolean;
}

/** One row of GET /api/exams/:id/results. */
export interface ExamResultRow extends PersonRef {
  attemptId: number;
  attemptNo: number;
  startedAt: string;
  submittedAt: string | null;
  autoSubmitted: boolean;
  score: number | null;
  passed: boolean | null;
  leaveCount: number;
}

export interface ExamResultQuery extends PageQuery {
  collegeId?: number;
  classId?: number;
  passed?: boolean;
  q?: string;
}

/**
 * PUT /api/exams/:id/window — move a published exam's window. The opening time can only move while
 * nobody has started. Attempts in progress keep the deadline rule (attemptDeadline): a later close
 * lets them run to their full time, an earlier close never cuts them below what they had.
 */
export interface ExamWindowInput {
  opensAt?: string;
  closesAt: string;
}

/** POST /api/exams/:id/close — ends the exam now; attempts in progress are submitted with what was saved. */
export interface ExamCloseResult {
  exam: ExamDto;
  /** Attempts that were open and have been submitted by the close. */
  submittedAttempts: number;
}

/**
 * POST /api/exams/:id/exceptions — 补考/缓考 for named students (by 学号): extra minutes on every
 * attempt and/or extra attempts beyond the exam's maximum. Granting again replaces the values.
 */
export interface ExamExceptionInput {
  usernames: string[];
  extraMinutes: number;
  extraAttempts: number;
  reason: string;
}

/** GET /api/exams/:id/exceptions (a college admin sees their college's students only). */
export interface ExamExceptionDto {
  userId: number;
  username: string;
  name: string;
  collegeName: string | null;
  className: string | null;
  extraMinutes: number;
  extraAttempts: number;
  reason: string;
  grantedByName: string;
  grantedAt: string;
}

/** POST /api/exams/:id/attempts/:attemptId/reset */
export interface AttemptResetInput {
  reason: string;
}

/** Practice (练习): drawn from the bank, never counted toward awareness. */
export interface PracticeQuery {
  fraudType?: FraudType;
  /** 'wrong' practises the caller's 错题本. */
  source?: 'bank' | 'wrong';
  count?: number;
}

export interface PracticeCheckRequest {
  questionId: number;
  answer: string[];
}

export interface PracticeCheckResult {
  correct: boolean;
  answer: string[];
  analysis: string;
  /** A 错题本 question answered right is marked as mastered and leaves the list. */
  mastered: boolean;
}

/** GET /api/my/wrong-questions */
export interface WrongQuestionDto {
  questionId: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  /** null while `withheld`. */
  answer: string[] | null;
  analysis: string | null;
  /** Why the key is held back (the exam's review policy, or an exam the student can still take), or null. */
  withheld: string | null;
  fraudType: FraudType;
  lastAnswer: string[];
  wrongCount: number;
  lastWrongAt: string;
}

export interface WrongQuestionQuery extends PageQuery {
  fraudType?: FraudType;
}

/** Where the audience of an exam stands right now (考试实时监控); `passRate` is passed ÷ people, the goal is 1. */
export interface ExamMonitorCounts {
  /** Students the exam addresses. */
  people: number;
  notStarted: number;
  /** With an attempt open right now. */
  answering: number;
  /** Finished at least one attempt and not answering now (passed ones included). */
  submitted: number;
  passed: number;
  /** 切屏 recorded over all their attempts. */
  leaves: number;
  passRate: number;
}

export interface ExamMonitorGroup extends ExamMonitorCounts {
  id: number;
  name: string;
}

export interface ExamMonitorClass extends ExamMonitorGroup {
  collegeId: number;
}

/** A student answering right now. */
export interface ExamMonitorAnswering extends PersonRef {
  attemptId: number;
  startedAt: string;
  deadline: string;
  /** At `at` of the snapshot; the page counts down from it. */
  secondsLeft: number;
  leaveCount: number;
}

/**
 * GET /api/exams/:id/monitor (JSON) and its stream (`Accept: text/event-stream`, event `snapshot`).
 * A college admin sees their own college only; `classes` are those of the chosen college (a school
 * admin chooses with ?collegeId=, a college admin always sees their own).
 */
export interface ExamMonitorSnapshot {
  examId: number;
  title: string;
  /** Server time of the figures. */
  at: string;
  state: 'upcoming' | 'open' | 'closed';
  opensAt: string;
  closesAt: string;
  /** Seconds between refreshes. */
  refreshSeconds: number;
  collegeId: number | null;
  total: ExamMonitorCounts;
  colleges: ExamMonitorGroup[];
  classes: ExamMonitorClass[];
  /** Least time left first, at most `answeringLimit` of `total.answering`. */
  answering: ExamMonitorAnswering[];
  answeringLimit: number;
}

export interface ExamMonitorQuery {
  collegeId?: number;
}
