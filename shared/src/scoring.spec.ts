import { equalMarks, sumMarks } from './scoring';

describe('equalMarks', () => {
  it('splits 100 over 6 questions into hundredths that add up to exactly 100', () => {
    const marks = equalMarks(100, 6);
    expect(marks).toEqual([16.67, 16.67, 16.67, 16.67, 16.66, 16.66]);
    expect(sumMarks(marks)).toBe(100);
  });

  it('adds up to the total for every paper size up to 200 questions', () => {
    for (let n = 1; n <= 200; n++) {
      const marks = equalMarks(100, n);
      expect(marks).toHaveLength(n);
      expect(sumMarks(marks)).toBe(100);
      expect(Math.max(...marks) - Math.min(...marks)).toBeLessThanOrEqual(0.0100001);
    }
  });

  it('gives nothing for an empty paper', () => {
    expect(equalMarks(100, 0)).toEqual([]);
  });
});

describe('sumMarks', () => {
  it('adds marks of hundredths without floating-point noise', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMarks([0.1, 0.2])).toBe(0.3);
    expect(sumMarks(Array.from({ length: 30 }, () => 3.33))).toBe(99.9);
  });
});
