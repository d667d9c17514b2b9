/**
 * Values of raw query rows (getRawMany) as the two drivers return them: mysql2 gives Dates and
 * numbers, better-sqlite3 the UTC text TypeORM stored and 0/1 for booleans.
 */
export function rawDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value !== 'string') throw new TypeError(`not a date value from the database: ${typeof value}`);
  return new Date(`${value.replace(' ', 'T')}Z`);
}

export function rawBool(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

export function rawInt(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
