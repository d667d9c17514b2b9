import { computeItemStatistics } from '@campus/shared';
import { moodleFixture } from './interop-dir';

function readCsv(name: string): Array<Record<string, string>> {
  const [header, ...rows] = moodleFixture(name)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
  if (!header) throw new Error(`${name} is empty`);
  return rows.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ''])));
}

function toSixSignificantDigits(value: number | null | undefined): string {
  if (value === null || value === undefined) return String(value);
  return value.toPrecision(6);
}

/**
 * Moodle's quiz statistics test data (fixtures/moodle under INTEROP_DIR): the item analysis must
 * reproduce the figures Moodle computes from the same marks (docs/question-formats.md).
 */
describe('computeItemStatistics on Moodle material', () => {
  describe("on Moodle's results00 (25 attempts × 7 questions, max mark 1)", () => {
    // results00.csv: one row per attempt, a column `slots.N.mark` per question, and `summarks`.
    const attempts = readCsv('quiz-statistics-results00.csv').map((row) => {
      const marks = new Map<number, number>();
      for (const [column, value] of Object.entries(row)) {
        const slot = /^slots\.(\d+)\.mark$/.exec(column)?.[1];
        if (slot !== undefined) marks.set(Number(slot), Number(value));
      }
      return marks;
    });
    // qstats00.csv: facility and sd are fractions, discriminationindex is already × 100.
    const expected = readCsv('quiz-statistics-qstats00.csv');
    const maxMarks = new Map(expected.map((row) => [Number(row.slot), 1]));
    const stats = computeItemStatistics(attempts, maxMarks);

    it('reads all 25 attempts and 7 questions', () => {
      expect(attempts).toHaveLength(25);
      expect(stats.map((s) => s.questionId)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(stats.every((s) => s.attempts === 25)).toBe(true);
    });

    it.each(expected.map((row) => [row.slot, row] as const))(
      'reproduces facility, sd and discrimination index of slot %s to 6 significant digits',
      (slot, row) => {
        const actual = stats.find((s) => s.questionId === Number(slot));
        expect({
          facility: toSixSignificantDigits(actual?.facility),
          sd: toSixSignificantDigits(actual?.sd),
          discriminationIndex: toSixSignificantDigits(actual?.discriminationIndex),
        }).toEqual({
          facility: toSixSignificantDigits(Number(row.facility)),
          sd: toSixSignificantDigits(Number(row.sd)),
          discriminationIndex: toSixSignificantDigits(Number(row.discriminationindex)),
        });
      },
    );
  });
});
