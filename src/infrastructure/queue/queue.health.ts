import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names';

/** Up when the queue backend answers a count query, whichever backend it is. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectQueue(QueueName.System) private readonly systemQueue: Queue,
  ) {}

  check(key: 'queue') {
    return this.health
      .check(key)
      .attempt(async () => {
        await this.systemQueue.getJobCounts('waiting');
      })
      .withTimeout(3000);
  }
}
