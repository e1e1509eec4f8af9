import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

/** Counts every HTTP response by status code once it is sent (503s during an outage among them). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(_req: Request, res: Response, next: NextFunction): void {
    res.once('finish', () => this.metrics.httpResponses.inc({ code: String(res.statusCode) }));
    next();
  }
}
