import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** Job counts per queue and state, all bodies together, on either queue backend: counts only, no job. */
@Injectable()
export class QueueCounts {
  constructor(
    @InjectQueue(QueueName.Outbox) private readonly outbox: Queue,
    @InjectQueue(QueueName.Deadlines) private readonly deadlines: Queue,
    @InjectQueue(QueueName.System) private readonly system: Queue,
  ) {}

  async counts(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const queue of [this.outbox, this.deadlines, this.system]) out[queue.name] = await queue.getJobCounts(...JOB_STATES);
    return out;
  }
}
