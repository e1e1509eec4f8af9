import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { onRedisReconnect } from '../../infrastructure/queue/queue-reconnect';
import { DeadlineJobs } from './deadline-jobs';

export const RECONCILE_EVERY_MS = 60_000;

/** A delayed job this long past its due time was not promoted by BullMQ: the reconciler promotes it. */
const STUCK_AFTER_MS = 60_000;

/**
 * Keeps the delayed jobs and the `deadline` rows in step: re-creates lost deadline jobs and removes stale ones at start-up, every minute and
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: DeadlineJobs,
    private readonly clock: Clock,
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

  /**
   * Makes the queue match the table: every pending deadline has its job (a lost one is
   * added again; one stuck past its due time, which BullMQ has been seen not to
   * promote, is promoted), and no job is left for a deadline that is not pending.
   */
  async reconcile(): Promise<{ added: number; promoted: number; removed: number }> {
    // Ids only, one listing per state: at 100,000 deadlines loading every job (getJobs) took
    // seconds of the worker's CPU each minute and made due deadlines late (bench:deadlines).
    // The jobs are listed before the rows are read: a job that finishes in between has fired
    // its row, so it cannot look missing for a row still pending.
    const ids = async (states: Parameters<Queue['getRanges']>[0]) => new Set(await this.queue.getRanges(states, 0, -1));
    const delayed = await ids(['delayed']);
    const live = await ids(['waiting', 'active', 'prioritized', 'waiting-children']);
    const finished = await ids(['completed', 'failed']);
    const pending: { id: string; due_at: Date }[] = await this.dataSource.query(`SELECT id, due_at FROM deadline WHERE status = 'pending'`);
    const pendingIds = new Set(pending.map((p) => p.id));
    const now = this.clock.now().getTime();
    const missing: { id: string; due_at: Date }[] = [];
    const stuck: string[] = [];
    for (const p of pending) {
      if (delayed.has(p.id)) {
        // Long past due and still delayed: BullMQ failed to promote it. (A busy worker only
        // makes jobs late by seconds; promoting those would just add work.)
        if (p.due_at.getTime() < now - STUCK_AFTER_MS) stuck.push(p.id);
      } else if (!live.has(p.id)) {
        // Lost (Redis flushed), or finished without firing (the row restored after its job ran): add it again.
        if (finished.has(p.id)) await this.queue.remove(p.id).catch(() => 0);
        missing.push(p);
      }
    }
    let promoted = 0;
    for (let i = 0; i < stuck.length; i += 100) {
      const jobs = await Promise.all(stuck.slice(i, i + 100).map((id) => this.queue.getJob(id)));
      const done = await Promise.all(jobs.map((job) => (job ? job.promote().then(() => 1, () => 0) : 0)));
      promoted += done.reduce<number>((sum, n) => sum + n, 0);
    }
    const added = await this.jobs.add(missing);
    const stale = [...delayed].filter((id) => !pendingIds.has(id));
    // 0 for a job gone meanwhile (it ran: its row had fired) or running now.
    const removed = await this.jobs.remove(stale);
    if (added || promoted || removed) this.logger.log({ added, promoted, removed }, 'deadline jobs reconciled');
    return { added, promoted, removed };
  }

  private tick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this
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
