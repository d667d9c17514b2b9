import { freshmanEnrollmentYear } from './enrollment-year';

describe('freshmanEnrollmentYear', () => {
  it('is this year from September on and last year before September', () => {
    expect(freshmanEnrollmentYear(new Date('2026-12-04T10:00:00+08:00'))).toBe(2026);
    expect(freshmanEnrollmentYear(new Date('2026-09-01T00:00:00+08:00'))).toBe(2026);
    expect(freshmanEnrollmentYear(new Date('2026-08-31T23:59:59+08:00'))).toBe(2025);
    expect(freshmanEnrollmentYear(new Date('2027-03-15T12:00:00+08:00'))).toBe(2026);
  });

  it('reads the date in Beijing time, not the server time zone', () => {
    // 31 August 17:00 UTC is already 1 September 01:00 in Beijing.
    expect(freshmanEnrollmentYear(new Date('2026-08-31T17:00:00Z'))).toBe(2026);
    // 31 December 17:00 UTC is 1 January in Beijing: still the same academic year.
    expect(freshmanEnrollmentYear(new Date('2026-12-31T17:00:00Z'))).toBe(2026);
  });
});
