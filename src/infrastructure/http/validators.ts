import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { isCalendarDate, isInstant } from '../../shared/calendar';

/**
 * Validators for what class-validator's own let through: whitespace as text, a day
 * with a time, null for a field that has a value or is left out. The global pipe does
 * no implicit conversion (validation.ts), so a wrong type is refused, never coerced.
 */

/** The field may be left out; `null` is not "left out" and is validated (so refused) like any other value. */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

function check(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate: test },
    });
}

/** Text with at least one character that is not whitespace. */
export const IsNotBlank = (options?: ValidationOptions) =>
  check('isNotBlank', (v) => typeof v === 'string' && v.trim().length > 0, '$property must not be blank', options);

/** Exactly `YYYY-MM-DD`, a day that exists. */
export const IsCalendarDay = (options?: ValidationOptions) =>
  check('isCalendarDay', isCalendarDate, '$property must be a calendar day YYYY-MM-DD', options);

/** An ISO 8601 instant with time and offset (`2021-08-31T17:00:00+02:00`). */
export const IsInstant = (options?: ValidationOptions) =>
  check('isInstant', isInstant, '$property must be an ISO 8601 instant with time and offset, e.g. 2021-08-31T17:00:00+02:00', options);
