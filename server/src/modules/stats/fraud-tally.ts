/**
 * An attempt's weak-spot tally: per fraud type, the questions on its paper and those answered right.
 * It is written on the attempt once, when the attempt is closed (AttemptService), as
 * `investment:3:2,fake_loan:4:4` — short enough for an index, so the weak spots of an exam of 45,000
 * attempts read 45,000 index entries instead of their 1.35 million answers (FraudTypeQuery).
 */
export interface FraudTally {
  fraudType: string;
  answered: number;
  correct: number;
}

export function encodeFraudTally(items: ReadonlyArray<{ fraudType: string; correct: boolean }>): string {
  const counts = new Map<string, { answered: number; correct: number }>();
  for (const item of items) {
    const sum = counts.get(item.fraudType) ?? { answered: 0, correct: 0 };
    sum.answered += 1;
    if (item.correct) sum.correct += 1;
    counts.set(item.fraudType, sum);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, c]) => `${type}:${c.answered}:${c.correct}`)
    .join(',');
}

/** The tally back as rows; anything malformed is skipped (a tally is written only by encodeFraudTally). */
export function decodeFraudTally(text: string): FraudTally[] {
  if (!text) return [];
  const result: FraudTally[] = [];
  for (const part of text.split(',')) {
    const [fraudType, answered, correct] = part.split(':');
    const a = Number(answered);
    const c = Number(correct);
    if (!fraudType || !Number.isInteger(a) || !Number.isInteger(c)) continue;
    result.push({ fraudType, answered: a, correct: c });
  }
  return result;
}
