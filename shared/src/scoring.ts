/**
 * API.md's scoring rule, shared so the review page and the server agree: a question scores its
 * full mark only when the chosen set of keys equals the answer set (order and duplicates ignored);
 * anything else, including a partly right multiple choice, scores 0.
 */
export function isAnswerCorrect(chosen: readonly string[], answer: readonly string[]): boolean {
  const a = new Set(chosen);
  const b = new Set(answer);
  if (a.size !== b.size || a.size === 0) return false;
  for (const key of a) if (!b.has(key)) return false;
  return true;
}

export function scoreAnswer(chosen: readonly string[], answer: readonly string[], fullMark: number): number {
  return isAnswerCorrect(chosen, answer) ? fullMark : 0;
}

/**
 * `total` split into `count` marks of whole hundredths that add up to exactly `total` (largest
 * remainder: the first questions carry the spare hundredths). 100 over 6 questions is
 * 16.67 × 4 + 16.66 × 2, never 16.67 × 6 = 100.02.
 */
export function equalMarks(total: number, count: number): number[] {
  if (count <= 0) return [];
  const hundredths = Math.round(total * 100);
  const base = Math.floor(hundredths / count);
  const spare = hundredths - base * count;
  return Array.from({ length: count }, (_, i) => (base + (i < spare ? 1 : 0)) / 100);
}

/** Marks are whole hundredths: a sum of them rounded to hundredths carries no floating-point noise. */
export function sumMarks(marks: readonly number[]): number {
  return marks.reduce((sum, mark) => sum + Math.round(mark * 100), 0) / 100;
}
