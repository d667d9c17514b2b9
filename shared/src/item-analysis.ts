/** Per-question statistics of an exam, as Moodle's quiz statistics report computes them. */
export interface ItemStatistics<Id = string> {
  questionId: Id;
  /** Attempts in which the question was presented. */
  attempts: number;
  /** Mean mark ÷ max mark, a fraction 0–1 (Moodle stores it so and shows it as a percentage). */
  facility: number | null;
  /** Sample standard deviation (n − 1) of mark ÷ max mark. */
  sd: number | null;
  /**
   * 100 × the sample correlation between the question's mark and the sum of the other questions'
   * marks in the same attempt; null when either varies not at all or there are fewer than 2 attempts.
   */
  discriminationIndex: number | null;
}

/**
 * Everything the statistics need about one question, as sums over the attempts that presented it:
 * x is the question's mark in an attempt, t that attempt's total mark. A database can add these up
 * in one pass (the API does, over hundreds of thousands of answers); {@link computeItemStatistics}
 * adds them up in memory. Both then go through {@link itemStatisticsFromMoments}.
 */
export interface ItemMoments<Id = string> {
  questionId: Id;
  maxMark: number;
  n: number;
  sumX: number;
  sumXX: number;
  sumT: number;
  sumTT: number;
  sumXT: number;
}

/**
 * One row per question in the order of `maxMarks`. An attempt that has no entry for a question
 * did not present it (e.g. a paper drawn at random) and does not count for that question; a
 * question presented but left unanswered must be given as 0.
 */
export function computeItemStatistics<Id>(
  attempts: ReadonlyArray<ReadonlyMap<Id, number>>,
  maxMarks: ReadonlyMap<Id, number>,
): ItemStatistics<Id>[] {
  const totals = attempts.map((attempt) => sumOf([...attempt.values()]));
  return [...maxMarks].map(([questionId, maxMark]) => {
    const moments: ItemMoments<Id> = { questionId, maxMark, n: 0, sumX: 0, sumXX: 0, sumT: 0, sumTT: 0, sumXT: 0 };
    attempts.forEach((attempt, index) => {
      const x = attempt.get(questionId);
      if (x === undefined) return;
      const t = totals[index] ?? 0;
      moments.n += 1;
      moments.sumX += x;
      moments.sumXX += x * x;
      moments.sumT += t;
      moments.sumTT += t * t;
      moments.sumXT += x * t;
    });
    return itemStatisticsFromMoments(moments);
  });
}

/**
 * Moodle's formulas: facility = mean(x) ÷ max, sd = s(x) ÷ max, discrimination index = 100 ×
 * r(x, y) with y = t − x (the rest of the paper), all with sample (n − 1) statistics.
 */
export function itemStatisticsFromMoments<Id>(m: ItemMoments<Id>): ItemStatistics<Id> {
  const { n, maxMark } = m;
  const sumY = m.sumT - m.sumX;
  const sumYY = m.sumTT - 2 * m.sumXT + m.sumXX;
  const sumXY = m.sumXT - m.sumXX;
  const varianceX = sampleVariance(n, m.sumX, m.sumXX);
  const varianceY = sampleVariance(n, sumY, sumYY);
  const covariance = n < 2 ? null : (sumXY - (m.sumX * sumY) / n) / (n - 1);
  return {
    questionId: m.questionId,
    attempts: n,
    facility: n > 0 && maxMark > 0 ? m.sumX / n / maxMark : null,
    sd: varianceX !== null && maxMark > 0 ? Math.sqrt(varianceX) / maxMark : null,
    discriminationIndex:
      covariance === null || !varianceX || !varianceY ? null : (100 * covariance) / Math.sqrt(varianceX * varianceY),
  };
}

/**
 * (Σx² − (Σx)²/n) ÷ (n − 1), or null below two values. Marks are decimals (100 ÷ 30 = 3.33), so a
 * column that never varies can leave a rounding residue instead of 0: anything below a billionth of
 * the mean square is that residue. A real spread is far above it — one differing answer among
 * 100,000 is a hundred-thousandth.
 */
function sampleVariance(n: number, sum: number, sumOfSquares: number): number | null {
  if (n < 2) return null;
  const variance = (sumOfSquares - (sum * sum) / n) / (n - 1);
  return variance <= 1e-9 * (sumOfSquares / n) ? 0 : variance;
}

function sumOf(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
