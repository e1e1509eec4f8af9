import { Processor } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { ManagedWorkerHost } from '../../infrastructure/queue/managed-worker-host';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { OutboxHandlers, outboxJobDataSchema } from './outbox-handlers';
import { OutboxRelay } from './outbox-relay.service';

/** Carries out relayed outbox rows: loads the row the job names, the registered handler does the work. */
@Processor(QueueName.Outbox, { concurrency: 8 })
export class OutboxProcessor extends ManagedWorkerHost {
  private readonly logger = new Logger(OutboxProcessor.name);

  constructor(
    private readonly handlers: OutboxHandlers,
    private readonly relay: OutboxRelay,
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
      this.logger.debug({ jobId: job.id, kind: data.kind, subjectId: data.subjectId, ms: Date.now() - started }, 'outbox job done');
    } catch (error) {
      this.logger.warn({ jobId: job.id, kind: data.kind, subjectId: data.subjectId, attempt: number, err: error }, 'outbox job failed');
      throw error;
    }
  }
}
