import { QuestionType, type QuestionOption } from '@campus/shared';

/**
 * Options may be shuffled per student, so the letter a student sees is the option's position
 * (A, B, C … in the order shown) while the value sent to the server is its `key`.
 */
export function positionLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

/** 判断 options read as 正确 / 错误 rather than letters. */
export function showsLetters(type: QuestionType): boolean {
  return type !== QuestionType.Judge;
}

/** The keys as the student sees them: "A、C" (by position) or "正确" for 判断; "未作答" when empty. */
export function describeChoice(
  type: QuestionType,
  options: readonly QuestionOption[],
  keys: readonly string[],
): string {
  if (keys.length === 0) return '未作答';
  const parts = options
    .map((option, index) => ({ option, index }))
    .filter(({ option }) => keys.includes(option.key))
    .map(({ option, index }) => (showsLetters(type) ? positionLabel(index) : option.text));
  return parts.length > 0 ? parts.join('、') : keys.join('、');
}

/** A stable form of a choice: keys in option order, no duplicates. */
export function normaliseChoice(options: readonly QuestionOption[], keys: readonly string[]): string[] {
  return options.map((option) => option.key).filter((key) => keys.includes(key));
}

export function sameChoice(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key) => b.includes(key));
}
