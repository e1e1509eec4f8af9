import { Processor } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { ManagedWorkerHost } from '../../infrastructure/queue/managed-worker-host';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { DeadlinesService } from './deadlines.service';

const fireJob = z.object({ deadlineId: z.string().uuid() });

/** Jobs one instance fires at once; most go through the grouped quick path, so more in flight make bigger groups. */
export const DEADLINE_WORKER_CONCURRENCY = 64;

/**
 * A delayed job came due: fire its deadline (the row decides whether anything happens).
 */
@Processor(QueueName.Deadlines, { concurrency: DEADLINE_WORKER_CONCURRENCY })
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
