/**
 * The enrolment year (入学年份) of this academic year's freshmen. Chinese colleges enrol in September:
 * from September of year Y to August of Y + 1 the freshmen are those who enrolled in Y. The date is
 * read in China's time zone, so the change happens at midnight of 1 September in Beijing, wherever
 * the server runs.
 */
export function freshmanEnrollmentYear(now: Date = new Date()): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const part = (type: 'year' | 'month') => Number(parts.find((p) => p.type === type)?.value);
  const year = part('year');
  const month = part('month');
  return month >= 9 ? year : year - 1;
}
