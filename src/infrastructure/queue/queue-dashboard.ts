import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { QueueName } from './queue-names';

export const QUEUE_DASHBOARD_PATH = '/admin/queues/ui';

/**
 * Who may open the dashboard: an Express handler the identity module provides under this
 * token (operator credentials by HTTP Basic), so this layer needs nothing from the modules.
 */
export const QUEUE_DASHBOARD_GUARD = Symbol('QUEUE_DASHBOARD_GUARD');

/**
 * bull-board, the BullMQ dashboard, at /admin/queues/ui — on Redis only: it reads
 * BullMQ's Redis structures and does not support the PostgreSQL backend.
 *
 * The queues are shared by every body, so the dashboard is the deployment OPERATOR's
 * alone (a body's admin gets the counts at GET /admin/queues). It is READ-ONLY, for the
 * operator too: retrying, removing or promoting jobs by hand bypasses the outbox and
 * deadline bookkeeping (a removed outbox job is a lost mail); dead letters are retried
 * through POST /admin/notifications/:id/retry. Job data holds ids only (outbox and
 * deadline jobs); what the dashboard shows of a job's data is cut down to its ids all
 * the same, for jobs an older version queued with names and texts in them.
 *
 * Who may open it is `QUEUE_DASHBOARD_GUARD`'s to decide (identity's operator login).
 * Returns whether it was mounted.
 */
export function mountQueueDashboard(app: INestApplication): boolean {
  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.queueBackend !== 'redis') return false;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => {
      const adapter = new BullMQAdapter(app.get<Queue>(getQueueToken(name)) as never, { readOnlyMode: true });
      adapter.setFormatter('data', idsOnly);
      return adapter;
    }),
    serverAdapter,
  });
  app.use(QUEUE_DASHBOARD_PATH, app.get<RequestHandler>(QUEUE_DASHBOARD_GUARD), serverAdapter.getRouter());
  return true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A job's data as the dashboard shows it: the fields that hold an id, nothing else. */
export function idsOnly(data: unknown): Record<string, string> {
  if (!data || typeof data !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (/(^id|Id)$/.test(key) && typeof value === 'string' && UUID.test(value)) out[key] = value;
  }
  return out;
}
