import { randomInt } from 'node:crypto';

/** Fisher–Yates with a cryptographic source: a student cannot predict another's paper. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `count` distinct items picked at random, skipping those already `taken`; null if too few remain. */
export function pick<T extends { questionId: number }>(
  pool: readonly T[],
  count: number,
  taken: Set<number>,
): T[] | null {
  const available = pool.filter((p) => !taken.has(p.questionId));
  if (available.length < count) return null;
  const chosen = shuffled(available).slice(0, count);
  for (const c of chosen) taken.add(c.questionId);
  return chosen;
}
