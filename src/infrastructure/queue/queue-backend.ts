import { createPostgresBackend, setDefaultBackendFactory, type QueueOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { defaultJobOptions } from './queue-options';

/**
 * The one place that knows which BullMQ backend runs: Redis through ioredis when
 * REDIS_URL is set, else BullMQ's PostgreSQL backend on the application database.
 * It sets BullMQ's process-wide default backend before any queue exists, so
 * `@nestjs/bullmq` queues and workers run unchanged on either.
 */
export function configureQueueBackend(config: AppConfig): Pick<QueueOptions, 'connection' | 'prefix' | 'defaultJobOptions'> {
  if (config.redisUrl) {
    setDefaultBackendFactory(undefined);
    return { connection: redisConnectionOptions(config.redisUrl), prefix: config.queuePrefix, defaultJobOptions };
  }
  setDefaultBackendFactory(createPostgresBackend);
  return {
    // PostgreSQL connection options travel where BullMQ's types expect Redis options.
    connection: { connectionString: config.databaseUrl, migrate: true, max: 4 } as unknown as QueueOptions['connection'],
    prefix: config.queuePrefix,
    defaultJobOptions,
  };
}

/** ioredis options from a redis:// or rediss:// URL, as BullMQ workers require them. */
export function redisConnectionOptions(url: string) {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; they must never give up on a command.
    maxRetriesPerRequest: null,
  };
}
