import { Processor } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { ManagedWorkerHost } from '../../infrastructure/queue/managed-worker-host';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { OutboxHandlers, outboxJobDataSchema } from './outbox-handlers';
import { OutboxRelay } from './outbox-relay.service';

/**
 * Carries out relayed outbox rows: loads the row the job names, the registered
 * handler does the work. A row finished (or given up after its last attempt) is
 * marked done; a relayed row not done whose job has vanished is put back by the
 * relay (`requeueLost`).
 */
@Processor(QueueName.Outbox, { concurrency: 8 })
export class OutboxProcessor extends ManagedWorkerHost {
  private readonly logger = new Logger(OutboxProcessor.name);

  constructor(
    private readonly handlers: OutboxHandlers,
    private readonly relay: OutboxRelay,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  async process(job: Job): Promise<void> {
    const started = Date.now();
    const data = await this.relay.load(outboxJobDataSchema.parse(job.data).outboxId);
    const attempts = job.opts.attempts ?? 1;
    const number = job.attemptsMade + 1;
    try {
      await this.handlers.get(data.kind)(data, { number, last: number >= attempts });
    } catch (error) {
      this.logger.warn({ jobId: job.id, kind: data.kind, subjectId: data.subjectId, attempt: number, err: error }, 'outbox job failed');
      // The last attempt's failure is recorded by the handler (dead letters); the row is settled.
      if (number >= attempts) await this.markDone(data.id).catch(() => undefined);
      throw error;
    }
    await this.markDone(data.id);
    this.logger.debug({ jobId: job.id, kind: data.kind, subjectId: data.subjectId, ms: Date.now() - started }, 'outbox job done');
  }

  private async markDone(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbox_message SET done_at = now() WHERE id = $1 AND done_at IS NULL`, [id]);
  }
}
