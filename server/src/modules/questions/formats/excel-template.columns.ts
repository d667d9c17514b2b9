import { QUESTION_LIMITS } from '@campus/shared';
import { OPTION_KEYS } from './question-format.types';

/** The question import template's layout, shared by its writer and its parser. */

/** The template offers as many option columns as a question may have (选项A–选项H). */
export const TEMPLATE_OPTION_KEYS = OPTION_KEYS.slice(0, QUESTION_LIMITS.options);

export const COLUMN = {
  type: '题型',
  stem: '题干',
  answer: '答案',
  analysis: '解析',
  fraudType: '诈骗类型',
  difficulty: '难度',
  tags: '标签',
  group: '互斥组',
} as const;
export const optionColumn = (key: string) => `选项${key}`;

export const HEADERS: readonly string[] = [
  COLUMN.type,
  COLUMN.stem,
  ...TEMPLATE_OPTION_KEYS.map(optionColumn),
  COLUMN.answer,
  COLUMN.analysis,
  COLUMN.fraudType,
  COLUMN.difficulty,
  COLUMN.tags,
  COLUMN.group,
];
export const QUESTION_SHEET = '题目';
