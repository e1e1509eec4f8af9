import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { onRedisReconnect } from '../../infrastructure/queue/queue-reconnect';
import { DeadlinesService } from './deadlines.service';

export const RECONCILE_EVERY_MS = 60_000;

/**
 * Re-creates lost deadline jobs and removes stale ones at start-up, every minute and
 * whenever the Redis connection comes back (a restarted Redis may have lost every
 * job), so losing Redis (or a job BullMQ failed to promote) loses no deadline. Also warns
 * when Redis is not configured as BullMQ requires for production.
 */
@Injectable()
export class DeadlineReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadlineReconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  /** Asked for while a pass ran: that pass may have listed the jobs of a Redis now gone. */
  private again = false;

  constructor(
    private readonly deadlines: DeadlinesService,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runWorkers === false) return;
    if (this.config.queueBackend === 'redis') {
      await this.checkRedis();
      await onRedisReconnect(this.queue, () => this.tick());
    }
    this.tick();
    this.timer = setInterval(() => this.tick(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deadlines
      .reconcile()
      .catch((error) => this.logger.warn({ err: error }, 'deadline reconciliation failed; next try in a minute'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.tick();
        }
      });
  }

  /** BullMQ needs `maxmemory-policy noeviction` (else Redis may drop jobs) and persistence (AOF) to survive restarts. */
  private async checkRedis(): Promise<void> {
    try {
      // The raw Redis client is the Redis backend's own escape hatch (BullMQ 6 backends).
      const backend = this.queue.getBackend() as unknown as { client: Promise<{ config(...args: string[]): Promise<unknown> }> };
      const client = await backend.client;
      const [, policy] = (await client.config('GET', 'maxmemory-policy')) as string[];
      const [, aof] = (await client.config('GET', 'appendonly')) as string[];
      if (policy !== 'noeviction') {
        this.logger.warn(`Redis maxmemory-policy is "${policy}"; BullMQ requires "noeviction" in production, or jobs can be evicted`);
      }
      if (aof !== 'yes') {
        this.logger.warn('Redis runs without AOF (appendonly no): a Redis restart loses queued jobs; deadlines and outbox jobs are restored from PostgreSQL when it is back, but delayed retries start over');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the Redis configuration (CONFIG GET refused?)');
    }
  }
}
