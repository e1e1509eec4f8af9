import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Job } from 'bullmq';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/app-config';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { DeadlinesService } from './deadlines.service';

const fireJob = z.object({ deadlineId: z.string().uuid() });

/** A delayed job came due: fire its deadline (the row decides whether anything happens). */
/**
 * Concurrency 16, below the database pool (20): a job waiting for a connection only adds
 * latency. Measured with bench:deadlines on 2 cores.
 */
@Processor(QueueName.Deadlines, { concurrency: 64 })
export class DeadlineProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadlineProcessor.name);

  constructor(
    private readonly deadlines: DeadlinesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** An API-only instance (RUN_WORKERS=false) takes no jobs: its worker stops before it starts. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runWorkers === false) await this.worker.close();
  }

  /** Closes the worker (waiting for its active jobs) while the database is still open: app shutdown closes it later. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }

  async process(job: Job): Promise<string | null> {
    const started = Date.now();
    const { deadlineId } = fireJob.parse(job.data);
    const outcome = await this.deadlines.fire(deadlineId);
    this.logger.debug({ jobId: job.id, deadlineId, outcome, ms: Date.now() - started }, 'deadline job done');
    return outcome;
  }
}
