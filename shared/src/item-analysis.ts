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
    const marks: number[] = [];
    const otherMarks: number[] = [];
    attempts.forEach((attempt, index) => {
      const mark = attempt.get(questionId);
      if (mark === undefined) return;
      marks.push(mark);
      otherMarks.push((totals[index] ?? 0) - mark);
    });

    const n = marks.length;
    const meanMark = n > 0 ? sumOf(marks) / n : null;
    const markVariance = sampleCovariance(marks, marks);
    const otherVariance = sampleCovariance(otherMarks, otherMarks);
    const covariance = sampleCovariance(marks, otherMarks);

    return {
      questionId,
      attempts: n,
      facility: meanMark !== null && maxMark > 0 ? meanMark / maxMark : null,
      sd: markVariance !== null && maxMark > 0 ? Math.sqrt(markVariance) / maxMark : null,
      discriminationIndex: correlationPercent(covariance, markVariance, otherVariance),
    };
  });
}

function correlationPercent(
  covariance: number | null,
  varianceX: number | null,
  varianceY: number | null,
): number | null {
  if (covariance === null || varianceX === null || varianceY === null) return null;
  // Marks are sums of decimals, so a constant column can show a variance of ~1e-17 instead of 0.
  if (varianceX <= Number.EPSILON || varianceY <= Number.EPSILON) return null;
  return (100 * covariance) / Math.sqrt(varianceX * varianceY);
}

function sampleCovariance(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const meanX = sumOf(xs) / n;
  const meanY = sumOf(ys) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ((xs[i] ?? 0) - meanX) * ((ys[i] ?? 0) - meanY);
  return sum / (n - 1);
}

function sumOf(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
