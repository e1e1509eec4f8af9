import path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one TypeORM configuration, shared by the app, the CLI (data-source.ts),
 * the test global setup and the benchmarks. `synchronize` is off everywhere: the
 * schema comes from the migrations in `migrations/` only.
 */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    entities: [path.join(__dirname, '../../**/*.entity.{ts,js}')],
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: 20, connectionTimeoutMillis: 5000 },
    ...overrides,
  } as DataSourceOptions;
}
