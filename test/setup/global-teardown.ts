import Redis from 'ioredis';
import { assertTestDatabase, onServer, TEST_REDIS_URL } from './test-environment';

/** Drops this run's database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.RATSWEG_TEST_DATABASE_NAME;
  if (name) {
    assertTestDatabase(name);
    await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const prefix = process.env.RATSWEG_TEST_QUEUE_PREFIX;
  if (prefix) {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
