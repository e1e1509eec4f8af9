import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/infrastructure/database/data-source-options';

/** Where the test servers are; override with TEST_DATABASE_URL / TEST_REDIS_URL. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** The per-run database and queue prefix, set by the global setup for every worker. */
export function testRun(): { databaseUrl: string; queuePrefix: string } {
  const databaseUrl = process.env.RATSWEG_TEST_DATABASE_URL;
  const queuePrefix = process.env.RATSWEG_TEST_QUEUE_PREFIX;
  if (!databaseUrl || !queuePrefix) throw new Error('test global setup did not run');
  return { databaseUrl, queuePrefix };
}

export function newRunName(): string {
  return `ratsweg_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function databaseUrlFor(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs SQL on the server's maintenance database (CREATE/DROP DATABASE). */
export async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Refuses to touch any database whose name does not say it is for tests. */
export function assertTestDatabase(name: string): void {
  if (!/test/.test(name) || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`refusing to use database "${name}" for tests: its name must contain "test"`);
  }
}

/**
 * A database of the suite's own, next to the run's (same migrations), for suites whose
 * background workers must not see other suites' rows (the outbox relay works on every
 * pending row of its database). Returns its URL and a queue prefix of its own.
 */
export async function isolatedDatabase(suffix: string): Promise<{ databaseUrl: string; queuePrefix: string; drop: () => Promise<void> }> {
  const { queuePrefix } = testRun();
  const name = `${process.env.RATSWEG_TEST_DATABASE_NAME}_${suffix}`;
  assertTestDatabase(name);
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const databaseUrl = await createMigratedDatabase(name);
  // Starting with the run's prefix, so the global teardown removes these keys too.
  return { databaseUrl, queuePrefix: `${queuePrefix}-${suffix.replace(/_/g, '-')}`, drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Creates a database on the test server and runs the real migrations on it; returns its URL. */
export async function createMigratedDatabase(name: string): Promise<string> {
  assertTestDatabase(name);
  await onServer(`CREATE DATABASE "${name}"`);
  const databaseUrl = databaseUrlFor(name);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return databaseUrl;
}
