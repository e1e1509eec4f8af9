import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { Metrics } from '../../infrastructure/metrics/metrics';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { onRedisReconnect } from '../../infrastructure/queue/queue-reconnect';
import { outboxJobSchema, type OutboxJob, type OutboxJobData } from './outbox-handlers';

const BATCH = 200;
const IDLE_POLL_MS = 200;
/** How often relayed rows not yet done are checked for a lost job (also at once after a Redis reconnect). */
export const REQUEUE_EVERY_MS = 60_000;

/**
 * Moves committed outbox rows into BullMQ. Each pass takes up to 200 pending rows
 * with `FOR UPDATE SKIP LOCKED` (so several app instances share the work without
 * waiting on each other), adds them as jobs with jobId = outbox id (a row added
 * again after a crash between add and commit is ignored by BullMQ; the handlers are
 * idempotent besides), and marks them processed in the same transaction. A full
 * batch is followed at once by the next; otherwise the relay sleeps briefly.
 *
 * A relayed row stays unfinished until its handler is done with it (`done_at`). If
 * its job is gone from the queue — a Redis restarted without its data — the relay
 * adds it again (`requeueLost`), every minute and at once when Redis reconnects;
 * handlers are idempotent per outbox id, so a job that was merely slow does nothing twice.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private requeueTimer?: NodeJS.Timeout;
  private requeueing?: Promise<unknown>;
  private requeueAgain = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Outbox) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {
    registerBacklogGauges(metrics, dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runWorkers === false) return;
    this.running = true;
    this.loop = this.run();
    if (this.config.queueBackend === 'redis') await onRedisReconnect(this.queue, () => this.requeueTick());
    this.requeueTimer = setInterval(() => this.requeueTick(), REQUEUE_EVERY_MS);
    this.requeueTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    clearInterval(this.requeueTimer);
    this.wake?.();
    await this.loop;
    await this.requeueing;
  }

  /**
   * Adds the job again for every relayed row not yet done whose job the queue no longer
   * has (same jobId, so a job still there is never doubled). Returns how many.
   */
  async requeueLost(): Promise<number> {
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT id, kind FROM outbox_message WHERE processed_at IS NOT NULL AND done_at IS NULL ORDER BY processed_at LIMIT 1000`,
    );
    const jobs = await Promise.all(rows.map((r) => this.queue.getJob(r.id)));
    const lost = rows.filter((_, i) => !jobs[i]);
    if (lost.length === 0) return 0;
    await this.queue.addBulk(lost.map(toJob));
    this.logger.warn({ requeued: lost.length }, 'outbox jobs lost from the queue were added again');
    return lost.length;
  }

  private requeueTick(): void {
    if (this.requeueing) {
      // The pass in flight may have looked at a Redis that is gone now.
      this.requeueAgain = true;
      return;
    }
    this.requeueing = this.requeueLost()
      .catch((error) => this.logger.warn({ err: error }, 'outbox requeue check failed; next try in a minute'))
      .finally(() => {
        this.requeueing = undefined;
        if (this.requeueAgain && this.running) {
          this.requeueAgain = false;
          this.requeueTick();
        }
      });
  }

  /** Relays until no pending row is left (for tests and the benchmark). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.relayOnce(); n > 0; n = await this.relayOnce()) total += n;
    return total;
  }

  /** The outbox row a job names, for its handler. */
  async load(outboxId: string): Promise<OutboxJob> {
    const [r] = await this.dataSource.query(
      `SELECT id, body_id, subject_type, subject_id, kind, payload, caused_by_seq, created_at FROM outbox_message WHERE id = $1`,
      [outboxId],
    );
    if (!r) throw new Error(`outbox row ${outboxId} not found`);
    return outboxJobSchema.parse({
      id: r.id,
      bodyId: r.body_id,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      kind: r.kind,
      payload: r.payload,
      causedBySeq: r.caused_by_seq,
      createdAt: new Date(r.created_at).toISOString(),
    });
  }

  /** Runs a row's handler once more (an admin's retry of a dead letter); the handlers skip what was done. */
  async requeue(outboxId: string): Promise<void> {
    const row = await this.load(outboxId);
    await this.queue.add(row.kind, { outboxId } satisfies OutboxJobData, { jobId: `${outboxId}-retry-${Date.now()}` });
  }

  /** One pass: returns how many rows it relayed. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: OutboxRow[] = await m.query(
        `SELECT id, kind FROM outbox_message WHERE processed_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      await this.queue.addBulk(rows.map(toJob));
      await m.query(`UPDATE outbox_message SET processed_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows.length;
    }).then((relayed) => {
      this.metrics.outboxRelayed.inc(relayed);
      return relayed;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed = 0;
      try {
        relayed = await this.relayOnce();
      } catch (error) {
        if (!this.running) return;
        this.logger.warn({ err: error }, 'outbox relay pass failed; retrying');
      }
      if (relayed < BATCH && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, relayed === 0 ? IDLE_POLL_MS : 0);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}

interface OutboxRow {
  id: string;
  kind: string;
}

/**
 * An outbox row as its job: the row's id only (job data carries no personal or
 * non-public text; the worker loads the row), jobId = outbox id, so adding it twice
 * adds it once.
 */
function toJob(r: OutboxRow) {
  return { name: r.kind, data: { outboxId: r.id } satisfies OutboxJobData, opts: { jobId: r.id } };
}

/**
 * The backlog, on scrape: rows committed but not yet relayed, and how long the oldest
 * has waited (0 when none). A growing age means the relay is stuck or too slow.
 */
function registerBacklogGauges(metrics: Metrics, dataSource: DataSource): void {
  const backlog = async () => {
    const [row]: { pending: number; oldest: number }[] = await dataSource.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
       FROM outbox_message WHERE processed_at IS NULL`,
    );
    return row;
  };
  metrics.scrapeGauge({ name: 'ratsweg_outbox_pending', help: 'Outbox rows committed and not yet relayed to the queue' }, async () => [
    { value: (await backlog()).pending },
  ]);
  metrics.scrapeGauge({ name: 'ratsweg_outbox_oldest_pending_age_seconds', help: 'Age of the oldest outbox row not yet relayed (0 when none)' }, async () => [
    { value: Math.max(0, (await backlog()).oldest) },
  ]);
}
