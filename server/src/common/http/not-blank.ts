import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Required text: at least one character that is not white space. `@MinLength(1)` lets "   " through,
 * and the services trim before storing, so a 补考 reason, a report title or a name could be saved
 * blank while the field claims to be required.
 */
export function NotBlank(options: ValidationOptions & { message: string }): PropertyDecorator {
  return ValidateBy(
    { name: 'notBlank', validator: { validate: (value) => typeof value === 'string' && value.trim() !== '' } },
    options,
  );
}
