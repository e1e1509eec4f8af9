import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { assertTestDatabase, databaseUrlFor, newRunName, onServer } from './test-environment';

/**
 * Creates this run's own database on the test server and runs the real
 * migrations on it (synchronize stays off). Workers find it in the environment.
 */
export default async function globalSetup(): Promise<void> {
  const name = newRunName();
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
  process.env.RATSWEG_TEST_DATABASE_URL = databaseUrl;
  process.env.RATSWEG_TEST_DATABASE_NAME = name;
  process.env.RATSWEG_TEST_QUEUE_PREFIX = name.replace(/_/g, '-');
}
