import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate`). It needs a
 * running database: point DATABASE_URL at one (see migrations/README.md).
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL: set it to a PostgreSQL database for the TypeORM CLI (see migrations/README.md)');
}
export default new DataSource(dataSourceOptions(url));
