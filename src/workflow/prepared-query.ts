import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Runs a statement as a named prepared statement on the manager's connection (the
 * transaction's, or one from the pool), so PostgreSQL plans the hot-path statements
 * of a transition once per connection instead of on every call. The name is derived
 * from the text, so different texts never collide.
 */
const names = new Map<string, string>();

export async function preparedQuery<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  let name = names.get(text);
  if (!name) {
    name = `rw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  const owned = !manager.queryRunner;
  try {
    const client = (await runner.connect()) as { query: (config: object) => Promise<{ rows: T[] }> };
    return (await client.query({ name, text, values })).rows;
  } finally {
    if (owned) await runner.release();
  }
}
