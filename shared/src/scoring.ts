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
