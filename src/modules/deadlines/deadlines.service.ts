import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import { DeadlineFiring } from './deadline-firing';
import { DeadlineJobs } from './deadline-jobs';
import { DeadlineReconciler } from './deadline-reconciler.service';
import { DeadlineScheduler } from './deadline-scheduler';

export { PROBE_KIND } from './deadline-row';
export { deterministicUuid } from './deadline-scheduler';

/**
 * Durable deadlines, as the rest of the app (and the tests and benchmarks) use them. The
 * `deadline` table is the truth; each pending row has a BullMQ delayed job with jobId =
 * deadline id. Each part has a file of its own: scheduling and cancelling
 * (`deadline-scheduler.ts`), firing (`deadline-firing.ts`, grouped in
 * `deadline-group-commit.ts`), the jobs (`deadline-jobs.ts`), keeping jobs and rows in
 * step (`deadline-reconciler.service.ts`), when reminders fall due (`deadline-policies.ts`).
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly scheduler: DeadlineScheduler,
    private readonly firing: DeadlineFiring,
    private readonly reconciler: DeadlineReconciler,
    private readonly jobs: DeadlineJobs,
  ) {}

  /** The queue of the deadlines' delayed jobs (jobId = deadline id). */
  get queue(): Queue {
    return this.jobs.queue;
  }

  /** `scheduleDeadline` outbox row. */
  schedule(job: OutboxJob): Promise<void> {
    return this.scheduler.schedule(job);
  }

  /** `cancelDeadline` outbox row. */
  cancel(job: OutboxJob): Promise<void> {
    return this.scheduler.cancel(job);
  }

  /** Fires one deadline; what it did, or null when it was not pending. */
  fire(id: string): Promise<string | null> {
    return this.firing.fire(id);
  }

  /** Makes the queue match the table (see DeadlineReconciler). */
  reconcile(): Promise<{ added: number; promoted: number; removed: number }> {
    return this.reconciler.reconcile();
  }
}
