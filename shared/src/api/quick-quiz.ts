import type { QuestionOption, QuestionType } from '../questions';

/**
 * 课堂快问: during a 课前3分钟 talk the teacher puts one question to the class; students answer on
 * their phones within a countdown and the projector shows the counts, then the distribution and the
 * right answer. A round is one question put to one class once.
 */

/** Countdown limits in seconds (default 30). */
export const QUICK_QUIZ_SECONDS = { min: 10, max: 120, default: 30 } as const;
/** How many 快问 questions a prompt carries at most. */
export const QUICK_QUESTIONS_PER_PROMPT = 2;
/** A join code is this many digits. */
export const QUICK_QUIZ_CODE_LENGTH = 6;

/** `open`: answers are taken until `closesAt`; `closed`: the answer and the distribution are shown. */
export type QuickQuizPhase = 'open' | 'closed';

/** A 快问 question as a prompt lists it for the teacher (a question of the bank). */
export interface QuickQuestionDto {
  questionId: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
}

/** PUT /api/prompts/:id/quick-questions */
export interface QuickQuestionsInput {
  /** Bank questions (single choice or true/false, active), at most {@link QUICK_QUESTIONS_PER_PROMPT}. */
  questionIds: number[];
}

/** POST /api/quick-quiz/rounds */
export interface QuickQuizStartInput {
  promptId: number;
  questionId: number;
  classId: number;
  /** Countdown; default {@link QUICK_QUIZ_SECONDS}.default. */
  seconds?: number;
}

/** What the question looks like on a phone: never the answer while the round is open. */
export interface QuickQuizQuestionView {
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
}

export interface QuickQuizCounts {
  /** Students of the class (the audience). */
  classSize: number;
  /** Students who opened the round on their phone. */
  joined: number;
  answered: number;
}

/** Shown once the round is closed. */
export interface QuickQuizReveal {
  answer: string[];
  /** One-line explanation (the question's 解析). */
  analysis: string;
  /** Answers per option key ("A" → 12); a multiple answer counts under its joined keys. */
  distribution: Record<string, number>;
  correct: number;
}

/** The projector's view (GET /api/quick-quiz/rounds/:id and its event stream). */
export interface QuickQuizRoundDto {
  id: number;
  promptId: number;
  promptTitle: string;
  classId: number;
  className: string;
  joinCode: string;
  question: QuickQuizQuestionView;
  phase: QuickQuizPhase;
  startedAt: string;
  closesAt: string;
  /** The server's clock when this was written, so a screen's countdown does not trust its own clock. */
  serverNow: string;
  counts: QuickQuizCounts;
  reveal: QuickQuizReveal | null;
}

/** A student's view (POST /api/quick-quiz/join, GET /api/quick-quiz/rounds/:id/mine and its stream). */
export interface QuickQuizStudentDto {
  id: number;
  promptTitle: string;
  className: string;
  question: QuickQuizQuestionView;
  phase: QuickQuizPhase;
  closesAt: string;
  serverNow: string;
  /** What this student answered; null before answering. */
  myAnswer: string[] | null;
  /** After the close: the right answer and explanation, and whether this student got it. */
  reveal: { answer: string[]; analysis: string; correct: boolean | null } | null;
}

/** POST /api/quick-quiz/join */
export interface QuickQuizJoinInput {
  code: string;
}

/** POST /api/quick-quiz/rounds/:id/answer */
export interface QuickQuizAnswerInput {
  answer: string[];
}

/** One round in a teacher's history and on the coverage page. */
export interface QuickQuizRoundSummary {
  id: number;
  promptId: number;
  promptTitle: string;
  questionStem: string;
  classId: number;
  className: string;
  teacherName: string;
  startedAt: string;
  classSize: number;
  answered: number;
  correct: number;
}

/** GET /api/quick-quiz/rounds?classId=&from=&to= */
export interface QuickQuizRoundQuery {
  classId?: number;
  collegeId?: number;
  from?: string;
  to?: string;
}

/** 课堂快问 figures of a college or class in a week (coverage page). */
export interface QuickQuizFigures {
  rounds: number;
  /** Answers given ÷ (class size × rounds), 0–1: how much of the class took part. */
  participation: number;
  /** Right answers ÷ answers given, 0–1; null when nobody answered. */
  correctRate: number | null;
}
