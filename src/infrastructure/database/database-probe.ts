import { Client } from 'pg';
import { redactUrl } from '../config/app-config';
import { ConfigurationError } from '../config/configuration-error';

/** Fails fast, with one line naming the variable, when the database cannot be reached. */
export async function probeDatabase(url: string, variable = 'DATABASE_URL'): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ConfigurationError(variable, `cannot use ${redactUrl(url)}: ${describe(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
