import { ALL_FRAUD_TYPES } from './fraud-types';
import { COMPOSITE_SOURCE_LABEL, type PromptInput, type PromptSourceKind } from './api/prompts';

export const PROMPT_LIMITS = {
  title: 60,
  story: 1500,
  items: 8,
  item: 100,
  takeaway: 100,
  tags: 10,
  tag: 20,
  source: 100,
  sourceIssuer: 50,
  teachingPoints: 6,
  teachingPoint: 150,
  discussionQuestion: 150,
  discussionAnswer: 300,
} as const;

/**
 * A 课前3分钟 talk is about three minutes spoken. Mandarin read aloud runs at roughly 200–250
 * characters a minute; at ~230 that is 650–800 characters for everything the teacher says: the case,
 * the warning signs, what to do, the line to remember, the 讲解要点 and the 互动提问 with its answer.
 */
export const PROMPT_TALK_CHARS = { min: 650, max: 800 } as const;

/** Fields of a prompt a problem can be about (the 互动提问's two parts separately). */
export type PromptField = Exclude<keyof PromptInput, 'discussion'> | 'discussion.question' | 'discussion.answer';

export const PROMPT_SOURCE_KINDS: readonly PromptSourceKind[] = ['bulletin', 'composite'];

export const PROMPT_SOURCE_KIND_NAMES: Record<PromptSourceKind, string> = {
  bulletin: '公开通报',
  composite: '综合编写',
};

/**
 * The source kind a prompt has when its body does not say: a bulletin as soon as anything names one
 * (an issuer, a date, a source line other than the composite label), else a composite case.
 */
export function resolveSourceKind(p: Pick<PromptInput, 'sourceKind' | 'sourceIssuer' | 'source' | 'sourceDate'>) {
  if (p.sourceKind) return p.sourceKind;
  const source = (p.source ?? '').trim();
  const namesBulletin =
    Boolean(p.sourceIssuer?.trim()) ||
    Boolean(p.sourceDate?.trim()) ||
    (source !== '' && source !== COMPOSITE_SOURCE_LABEL);
  return namesBulletin ? 'bulletin' : 'composite';
}

/** Characters a teacher says in the talk (whitespace not counted; code points, not UTF-16 units). */
export function spokenLength(
  p: Pick<PromptInput, 'story' | 'warningSigns' | 'actions' | 'takeaway' | 'teachingPoints' | 'discussion'>,
): number {
  const parts = [
    p.story,
    ...p.warningSigns,
    ...p.actions,
    p.takeaway,
    ...(p.teachingPoints ?? []),
    p.discussion?.question ?? '',
    p.discussion?.answer ?? '',
  ];
  return Array.from(parts.join('').replace(/\s/g, '')).length;
}

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
  const short = (field: PromptField, label: string, value: string, max: number) => {
    if (value.length > max) fail(field, `${label}最多 ${max} 个字符`);
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

  const points = p.teachingPoints ?? [];
  if (points.length > PROMPT_LIMITS.teachingPoints)
    fail('teachingPoints', `讲解要点最多 ${PROMPT_LIMITS.teachingPoints} 条`);
  else if (points.some((point) => !point.trim())) fail('teachingPoints', '讲解要点不能有空行');
  else if (points.some((point) => point.length > PROMPT_LIMITS.teachingPoint))
    fail('teachingPoints', `讲解要点每条最多 ${PROMPT_LIMITS.teachingPoint} 个字符`);

  if (p.discussion) {
    const question = p.discussion.question.trim();
    const answer = p.discussion.answer.trim();
    if (!question && answer) fail('discussion.question', '写了参考答案，也请写出互动提问');
    if (question && !answer) fail('discussion.answer', '互动提问需要一个参考答案');
    short('discussion.question', '互动提问', question, PROMPT_LIMITS.discussionQuestion);
    short('discussion.answer', '参考答案', answer, PROMPT_LIMITS.discussionAnswer);
  }

  sourceProblems(p).forEach((problem) => problems.push(problem));
  if (p.expiresAt && Number.isNaN(Date.parse(p.expiresAt))) fail('expiresAt', '有效期应为有效的日期时间');
  return problems;
}

/**
 * A bulletin is cited so anyone can find it: issuer, title and a real, past date. A composite case
 * names no bulletin and carries no date; its source line is the fixed label.
 */
function sourceProblems(p: PromptInput, today = schoolDayOf(new Date())): PromptProblem[] {
  const problems: PromptProblem[] = [];
  const fail = (field: PromptField, message: string) => problems.push({ field, message });
  if (p.sourceKind !== undefined && !PROMPT_SOURCE_KINDS.includes(p.sourceKind)) {
    fail('sourceKind', '来源类型应为「公开通报」或「综合编写」');
    return problems;
  }
  const source = (p.source ?? '').trim();
  const issuer = (p.sourceIssuer ?? '').trim();
  const date = (p.sourceDate ?? '').trim();
  if (resolveSourceKind(p) === 'bulletin') {
    if (!issuer) fail('sourceIssuer', '引用公开通报须写明发布机关');
    else if (issuer.length > PROMPT_LIMITS.sourceIssuer)
      fail('sourceIssuer', `发布机关最多 ${PROMPT_LIMITS.sourceIssuer} 个字符`);
    if (!source || source === COMPOSITE_SOURCE_LABEL) fail('source', '引用公开通报须写明通报标题');
    else if (source.length > PROMPT_LIMITS.source) fail('source', `通报标题最多 ${PROMPT_LIMITS.source} 个字符`);
    if (!date) fail('sourceDate', '引用公开通报须写明发布日期');
    else if (!isCalendarDate(date)) fail('sourceDate', '来源日期应为 YYYY-MM-DD 格式的有效日期');
    else if (date > today) fail('sourceDate', '通报的发布日期不能晚于今天');
  } else {
    if (source && source !== COMPOSITE_SOURCE_LABEL)
      fail('source', `综合编写的案例来源固定为「${COMPOSITE_SOURCE_LABEL}」；引用公开通报请选择来源类型「公开通报」`);
    if (issuer) fail('sourceIssuer', '综合编写的案例没有发布机关');
    if (date) fail('sourceDate', '综合编写的案例没有来源日期');
  }
  return problems;
}
