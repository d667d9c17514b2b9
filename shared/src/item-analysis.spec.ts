import { computeItemStatistics, itemStatisticsFromMoments } from './item-analysis';

describe('computeItemStatistics', () => {
  it('scales facility and sd by the max mark', () => {
    const attempts = [
      new Map([
        ['q', 2],
        ['r', 1],
      ]),
      new Map([
        ['q', 4],
        ['r', 0],
      ]),
    ];
    const [q] = computeItemStatistics(
      attempts,
      new Map([
        ['q', 4],
        ['r', 1],
      ]),
    );
    expect(q?.facility).toBeCloseTo(0.75, 12);
    expect(q?.sd).toBeCloseTo(Math.SQRT2 / 4, 12);
    expect(q?.discriminationIndex).toBeCloseTo(-100, 9);
  });

  it('gives no discrimination index when everyone scored the same on the question', () => {
    const attempts = [
      new Map([
        ['q', 1],
        ['r', 1],
      ]),
      new Map([
        ['q', 1],
        ['r', 0],
      ]),
      new Map([
        ['q', 1],
        ['r', 0.5],
      ]),
    ];
    const [q] = computeItemStatistics(
      attempts,
      new Map([
        ['q', 1],
        ['r', 1],
      ]),
    );
    expect(q).toEqual({ questionId: 'q', attempts: 3, facility: 1, sd: 0, discriminationIndex: null });
  });

  it('gives no discrimination index when the rest of the paper scored the same everywhere', () => {
    const attempts = [
      new Map([
        ['q', 1],
        ['r', 1],
      ]),
      new Map([
        ['q', 0],
        ['r', 1],
      ]),
    ];
    const [q] = computeItemStatistics(
      attempts,
      new Map([
        ['q', 1],
        ['r', 1],
      ]),
    );
    expect(q?.discriminationIndex).toBeNull();
    expect(q?.facility).toBe(0.5);
  });

  it('counts only the attempts that presented the question', () => {
    const attempts = [
      new Map([
        ['q', 1],
        ['r', 1],
      ]),
      new Map([['r', 0]]),
      new Map([
        ['q', 0],
        ['r', 0],
      ]),
    ];
    const [q, r] = computeItemStatistics(
      attempts,
      new Map([
        ['q', 1],
        ['r', 1],
      ]),
    );
    expect(q?.attempts).toBe(2);
    expect(q?.facility).toBe(0.5);
    expect(r?.attempts).toBe(3);
  });

  it('treats a decimal mark that never varies as no spread, however many attempts', () => {
    const attempts = Array.from(
      { length: 60_000 },
      (_, i) =>
        new Map([
          ['q', 3.33],
          ['r', i % 2 ? 3.33 : 0],
        ]),
    );
    const [q] = computeItemStatistics(
      attempts,
      new Map([
        ['q', 3.33],
        ['r', 3.33],
      ]),
    );
    expect(q).toMatchObject({ attempts: 60_000, sd: 0, discriminationIndex: null });
    expect(q?.facility).toBeCloseTo(1, 10);
  });

  it('agrees to 7 significant digits with a two-pass computation on 60,000 attempts of decimal marks (the sums a database adds up)', () => {
    // A fixed pseudo-random paper: 30 questions of 3.33, each answered right with its own probability.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const attempts = Array.from(
      { length: 60_000 },
      () => new Map(Array.from({ length: 30 }, (_, q) => [q, random() < 0.4 + q / 60 ? 3.33 : 0] as const)),
    );
    const totals = attempts.map((a) => [...a.values()].reduce<number>((x, y) => x + y, 0));
    const x = attempts.map((a) => a.get(7)!);
    const y = x.map((mark, i) => totals[i]! - mark);
    const mean = (v: number[]) => v.reduce((s, e) => s + e, 0) / v.length;
    const cov = (a: number[], b: number[]) => {
      const ma = mean(a);
      const mb = mean(b);
      return a.reduce((s, e, i) => s + (e - ma) * (b[i]! - mb), 0) / (a.length - 1);
    };
    const moments = { questionId: 7, maxMark: 3.33, n: 0, sumX: 0, sumXX: 0, sumT: 0, sumTT: 0, sumXT: 0 };
    x.forEach((mark, i) => {
      const t = totals[i]!;
      Object.assign(moments, {
        n: moments.n + 1,
        sumX: moments.sumX + mark,
        sumXX: moments.sumXX + mark * mark,
        sumT: moments.sumT + t,
        sumTT: moments.sumTT + t * t,
        sumXT: moments.sumXT + mark * t,
      });
    });
    const stats = itemStatisticsFromMoments(moments);
    expect(stats.facility! / (mean(x) / 3.33)).toBeCloseTo(1, 7);
    expect(stats.sd! / (Math.sqrt(cov(x, x)) / 3.33)).toBeCloseTo(1, 7);
    expect(stats.discriminationIndex! / ((100 * cov(x, y)) / Math.sqrt(cov(x, x) * cov(y, y)))).toBeCloseTo(1, 7);
  });

  it('leaves sd and discrimination undefined with a single attempt, and everything with none', () => {
    const maxMarks = new Map([['q', 1]]);
    expect(computeItemStatistics([new Map([['q', 1]])], maxMarks)).toEqual([
      { questionId: 'q', attempts: 1, facility: 1, sd: null, discriminationIndex: null },
    ]);
    expect(computeItemStatistics([], maxMarks)).toEqual([
      { questionId: 'q', attempts: 0, facility: null, sd: null, discriminationIndex: null },
    ]);
  });
});
