import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { QueueHealthIndicator } from '../../infrastructure/queue/queue.health';
import { Public } from '../identity/decorators';

type Details = Record<string, { status: string; [key: string]: unknown }>;

/** `{status, database, queue}` (CONTRACT.md); 503 when a dependency is down. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and dependencies' })
  async check(@Res({ passthrough: true }) res: Response) {
    let details: Details;
    try {
      details = (await this.health.check([
        () => this.database.pingCheck('database').withTimeout(3000),
        () => this.queue.check('queue'),
      ])).details as Details;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      details = ((error.getResponse() as { details?: Details }).details ?? {}) as Details;
      res.status(503);
    }
    const database = details.database?.status ?? 'down';
    const queue = details.queue?.status ?? 'down';
    return { status: database === 'up' && queue === 'up' ? 'ok' : 'error', database, queue };
  }
}
