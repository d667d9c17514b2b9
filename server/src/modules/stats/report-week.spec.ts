import { latestCutoff, nextCutoff, shanghaiDate } from './report-week';

describe('report weeks (Friday 08:00 Asia/Shanghai)', () => {
  it('finds the Friday 08:00 cut-off at or before a moment', () => {
    // 2026-11-27 is a Friday; 08:00 in Shanghai is 00:00 UTC.
    expect(latestCutoff(new Date('2026-11-27T00:00:00Z')).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(latestCutoff(new Date('2026-11-26T23:59:59Z')).toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(latestCutoff(new Date('2026-12-02T10:00:00+08:00')).toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });

  it('counts the Shanghai calendar day, not the UTC one', () => {
    // Friday 07:30 in Shanghai is still Thursday in UTC and before the cut-off.
    expect(latestCutoff(new Date('2026-11-27T07:30:00+08:00')).toISOString()).toBe('2026-11-20T00:00:00.000Z');
    // Saturday 01:00 in Shanghai is Friday in UTC.
    expect(latestCutoff(new Date('2026-11-28T01:00:00+08:00')).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(shanghaiDate(new Date('2026-11-27T23:30:00Z'))).toBe('2026-11-28');
  });

  it('names the Friday that closes the current week', () => {
    expect(nextCutoff(new Date('2026-11-24T09:00:00+08:00')).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(nextCutoff(new Date('2026-11-27T08:00:00+08:00')).toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });
});
