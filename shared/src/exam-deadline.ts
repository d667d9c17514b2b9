/**
 * The one deadline rule of an exam attempt: the earlier of its start plus the exam's duration (plus
 * the minutes granted to that student, 补考/缓考) and the exam's closing time.
 */
export function attemptDeadline(startedAt: Date, durationMinutes: number, extraMinutes: number, closesAt: Date): Date {
  return new Date(Math.min(startedAt.getTime() + (durationMinutes + extraMinutes) * 60_000, closesAt.getTime()));
}

/**
 * An attempt in progress when the exam's window or the student's extra time changes: it gets what
 * the rule gives under the new settings, but never less than it already had — shortening a window
 * or taking back extra minutes only affects attempts started afterwards (and the deadline never
 * moves before `now`, so nobody is cut off mid-answer by an admin's edit).
 */
export function adjustedDeadline(
  current: Date,
  startedAt: Date,
  durationMinutes: number,
  extraMinutes: number,
  closesAt: Date,
): Date {
  const byRule = attemptDeadline(startedAt, durationMinutes, extraMinutes, closesAt);
  return byRule > current ? byRule : current;
}
