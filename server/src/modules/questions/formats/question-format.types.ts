import { FraudType, fraudTypeFromName, type QuestionDraft } from '@campus/shared';
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

/** What the tags of a Moodle XML or GIFT question say: the prefixed ones set fields, the rest stay tags. */
export interface TaggedFields {
  fraudType?: FraudType;
  difficulty?: number;
  group?: string;
  tags: string[];
}

/**
 * Reads tag names as the platform writes them (see MOODLE_TAG_PREFIX), in Moodle XML and GIFT alike.
 * The first tag of each prefix counts; a fraud type or difficulty that does not exist is an error
 * (returned as the Chinese message), since guessing one would file the question wrongly.
 */
export function readTaggedFields(names: readonly string[]): TaggedFields | string {
  const fields: TaggedFields = { tags: [] };
  for (const name of names) {
    const [prefix, value] = splitTagPrefix(name);
    if (prefix === MOODLE_TAG_PREFIX.fraudType) {
      if (fields.fraudType !== undefined) continue;
      const fraudType = fraudTypeFromName(value);
      if (fraudType === undefined) return `标签「${name}」中的诈骗类型「${value}」不存在`;
      fields.fraudType = fraudType;
    } else if (prefix === MOODLE_TAG_PREFIX.difficulty) {
      if (fields.difficulty !== undefined) continue;
      const difficulty = Number(value);
      if (!Number.isInteger(difficulty) || difficulty < MIN_DIFFICULTY || difficulty > MAX_DIFFICULTY) {
        return `标签「${name}」中的难度应为 ${MIN_DIFFICULTY}–${MAX_DIFFICULTY} 的整数`;
      }
      fields.difficulty = difficulty;
    } else if (prefix === MOODLE_TAG_PREFIX.group) {
      if (fields.group === undefined && value !== '') fields.group = value;
    } else if (name !== '' && !fields.tags.includes(name)) {
      fields.tags.push(name);
    }
  }
  return fields;
}

/** The tags the platform writes for a question's fraud type, difficulty and 互斥组, before its own tags. */
export function fieldTags(draft: QuestionDraft): string[] {
  return [
    `${MOODLE_TAG_PREFIX.fraudType}${draft.fraudType}`,
    `${MOODLE_TAG_PREFIX.difficulty}${draft.difficulty}`,
    ...(draft.group ? [`${MOODLE_TAG_PREFIX.group}${draft.group}`] : []),
    ...(draft.tags ?? []),
  ];
}

/** Moodle may lower-case tag names, so the prefixes are matched in any case. */
function splitTagPrefix(name: string): [string | undefined, string] {
  const prefix = Object.values(MOODLE_TAG_PREFIX).find((p) => name.toLowerCase().startsWith(p.toLowerCase()));
  return prefix ? [prefix, name.slice(prefix.length).trim()] : [undefined, name];
}

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
