import type { FraudType } from './fraud-types';

export enum QuestionType {
  Single = 'single',
  Multiple = 'multiple',
  Judge = 'judge',
}

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  [QuestionType.Single]: '单选',
  [QuestionType.Multiple]: '多选',
  [QuestionType.Judge]: '判断',
};

export interface QuestionOption {
  key: string;
  text: string;
}

/** The options every 判断 question has (API.md). */
export const JUDGE_OPTIONS: readonly QuestionOption[] = [
  { key: 'T', text: '正确' },
  { key: 'F', text: '错误' },
];

/** A question as the bank and the importers describe it, before it is stored. */
export interface QuestionDraft {
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  analysis: string;
  fraudType: FraudType;
  difficulty: number;
  tags?: string[];
  /**
   * 互斥组: questions that test the same fact share a key (e.g. "credit-report-channel"); a paper
   * drawn by rules takes at most one question of a group. Null or missing: the question stands alone.
   */
  group?: string | null;
}
