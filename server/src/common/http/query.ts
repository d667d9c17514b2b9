import { Transform } from 'class-transformer';

/** Query strings arrive as text; these turn `?page=2&dryRun=true` into typed values before validation. */
export const ToInt = () =>
  Transform(({ value }: { value: unknown }) =>
    value === '' || value === undefined
      ? undefined
      : typeof value === 'string' && /^-?\d+$/.test(value)
        ? Number(value)
        : value,
  );

export const ToBool = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  );
