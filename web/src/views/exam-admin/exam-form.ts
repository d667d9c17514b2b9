import {
  equalMarks,
  isRandomPaper,
  sumMarks,
  QuestionType,
  type ExamDto,
  type ExamInput,
  type ExamKind,
  type ExamRule,
  type FraudType,
  type ReviewPolicy,
} from '@campus/shared';
import { toIsoWithOffset } from '@/utils/date-time';

/** The server's limits on a paper. */
export const MAX_PAPER_QUESTIONS = 200;
export const MAX_RULES = 50;

export type PaperMode = 'fixed' | 'random';

/** One random-draw rule as edited; `key` only keeps rows apart in the list. */
export interface RuleRow {
  key: number;
  type: QuestionType;
  fraudType?: FraudType;
  difficulty?: number;
  count: number;
  score: number;
}

export interface FixedPaperState {
  questionIds: number[];
  /** One per question, used only when `customScores`; otherwise every question is worth 100 ÷ n. */
  scores: number[];
  customScores: boolean;
}

export interface ExamFormState {
  title: string;
  description: string;
  kind: ExamKind;
  window: [Date, Date] | null;
  durationMinutes: number;
  passScore: number;
  maxAttempts: number;
  collegeIds: number[];
  enrollmentYears: number[];
  classIds: number[];
  reviewPolicy: ReviewPolicy;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  limitLeaves: boolean;
  leaveLimit: number;
  paperMode: PaperMode;
  fixed: FixedPaperState;
  rules: RuleRow[];
}

let nextRuleKey = 1;

export function newRule(patch: Partial<Omit<RuleRow, 'key'>> = {}): RuleRow {
  return { key: nextRuleKey++, type: QuestionType.Single, count: 10, score: 5, ...patch };
}

export function emptyExamForm(): ExamFormState {
  return {
    title: '',
    description: '',
    kind: 'entrance',
    window: null,
    durationMinutes: 30,
    passScore: 60,
    maxAttempts: 0,
    collegeIds: [],
    enrollmentYears: [],
    classIds: [],
    reviewPolicy: 'after_submit',
    shuffleQuestions: true,
    shuffleOptions: true,
    limitLeaves: false,
    leaveLimit: 5,
    paperMode: 'random',
    fixed: { questionIds: [], scores: [], customScores: false },
    rules: [
      newRule({ type: QuestionType.Single, count: 10, score: 4 }),
      newRule({ type: QuestionType.Multiple, count: 5, score: 6 }),
      newRule({ type: QuestionType.Judge, count: 10, score: 3 }),
    ],
  };
}

/** Rounded to cents, so 100 ÷ 3 reads 33.33 and sums do not show floating-point noise. */
export function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

/** API.md: a fixed paper without scores gives every question 100 ÷ n. */
export function equalShare(count: number): number {
  return count > 0 ? 100 / count : 0;
}

/** As the server gives them: 100 ÷ n in hundredths that add up to exactly 100. */
export function fixedScores(fixed: FixedPaperState): number[] {
  if (fixed.customScores) return fixed.scores;
  return equalMarks(100, fixed.questionIds.length);
}

export function totalScore(form: ExamFormState): number {
  if (form.paperMode === 'random')
    return roundScore(form.rules.reduce((sum, rule) => sum + rule.count * rule.score, 0));
  return sumMarks(fixedScores(form.fixed));
}

export function questionCount(form: ExamFormState): number {
  if (form.paperMode === 'random') return form.rules.reduce((sum, rule) => sum + rule.count, 0);
  return form.fixed.questionIds.length;
}

export function examFormFrom(exam: ExamDto): ExamFormState {
  const base = emptyExamForm();
  const paper = exam.paper;
  const random = isRandomPaper(paper);
  return {
    ...base,
    title: exam.title,
    description: exam.description,
    kind: exam.kind,
    window: [new Date(exam.opensAt), new Date(exam.closesAt)],
    durationMinutes: exam.durationMinutes,
    passScore: exam.passScore,
    maxAttempts: exam.maxAttempts,
    collegeIds: [...(exam.audience.collegeIds ?? [])],
    enrollmentYears: [...(exam.audience.enrollmentYears ?? [])],
    classIds: [...(exam.audience.classIds ?? [])],
    reviewPolicy: exam.reviewPolicy,
    shuffleQuestions: exam.shuffleQuestions,
    shuffleOptions: exam.shuffleOptions,
    limitLeaves: exam.leaveLimit !== null,
    leaveLimit: exam.leaveLimit ?? base.leaveLimit,
    paperMode: random ? 'random' : 'fixed',
    fixed: random
      ? base.fixed
      : {
          questionIds: [...paper.questionIds],
          scores: [...(paper.scores ?? [])],
          customScores: Boolean(paper.scores?.length),
        },
    rules: random ? paper.rules.map((rule) => newRule(rule)) : [],
  };
}

function ruleInput(row: RuleRow): ExamRule {
  const rule: ExamRule = { type: row.type, count: row.count, score: row.score };
  if (row.fraudType) rule.fraudType = row.fraudType;
  if (row.difficulty) rule.difficulty = row.difficulty;
  return rule;
}

/** The request body; call only once {@link examFormProblems} is empty (the window must be set). */
export function examInputFrom(form: ExamFormState): ExamInput {
  const [opens, closes] = form.window ?? [new Date(), new Date()];
  const paper =
    form.paperMode === 'random'
      ? { rules: form.rules.map(ruleInput) }
      : {
          questionIds: [...form.fixed.questionIds],
          ...(form.fixed.customScores ? { scores: form.fixed.scores.map(roundScore) } : {}),
        };
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    kind: form.kind,
    opensAt: toIsoWithOffset(opens),
    closesAt: toIsoWithOffset(closes),
    durationMinutes: form.durationMinutes,
    passScore: form.passScore,
    maxAttempts: form.maxAttempts,
    audience: {
      collegeIds: [...form.collegeIds],
      enrollmentYears: [...form.enrollmentYears],
      classIds: [...form.classIds],
    },
    paper,
    shuffleQuestions: form.shuffleQuestions,
    shuffleOptions: form.shuffleOptions,
    reviewPolicy: form.reviewPolicy,
    leaveLimit: form.limitLeaves ? form.leaveLimit : null,
  };
}

/** What must be fixed before saving, in Chinese; the server checks again. */
/** What is wrong with the form before it is sent, each with the request field it is about. */
export function examFormFieldProblems(form: ExamFormState): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (!form.title.trim()) fail('title', '请填写考试名称');
  if (!form.window) fail('opensAt', '请选择开放时间');
  else if (form.window[1] <= form.window[0]) fail('closesAt', '结束时间应晚于开始时间');
  if (!(form.durationMinutes >= 1)) fail('durationMinutes', '考试时长至少 1 分钟');
  if (form.paperMode === 'fixed') {
    if (form.fixed.questionIds.length === 0) fail('paper', '请选择试卷题目');
    if (form.fixed.questionIds.length > MAX_PAPER_QUESTIONS) fail('paper', `固定试卷最多 ${MAX_PAPER_QUESTIONS} 题`);
    if (form.fixed.customScores && form.fixed.scores.some((s) => !(s > 0))) fail('paper', '每题分值应大于 0');
  } else {
    if (form.rules.length === 0) fail('paper', '请添加至少一条抽题规则');
    if (form.rules.length > MAX_RULES) fail('paper', `抽题规则最多 ${MAX_RULES} 条`);
    if (form.rules.some((r) => !(r.count >= 1))) fail('paper', '每条规则至少抽 1 题');
    if (form.rules.some((r) => !(r.score > 0))) fail('paper', '每题分值应大于 0');
  }
  const total = totalScore(form);
  if (total > 0 && form.passScore > total) fail('passScore', `及格分 ${form.passScore} 高于试卷总分 ${total}`);
  return problems;
}

export function examFormProblems(form: ExamFormState): string[] {
  return examFormFieldProblems(form).map((p) => p.message);
}
