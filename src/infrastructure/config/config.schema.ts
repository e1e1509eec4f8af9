import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

function urlWithProtocols(protocols: string[]) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );
}

/**
 * Every environment variable ratsweg reads (CONTRACT.md "Process"). Empty strings
 * count as unset, so `FOO= npm start` behaves like not setting FOO.
 */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']).optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_EXPIRES_IN_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(8 * 3600),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('ratsweg <noreply@ratsweg.local>'),
  SEED_DEMO: booleanString.optional(),
  CLOCK_START: z.iso.datetime({ offset: true, message: 'expected an ISO time such as 2021-08-20T09:00:00+02:00' }).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, 'letters, digits, - and _ only')
    .default('ratsweg'),
  /** false: an API-only instance (no outbox relay, no queue workers, no reconciler); some other instance runs them. */
  RUN_WORKERS: booleanString.optional(),
  /** A tender's offer period (publication to last day for offers) is at least this many calendar days. */
  TENDER_MIN_OFFER_PERIOD_DAYS: z.coerce.number().int().min(0).max(365).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;
