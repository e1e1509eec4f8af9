import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

type PgQueryable = { query: (config: { name: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }> };

/**
 * Runs a statement as a named prepared statement on the manager's connection (the
 * transaction's, or one from the pool), so PostgreSQL plans the hot-path statements
 * of a transition once per connection instead of on every call. The name is derived
 * from the text, so different texts never collide. Outside a transaction the
 * statement goes straight to the driver's pool: a TypeORM query runner per call
 * costs more CPU than the statement's own round trip.
 */
const names = new Map<string, string>();

export async function preparedQuery<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  let name = names.get(text);
  if (!name) {
    name = `rw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  const client = manager.queryRunner
    ? ((await manager.queryRunner.connect()) as PgQueryable)
    : ((manager.connection.driver as unknown as { master: PgQueryable }).master);
  return (await client.query({ name, text, values })).rows as T[];
}
