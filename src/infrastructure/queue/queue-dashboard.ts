import { createHash } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AccessService } from '../../modules/identity/access.service';
import { AuthService } from '../../modules/identity/auth.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { QueueName } from './queue-names';

export const QUEUE_DASHBOARD_PATH = '/admin/queues/ui';
const CREDENTIALS_KEPT_MS = 5 * 60_000;

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
 * A browser cannot send our bearer token, so it asks for user name and password (HTTP
 * Basic, over the same login and throttling as /auth/login); verified credentials are
 * remembered for five minutes, as a hash, so the dashboard's polling does not run the
 * password hash on every request — but the operator role and the account's status are
 * checked on every request, like for a token. Returns whether it was mounted.
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
  app.use(QUEUE_DASHBOARD_PATH, operatorBasicAuth(app.get(AuthService), app.get(AccessService)), serverAdapter.getRouter());
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

function operatorBasicAuth(auth: AuthService, access: AccessService) {
  const verified = new Map<string, { until: number; userId: string; bodyId: string }>();
  const refuse = (res: Response, status: 401 | 403) =>
    res
      .status(status)
      .set('WWW-Authenticate', 'Basic realm="ratsweg queues", charset="UTF-8"')
      .json({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message: 'Operator credentials required' });
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return refuse(res, 401);
    const key = createHash('sha256').update(header).digest('hex');
    let login = verified.get(key);
    if (!login || login.until <= Date.now()) {
      verified.delete(key);
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return refuse(res, 401);
      try {
        const result = await auth.login({ username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }, req.ip ?? 'unknown');
        login = { until: Date.now() + CREDENTIALS_KEPT_MS, userId: result.user.id, bodyId: result.user.body.id };
      } catch {
        return refuse(res, 401);
      }
      verified.set(key, login);
    }
    try {
      const current = await access.current(login.userId);
      if (!current?.active) return refuse(res, 401);
      if (!current.rolesByBody.get(login.bodyId)?.includes('operator')) return refuse(res, 403);
    } catch {
      return refuse(res, 401);
    }
    next();
  };
}
