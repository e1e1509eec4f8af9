import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadInputError } from '../../shared/domain-error';

/** Flattens nested class-validator errors into `{ field: 'a.b', messages }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Rejects unknown fields and names every offending field in the 400 answer. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new BadInputError(
        `Invalid input: ${fields.map((f) => `${f.field} (${f.messages.join('; ')})`).join(', ')}`,
        fields,
      );
    },
  });
}
