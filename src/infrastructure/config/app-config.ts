import path from 'node:path';
import { ConfigurationError } from './configuration-error';
import { environmentSchema } from './config.schema';

export type QueueBackendKind = 'redis' | 'postgres';

/**
 * The validated configuration as the rest of the code sees it. Built once at boot
 * (from `process.env` in main.ts, from literals in tests) and provided as
 * `AppConfig` by the global ConfigModule.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Set by the runtime once the (possibly embedded) database is known. */
  databaseUrl: string;
  /** True when no DATABASE_URL was given and the embedded PostgreSQL runs. */
  embedded: boolean;
  redisUrl?: string;
  queueBackend: QueueBackendKind;
  queuePrefix: string;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  smtpUrl?: string;
  mailFrom: string;
  seedDemo: boolean;
  clockStart?: Date;
  dataDir: string;
  logLevel: string;
  /** Runs the outbox relay, the queue workers and the deadline reconciler (default true). */
  runWorkers?: boolean;
  /** The shortest offer period a tender may be published with, in calendar days (default 10). */
  tenderMinOfferPeriodDays?: number;
}

/** What the environment says, before the embedded database and secrets are resolved. */
export type EnvironmentConfig = Omit<AppConfig, 'databaseUrl' | 'jwtSecret'> & {
  databaseUrl?: string;
  jwtSecret?: string;
};

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Validates the environment; throws ConfigurationError naming the first bad variable. */
export function parseEnvironment(env: NodeJS.ProcessEnv): EnvironmentConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = environmentSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const shown = cleaned[variable] === undefined ? '' : ` (got "${redact(variable, String(cleaned[variable]))}")`;
    throw new ConfigurationError(variable, `${issue.message}${shown}`);
  }
  const e = result.data;
  const embedded = e.DATABASE_URL === undefined;
  if (e.CLOCK_START && e.NODE_ENV === 'production') {
    throw new ConfigurationError('CLOCK_START', 'is refused when NODE_ENV=production');
  }
  if (!embedded && !e.JWT_SECRET && e.NODE_ENV === 'production') {
    throw new ConfigurationError('JWT_SECRET', 'is required when DATABASE_URL is set in production');
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    embedded,
    redisUrl: e.REDIS_URL,
    queueBackend: e.REDIS_URL ? 'redis' : 'postgres',
    queuePrefix: e.QUEUE_PREFIX,
    jwtSecret: e.JWT_SECRET,
    jwtExpiresInSeconds: e.JWT_EXPIRES_IN_SECONDS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    seedDemo: e.SEED_DEMO ?? embedded,
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    runWorkers: e.RUN_WORKERS ?? true,
    tenderMinOfferPeriodDays: e.TENDER_MIN_OFFER_PERIOD_DAYS,
  };
}

/** Hides the password of a URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function redact(variable: string, value: string): string {
  if (variable.endsWith('_SECRET')) return '***';
  return variable.endsWith('_URL') ? redactUrl(value) : value;
}
