/**
 * 学生处 reports every Friday morning (campaign plan 三(二)): a report week closes on Friday at 08:00
 * Asia/Shanghai. China keeps UTC+8 all year (no daylight saving), so that is Friday 00:00 UTC.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const FRIDAY = 5;
const CUTOFF_HOUR = 8;

/** The latest weekly cut-off at or before `at`. */
export function latestCutoff(at: Date): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const daysSinceFriday = (local.getUTCDay() - FRIDAY + 7) % 7;
  const cutoff =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysSinceFriday, CUTOFF_HOUR) -
    SHANGHAI_OFFSET_MS;
  return new Date(cutoff > at.getTime() ? cutoff - 7 * DAY_MS : cutoff);
}

/** The first weekly cut-off after `at`: the Friday that closes the week `at` falls in. */
export function nextCutoff(at: Date): Date {
  return new Date(latestCutoff(at).getTime() + 7 * DAY_MS);
}

/** YYYY-MM-DD as a calendar in Asia/Shanghai shows `at`. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The cron expression of the weekly report, in the Asia/Shanghai time zone. */
export const WEEKLY_REPORT_CRON = `0 0 ${CUTOFF_HOUR} * * ${FRIDAY}`;
export const REPORT_TIME_ZONE = 'Asia/Shanghai';

/** YYYY-MM-DD HH:mm as a clock in Asia/Shanghai shows `at`. */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
