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

class Listing {
  @IsInt() @Min(1) @Type(() => Number) page: number;
  @IsString() q: string;
}

describe('validation pipe: checks every field of every endpoint', () => {
  const pipe = createValidationPipe();
  const fieldsOf = async (promise: Promise<unknown>) => {
    const error = (await promise.catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('COMMON.BAD_INPUT');
    return error.details.fields as { field: string; messages: string[] }[];
  };

  it('names text holding NUL or an unpaired surrogate, nested, before the DTO checks', async () => {
    const fields = await fieldsOf(pipe.transform({ name: 'a\u0000b', inner: { count: 1 }, list: ['ok', 'x\udc00'] }, { type: 'body', metatype: Outer }));
    expect(fields).toEqual([
      { field: 'name', messages: ['must not contain NUL characters'] },
      { field: 'list.1', messages: ['must not contain unpaired UTF-16 surrogates'] },
    ]);
  });

  it('takes well-formed pairs (emoji) and names a single path parameter by its name', async () => {
    await expect(pipe.transform({ name: 'Ratssitzung 🏛️', inner: { count: 1 } }, { type: 'body', metatype: Outer })).resolves.toBeInstanceOf(Outer);
    expect(await fieldsOf(pipe.transform('a\u0000', { type: 'param', data: 'id', metatype: String }))).toEqual([
      { field: 'id', messages: ['must not contain NUL characters'] },
    ]);
  });

  it('names an integer beyond 2^53, which the DTO alone lets through', async () => {
    const fields = await fieldsOf(pipe.transform({ page: '1e20', q: 'x' }, { type: 'query', metatype: Listing }));
    expect(fields.map((f) => f.field)).toEqual(['page']);
    await expect(pipe.transform({ page: '9007199254740991', q: 'x' }, { type: 'query', metatype: Listing })).resolves.toMatchObject({ page: 9007199254740991 });
  });

  it('names an array given for a nested object, which @ValidateNested alone lets through', async () => {
    for (const inner of [[{ count: 1 }], []]) {
      expect(await fieldsOf(pipe.transform({ name: 'x', inner }, { type: 'body', metatype: Outer }))).toEqual([
        { field: 'inner', messages: ['inner must be an object, not an array'] },
      ]);
    }
  });

  it('names __proto__ and constructor keys, which transformation would drop silently', async () => {
    const body = JSON.parse('{"name":"x","inner":{"count":1,"__proto__":{"admin":true}},"constructor":{}}');
    expect((await fieldsOf(pipe.transform(body, { type: 'body', metatype: Outer }))).map((f) => f.field).sort()).toEqual(['constructor', 'inner.__proto__']);
  });

  it('leaves values of custom decorators (the caller) alone', async () => {
    const user = { id: 'u\u0000' };
    await expect(pipe.transform(user, { type: 'custom' })).resolves.toBe(user);
  });
});
