import {
  caseStudyLength,
  formatStudyWait,
  MAX_READING_SECONDS,
  MIN_READING_SECONDS,
  minimumStudySeconds,
  readableLength,
} from './study-time';

describe('minimum study time', () => {
  it('counts the characters a reader sees, not markup or white space', () => {
    expect(readableLength('<p class="x">你好，\n 同学</p><img src="a.png">&amp;')).toBe(6);
    expect(caseStudyLength({ story: '接到 电话', warningSigns: ['转账'], actions: ['挂断', '报警'] })).toBe(10);
  });

  it('gives text a reading time from its length with a floor and a ceiling, and a video 90 % of its length', () => {
    expect(minimumStudySeconds('article', { characters: 30, durationSeconds: null })).toBe(MIN_READING_SECONDS);
    expect(minimumStudySeconds('article', { characters: 1200, durationSeconds: null })).toBe(120);
    expect(minimumStudySeconds('case', { characters: 10_000_000, durationSeconds: null })).toBe(MAX_READING_SECONDS);
    expect(minimumStudySeconds('video', { characters: 0, durationSeconds: 100 })).toBe(90);
    expect(minimumStudySeconds('video', { characters: 0, durationSeconds: null })).toBeNull();
  });

  it('tells a student how long is left in words', () => {
    expect(formatStudyWait(0.2)).toBe('1 秒');
    expect(formatStudyWait(40)).toBe('40 秒');
    expect(formatStudyWait(65)).toBe('1 分 05 秒');
    expect(formatStudyWait(120)).toBe('2 分钟');
  });
});
