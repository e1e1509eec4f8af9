import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '../../infrastructure/clock/clock';
import { QueueName } from '../../infrastructure/queue/queue-names';

/** The delayed BullMQ jobs of pending deadlines (jobId = deadline id): adding and removing them. */
@Injectable()
export class DeadlineJobs {
  constructor(
    @InjectQueue(QueueName.Deadlines) readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async add(rows: { id: string; due_at: Date }[]): Promise<number> {
    if (rows.length === 0) return 0;
    for (let i = 0; i < rows.length; i += 1000) {
      // BullMQ counts a delay from the job's timestamp: both are taken from one instant per
      // batch, or a delay computed before a long run of batches would fire the later ones late.
      const now = this.clock.now().getTime();
      const timestamp = Date.now();
      await this.queue.addBulk(
        rows.slice(i, i + 1000).map((r) => ({
          name: 'fire',
          data: { deadlineId: r.id },
          // The row is the record: a completed job is removed at once (BullMQ's PostgreSQL backend
          // scans what it keeps on every completion).
          opts: { jobId: r.id, timestamp, delay: Math.max(0, r.due_at.getTime() - now), attempts: 10, removeOnComplete: true },
        })),
      );
    }
    return rows.length;
  }

  /** Removes jobs by deadline id; 0 for one already gone or running. Returns how many went. */
  async remove(ids: readonly string[]): Promise<number> {
    let removed = 0;
    for (let i = 0; i < ids.length; i += 100) {
      const done = await Promise.all(ids.slice(i, i + 100).map((id) => this.queue.remove(id).catch(() => 0)));
      removed += done.reduce<number>((sum, n) => sum + n, 0);
    }
    return removed;
  }
}
