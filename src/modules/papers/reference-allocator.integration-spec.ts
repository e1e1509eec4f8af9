import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testConfig } from '../../../test/setup/test-config';
import { dataSourceOptions } from '../../infrastructure/database/data-source-options';
import { allocateReference, referenceYear } from './reference-allocator';

describe('allocateReference (integration)', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(testConfig().databaseUrl));
    await db.initialize();
  });
  afterAll(() => db.destroy());

  const body = async () =>
    (await db.query(`INSERT INTO body (name, short_name) VALUES ($1, 'R') RETURNING id`, [`Ref ${randomUUID()}`]))[0].id as string;

  it('serves requests made together with one counter move per body, numbers in request order', async () => {
    const [a, b] = [await body(), await body()];
    const at = new Date('2026-11-26T10:00:00Z');
    const refs = await db.transaction((m) =>
      Promise.all([
        allocateReference(m, a, at),
        allocateReference(m, b, at),
        allocateReference(m, a, at),
        allocateReference(m, a, at),
        allocateReference(m, b, at),
      ]),
    );
    expect(refs).toEqual(['2026/001', '2026/001', '2026/002', '2026/003', '2026/002']);
    expect(await allocateReference(db.manager, a, at)).toBe('2026/004');
  });

  it('gives every number back when the transaction rolls back', async () => {
    const a = await body();
    const at = new Date('2026-11-26T10:00:00Z');
    await expect(
      db.transaction(async (m) => {
        await Promise.all([allocateReference(m, a, at), allocateReference(m, a, at)]);
        throw new Error('release failed');
      }),
    ).rejects.toThrow('release failed');
    expect(await allocateReference(db.manager, a, at)).toBe('2026/001');
  });

  it('counts the year in Europe/Berlin', () => {
    expect(referenceYear(new Date('2021-12-31T22:30:00Z'))).toBe(2021);
    expect(referenceYear(new Date('2021-12-31T23:30:00Z'))).toBe(2022);
  });
});
