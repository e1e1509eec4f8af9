import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AccessService } from './access.service';
import { AuthService } from './auth.service';

const CREDENTIALS_KEPT_MS = 5 * 60_000;

/**
 * The queue dashboard's door (provided as `QUEUE_DASHBOARD_GUARD`). A browser cannot send
 * our bearer token, so it asks for user name and password (HTTP Basic, over the same login
 * and throttling as /auth/login); verified credentials are remembered for five minutes, as
 * a hash, so the dashboard's polling does not run the password hash on every request — but
 * the operator role and the account's status are checked on every request, like for a token.
 */
export function operatorBasicAuth(auth: AuthService, access: AccessService): RequestHandler {
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
