import { usernameKey } from '@campus/shared';
import { Brackets, type SelectQueryBuilder, type ObjectLiteral } from 'typeorm';

/** `%text%` for a LIKE search, with the user's own % _ \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search box of every list of people: 学号/工号 or 姓名 containing the text. The 学号/工号 side
 * compares username_key (User.usernameKey, by column name as some callers join the table by name),
 * so `XSC`, `xsc` and full-width `ＸＳＣ` find the same people on every database.
 */
export function matchPerson<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  q: string | undefined,
): SelectQueryBuilder<T> {
  if (!q?.trim()) return qb;
  const like = containsPattern(q);
  const key = containsPattern(usernameKey(q));
  return qb.andWhere(
    new Brackets((w) =>
      w.where(`${alias}.username_key LIKE :key`, { key }).orWhere(`${alias}.name LIKE :like`, { like }),
    ),
  );
}
