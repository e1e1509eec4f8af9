import { createHash } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../../modules/identity/auth.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { QueueName } from './queue-names';

export const QUEUE_DASHBOARD_PATH = '/admin/queues/ui';
const CREDENTIALS_KEPT_MS = 5 * 60_000;

/**
 * bull-board, the BullMQ dashboard, at /admin/queues/ui — on Redis only: it reads
 * BullMQ's Redis structures and does not support the PostgreSQL backend. A browser
 * cannot send our bearer token, so it asks for an admin's user name and password
 * (HTTP Basic, over the same login and throttling as /auth/login); verified
 * credentials are remembered for five minutes, as a hash, so the dashboard's polling
 * does not run the password hash on every request. Returns whether it was mounted.
 */
export function mountQueueDashboard(app: INestApplication): boolean {
  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.queueBackend !== 'redis') return false;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)) as never)),
    serverAdapter,
  });
  app.use(QUEUE_DASHBOARD_PATH, adminBasicAuth(app.get(AuthService)), serverAdapter.getRouter());
  return true;
}

function adminBasicAuth(auth: AuthService) {
  const verified = new Map<string, number>();
  const challenge = (res: Response, status = 401) =>
    res.status(status).set('WWW-Authenticate', 'Basic realm="ratsweg queues", charset="UTF-8"').json({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message: 'Admin credentials required' });
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return challenge(res);
    const key = createHash('sha256').update(header).digest('hex');
    if ((verified.get(key) ?? 0) > Date.now()) return next();
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return challenge(res);
    try {
      const result = await auth.login({ username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }, req.ip ?? 'unknown');
      if (!result.user.roles.includes('admin')) return challenge(res, 403);
      verified.set(key, Date.now() + CREDENTIALS_KEPT_MS);
      next();
    } catch {
      challenge(res);
    }
  };
}
