/** A question of a started attempt's paper, as much of it as a load generator needs. */
export interface PaperQuestion {
  id: number;
  type: string;
  options: Array<{ key: string }>;
}

/** Any valid answer: the load is the same whether it is right or wrong. */
export function someAnswer(q: PaperQuestion, seed: number): string[] {
  const keys = q.options.map((o) => o.key);
  if (q.type === 'multiple') return [keys[seed % keys.length]!, keys[(seed + 1) % keys.length]!].sort();
  return [keys[seed % keys.length]!];
}
