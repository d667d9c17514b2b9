import { ALL_FRAUD_TYPES } from './fraud-types';
import { JUDGE_OPTIONS, QuestionType, type QuestionDraft } from './questions';

export const QUESTION_LIMITS = {
  stem: 2000,
  option: 500,
  analysis: 3000,
  options: 8,
  tags: 10,
  tag: 20,
  group: 40,
} as const;

/**
 * A 互斥组 key: letters (Chinese too), digits, '-' and '_' — no spaces or separators, so it travels
 * unchanged as a Moodle/GIFT tag ("group:<key>") and an Excel cell.
 */
export const GROUP_PATTERN = /^[\p{L}\p{N}_-]+$/u;

/** The 互斥组 as stored: trimmed, empty means none. */
export function normaliseGroup(group: string | null | undefined): string | null {
  const trimmed = group?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * What is wrong with a question, in Chinese, one message per problem (empty when it is valid).
 * The editor, the importers and the API all check questions with this one rule.
 */
export function questionProblems(q: QuestionDraft): string[] {
  const problems: string[] = [];
  if (!q.stem.trim()) problems.push('题干不能为空');
  if (q.stem.length > QUESTION_LIMITS.stem) problems.push(`题干最多 ${QUESTION_LIMITS.stem} 个字符`);
  if (!ALL_FRAUD_TYPES.includes(q.fraudType)) problems.push('诈骗类型无效');
  if (!Number.isInteger(q.difficulty) || q.difficulty < 1 || q.difficulty > 5) problems.push('难度应为 1–5 的整数');
  if (q.analysis.length > QUESTION_LIMITS.analysis) problems.push(`解析最多 ${QUESTION_LIMITS.analysis} 个字符`);
  if ((q.tags ?? []).length > QUESTION_LIMITS.tags) problems.push(`标签最多 ${QUESTION_LIMITS.tags} 个`);
  if ((q.tags ?? []).some((t) => !t.trim() || t.length > QUESTION_LIMITS.tag))
    problems.push(`每个标签 1–${QUESTION_LIMITS.tag} 个字符`);

  const group = normaliseGroup(q.group);
  if (group !== null && (group.length > QUESTION_LIMITS.group || !GROUP_PATTERN.test(group)))
    problems.push(`互斥组最多 ${QUESTION_LIMITS.group} 个字符，只能包含文字、数字、连字符“-”和下划线“_”`);

  const keys = q.options.map((o) => o.key);
  if (q.type === QuestionType.Judge) {
    const same = q.options.length === 2 && JUDGE_OPTIONS.every((j, i) => q.options[i]?.key === j.key);
    if (!same) problems.push('判断题的选项必须是 T（正确）和 F（错误）');
  } else {
    if (q.options.length < 2) problems.push('至少需要 2 个选项');
    if (q.options.length > QUESTION_LIMITS.options) problems.push(`最多 ${QUESTION_LIMITS.options} 个选项`);
    if (keys.some((k, i) => k !== String.fromCharCode(65 + i))) problems.push('选项须依次编号为 A、B、C…');
    if (q.options.some((o) => !o.text.trim())) problems.push('选项内容不能为空');
    if (q.options.some((o) => o.text.length > QUESTION_LIMITS.option))
      problems.push(`每个选项最多 ${QUESTION_LIMITS.option} 个字符`);
    if (new Set(q.options.map((o) => o.text.trim())).size !== q.options.length) problems.push('选项内容不能重复');
  }
  const answer = new Set(q.answer);
  if (answer.size !== q.answer.length) problems.push('答案不能重复');
  if (q.answer.some((k) => !keys.includes(k)))
    problems.push(`答案 ${q.answer.filter((k) => !keys.includes(k)).join('、')} 不在选项中`);
  if (q.type === QuestionType.Multiple) {
    if (answer.size < 2) problems.push('多选题至少有 2 个正确答案');
  } else if (answer.size !== 1) {
    problems.push(q.type === QuestionType.Judge ? '判断题必须有且只有 1 个答案' : '单选题必须有且只有 1 个答案');
  }
  return problems;
}

/** Stems compared for duplicates: case, spaces and punctuation do not make a new question. */
export function stemKey(stem: string): string {
  return stem
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
