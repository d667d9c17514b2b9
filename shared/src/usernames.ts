/**
 * A 学号/工号 is one identity whatever its letter case and surrounding spaces: `XSC01`, `xsc01` and
 * ` xsc01 ` are the same person. People type these into phones and spreadsheets, where full-width
 * characters (`ＸＳＣ０１`) and stray spaces are common, so NFKC folds those to their ASCII form first.
 */

/** The 学号/工号 as it is stored and shown: NFKC-folded and trimmed, letter case as the school wrote it. */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFKC').trim();
}

/** The identity of a 学号/工号: what login, import, search and the unique index compare. */
export function usernameKey(raw: string): string {
  return normalizeUsername(raw).toLowerCase();
}

/** What a 学号/工号 may look like when an admin creates one (roster import and 添加人员). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{2,32}$/;

/** A mainland mobile number, as the roster and the person form take it (spaces and dashes removed). */
export const MOBILE_PATTERN = /^1\d{10}$/;
