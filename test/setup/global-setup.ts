import 'reflect-metadata';
import { createMigratedDatabase, newRunName } from './test-environment';

/**
 * Creates this run's own database on the test server and runs the real
 * migrations on it (synchronize stays off). Workers find it in the environment.
 */
export default async function globalSetup(): Promise<void> {
  const name = newRunName();
  const databaseUrl = await createMigratedDatabase(name);
  process.env.RATSWEG_TEST_DATABASE_URL = databaseUrl;
  process.env.RATSWEG_TEST_DATABASE_NAME = name;
  process.env.RATSWEG_TEST_QUEUE_PREFIX = name.replace(/_/g, '-');
}
