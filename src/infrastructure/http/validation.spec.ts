import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { DomainError } from '../../shared/domain-error';
import { createValidationPipe } from './validation';

class Inner {
  @IsInt() @Min(1) count: number;
}
class Outer {
  @IsString() name: string;
  @ValidateNested() @Type(() => Inner) inner: Inner;
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const validate = (value: unknown) => pipe.transform(value, { type: 'body', metatype: Outer });

  it('names unknown, missing and nested fields', async () => {
    const error = (await validate({ inner: { count: 0 }, extra: true }).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('COMMON.BAD_INPUT');
    const fields = (error.details.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['extra', 'inner.count', 'name']);
    expect(error.message).toContain('extra');
  });

  it('passes a valid body through, transformed', async () => {
    const value = await validate({ name: 'x', inner: { count: 2 } });
    expect(value).toBeInstanceOf(Outer);
    expect(value.inner).toBeInstanceOf(Inner);
  });
});
