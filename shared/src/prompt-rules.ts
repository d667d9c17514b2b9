import { ALL_FRAUD_TYPES } from './fraud-types';
import type { PromptInput } from './api/prompts';

export const PROMPT_LIMITS = {
  title: 60,
  story: 1500,
  items: 8,
  item: 100,
  takeaway: 100,
  tags: 10,
  tag: 20,
  source: 100,
} as const;

/** Fields of a prompt a problem can be about. */
export type PromptField = keyof PromptInput;

export interface PromptProblem {
  field: PromptField;
  message: string;
}

/**
 * The school's clock: China has one time zone and no daylight saving, so days and weeks (coverage
 * "this week", an expiry date) are reckoned at UTC+8 wherever the server runs.
 */
export const SCHOOL_UTC_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = SCHOOL_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 24 * 3600_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** 00:00 school time of a `YYYY-MM-DD` day, as an instant. */
export function schoolDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS);
}

/** The school-time calendar day (`YYYY-MM-DD`) an instant falls on. */
export function schoolDayOf(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Monday 00:00 school time of the week holding `instant` (weeks run Monday to Sunday). */
export function schoolWeekStart(instant: Date): Date {
  const start = schoolDayStart(schoolDayOf(instant));
  const weekday = (new Date(start.getTime() + OFFSET_MS).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(start.getTime() - weekday * DAY_MS);
}

/** An instant as ISO-8601 with the school's offset, e.g. `2026-03-02T00:00:00.000+08:00`. */
export function toSchoolIso(instant: Date): string {
  return `${new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/**
 * "有效期至 2026-06-30" means the prompt may be given all of that day: it expires when the next
 * day begins. The editor and the Excel import both write expiry this way.
 */
export function expiryForLastDay(lastDay: string): Date {
  return new Date(schoolDayStart(lastDay).getTime() + DAY_MS);
}

/** The last day a prompt expiring at `expiresAt` may still be given. */
export function lastDayBeforeExpiry(expiresAt: Date): string {
  return schoolDayOf(new Date(expiresAt.getTime() - 1));
}

/**
 * What is wrong with a prompt, in Chinese, one message per problem (empty when it is valid). The
 * editor, the Excel import and the API all check prompts with this one rule.
 */
export function promptProblems(p: PromptInput): PromptProblem[] {
  const problems: PromptProblem[] = [];
  const fail = (field: PromptField, message: string) => problems.push({ field, message });
  const text = (field: 'title' | 'story' | 'takeaway', label: string, max: number) => {
    const value = p[field];
    if (!value.trim()) fail(field, `${label}不能为空`);
    else if (value.length > max) fail(field, `${label}最多 ${max} 个字符`);
  };
  const list = (field: 'warningSigns' | 'actions', label: string) => {
    const items = p[field];
    if (items.length === 0 || items.every((item) => !item.trim())) fail(field, `${label}至少写一条`);
    else if (items.length > PROMPT_LIMITS.items) fail(field, `${label}最多 ${PROMPT_LIMITS.items} 条`);
    else if (items.some((item) => !item.trim())) fail(field, `${label}不能有空行`);
    else if (items.some((item) => item.length > PROMPT_LIMITS.item))
      fail(field, `${label}每条最多 ${PROMPT_LIMITS.item} 个字符`);
  };

  text('title', '标题', PROMPT_LIMITS.title);
  text('story', '案例', PROMPT_LIMITS.story);
  list('warningSigns', '预警信号');
  list('actions', '应对做法');
  text('takeaway', '一句话提醒', PROMPT_LIMITS.takeaway);
  if (!ALL_FRAUD_TYPES.includes(p.fraudType)) fail('fraudType', '诈骗类型无效');

  const tags = p.tags ?? [];
  if (tags.length > PROMPT_LIMITS.tags) fail('tags', `标签最多 ${PROMPT_LIMITS.tags} 个`);
  else if (tags.some((t) => !t.trim() || t.length > PROMPT_LIMITS.tag))
    fail('tags', `每个标签 1–${PROMPT_LIMITS.tag} 个字符`);
  if ((p.source ?? '').length > PROMPT_LIMITS.source) fail('source', `来源最多 ${PROMPT_LIMITS.source} 个字符`);
  if (p.sourceDate && !isCalendarDate(p.sourceDate)) fail('sourceDate', '来源日期应为 YYYY-MM-DD 格式的有效日期');
  if (p.expiresAt && Number.isNaN(Date.parse(p.expiresAt))) fail('expiresAt', '有效期应为有效的日期时间');
  return problems;
}
