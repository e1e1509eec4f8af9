import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseEnvironment } from '../src/infrastructure/config/app-config';
import { ConfigurationError } from '../src/infrastructure/config/configuration-error';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { startRuntime } from '../src/runtime';

/** Runs pending migrations on DATABASE_URL, or on the embedded database when it is unset. */
async function main(): Promise<void> {
  const runtime = await startRuntime(parseEnvironment(process.env));
  const dataSource = new DataSource(dataSourceOptions(runtime.config.databaseUrl));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'no pending migrations');
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
