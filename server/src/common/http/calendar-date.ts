import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/** Whether `YYYY-MM-DD` names a day that exists (2026-02-29 and 2026-13-01 do not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day written `YYYY-MM-DD` that exists in the calendar; the message names the field. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: buildMessage(() => '「$property」应为存在的日期 YYYY-MM-DD', options),
      },
    },
    options,
  );
