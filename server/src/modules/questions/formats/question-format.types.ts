import { FraudType, type QuestionDraft } from '@campus/shared';
import { plainText } from './question-text';

/** The file formats the question import understands (API.md: xlsx template, Moodle XML, GIFT, Aiken). */
export type QuestionFileFormat = 'xlsx' | 'moodle-xml' | 'gift' | 'aiken';

/** Where in the file a question came from: "第3题", "第3题「名称」" or, for the template, "第4行". */
export interface ParsedQuestion {
  item: string;
  draft: QuestionDraft;
}

export interface ImportIssue {
  item: string;
  /** In Chinese, for the admin who uploaded the file. */
  message: string;
}

/**
 * What every parser returns. `skipped` holds questions of types the platform does not have (essay,
 * matching…), which are expected in files exported from Moodle; `errors` holds questions of a
 * supported type that are broken, which the admin has to fix.
 */
export interface ParsedQuestions {
  questions: ParsedQuestion[];
  skipped: ImportIssue[];
  errors: ImportIssue[];
}

/** What a draft gets for the fields its format does not carry. */
export const DRAFT_DEFAULTS = {
  fraudType: FraudType.Other,
  difficulty: 3,
  analysis: '',
} as const satisfies Partial<QuestionDraft>;

export const MIN_DIFFICULTY = 1;
export const MAX_DIFFICULTY = 5;

/** Option keys in order; a question's options take them from A. */
export const OPTION_KEYS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** "第3题", or "第3题「name」" when the format names its questions (names need not be unique). */
export function questionItem(ordinal: number, name?: string): string {
  const trimmed = name?.trim();
  return trimmed ? `第${ordinal}题「${trimmed}」` : `第${ordinal}题`;
}

/**
 * Moodle has no field for our fraud type, difficulty and 互斥组, so Moodle XML carries them as tags
 * ("fraudType:investment", "difficulty:3", "group:credit-report") beside the question's plain tags.
 * The group is not Moodle's <idnumber>: that must be unique per question in a category, while a
 * group is shared by several questions — which is what a tag is.
 */
export const MOODLE_TAG_PREFIX = { fraudType: 'fraudType:', difficulty: 'difficulty:', group: 'group:' } as const;

/** The last part of a Moodle category path, unless it is only Moodle's own `top` or a context. */
export function categoryTag(path: string | undefined): string | undefined {
  const last = path
    ?.split('/')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .at(-1);
  // Moodle's own containers name no subject: top, a context ($course$), a default category.
  if (last === undefined || last === 'top' || /^\$\w+\$$/.test(last)) return undefined;
  if (last === '默认' || last.startsWith('Default for') || last.startsWith('默认')) return undefined;
  return plainText(last);
}
