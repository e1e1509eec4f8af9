import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { BadInputError } from '../../shared/domain-error';
import { FieldProblem, findArraysForObjects, findUnacceptableRawInput, findUnsafeIntegers } from './input-scan';

/** Flattens nested class-validator errors into `{ field: 'a.b', messages }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function badInput(fields: FieldProblem[]): BadInputError {
  return new BadInputError(`Invalid input: ${fields.map((f) => `${f.field} (${f.messages.join('; ')})`).join(', ')}`, fields);
}

const CLIENT_INPUT = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * The DTO checks plus some that hold for every field of every endpoint, so no DTO can
 * forget them: text must be storable (no NUL, no unpaired surrogate: PostgreSQL
 * refuses both), `__proto__`/`constructor` are unknown fields like any other, integers
 * must be exact (a page number beyond 2^53 overflows the bigint offset), and a nested
 * object may not be an array. Each answers 400 naming the field, before any handler runs.
 */
export class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!CLIENT_INPUT.has(metadata.type)) return super.transform(value, metadata);
    const root = metadata.data ?? '';
    const raw = findUnacceptableRawInput(value, root);
    if (raw.length > 0) throw badInput(raw);
    const transformed: unknown = await super.transform(value, metadata);
    const shape = [...findUnsafeIntegers(transformed, root), ...findArraysForObjects(transformed, root)];
    if (shape.length > 0) throw badInput(shape);
    return transformed;
  }
}

/** Rejects unknown fields and names every offending field in the 400 answer. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => badInput(flattenValidationErrors(errors)),
  });
}
