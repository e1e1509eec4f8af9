import { Processor } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { ManagedWorkerHost } from '../../infrastructure/queue/managed-worker-host';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { DeadlinesService } from './deadlines.service';

const fireJob = z.object({ deadlineId: z.string().uuid() });

/**
 * A delayed job came due: fire its deadline (the row decides whether anything happens).
 * Concurrency 64: most fires go through the grouped quick path (one statement for many),
 * so more jobs in flight make bigger groups (bench:deadlines, 2 cores).
 */
@Processor(QueueName.Deadlines, { concurrency: 64 })
export class DeadlineProcessor extends ManagedWorkerHost {
  private readonly logger = new Logger(DeadlineProcessor.name);

  constructor(
    private readonly deadlines: DeadlinesService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  async process(job: Job): Promise<string | null> {
    const started = Date.now();
    const { deadlineId } = fireJob.parse(job.data);
    const outcome = await this.deadlines.fire(deadlineId);
    this.logger.debug({ jobId: job.id, deadlineId, outcome, ms: Date.now() - started }, 'deadline job done');
    return outcome;
  }
}
