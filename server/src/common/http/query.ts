import { Transform } from 'class-transformer';

/**
 * Query strings arrive as text; these turn `?page=2&dryRun=true` into typed values before
 * validation. Digits beyond what a JavaScript number holds exactly stay text, so @IsInt refuses
 * them (a 400) instead of a rounded 1e21 reaching SQL as `OFFSET 2e+22` (a 500).
 */
export const ToInt = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === '' || value === undefined) return undefined;
    if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return value;
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
  });

export const ToBool = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  );
