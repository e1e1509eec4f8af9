import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig, EnvironmentConfig } from './infrastructure/config/app-config';
import { probeDatabase } from './infrastructure/database/database-probe';
import { EmbeddedPostgres } from './infrastructure/database/embedded-postgres';
import { probeRedis } from './infrastructure/queue/redis-probe';

export interface Runtime {
  config: AppConfig;
  /** Stops what the runtime started (the embedded database); call after the app has closed. */
  stop(): Promise<void>;
}

/**
 * Resolves what the environment leaves open before Nest starts: the embedded
 * database when DATABASE_URL is unset, the JWT secret kept in the data folder when
 * JWT_SECRET is unset, and a reachability check of each server, so that a bad
 * value stops start-up with one line naming its variable.
 */
export async function startRuntime(env: EnvironmentConfig, log: (line: string) => void = () => undefined): Promise<Runtime> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = env.databaseUrl;
  if (!databaseUrl) {
    embedded = new EmbeddedPostgres({ dataDir: env.dataDir, database: 'ratsweg', log });
    databaseUrl = await embedded.start();
    log(`embedded PostgreSQL running, data in ${path.join(env.dataDir, 'pg')}`);
  }
  const stop = async () => {
    await embedded?.stop();
  };
  try {
    await probeDatabase(databaseUrl, env.embedded ? 'embedded database' : 'DATABASE_URL');
    if (env.redisUrl) await probeRedis(env.redisUrl);
    const jwtSecret = env.jwtSecret ?? (await persistentSecret(env.dataDir, log, env.embedded));
    return { config: { ...env, databaseUrl, jwtSecret }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A random secret kept in the data folder, so tokens survive a restart. */
async function persistentSecret(dataDir: string, log: (line: string) => void, embedded: boolean): Promise<string> {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    const existing = (await fs.readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: create it below
  }
  if (!embedded) log(`JWT_SECRET is not set; using a generated one kept in ${file}`);
  await fs.mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}
