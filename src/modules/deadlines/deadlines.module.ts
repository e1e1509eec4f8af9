import { BullModule } from '@nestjs/bullmq';
import { Module, OnModuleInit } from '@nestjs/common';
import { QueueName } from '../../infrastructure/queue/queue-names';
import { AuditModule } from '../../workflow/audit/audit.module';
import { OutboxHandlers } from '../../workflow/outbox/outbox-handlers';
import { DeadlineProcessor } from './deadline.processor';
import { DeadlineReconciler } from './deadline-reconciler.service';
import { DeadlineFiring } from './deadline-firing';
import { DeadlineJobs } from './deadline-jobs';
import { DeadlineRulesModule } from './deadline-rules.module';
import { DeadlineScheduler } from './deadline-scheduler';
import { DeadlinesService } from './deadlines.service';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Deadlines }), AuditModule, DeadlineRulesModule],
  providers: [DeadlineJobs, DeadlineScheduler, DeadlineFiring, DeadlineReconciler, DeadlinesService, DeadlineProcessor],
  exports: [DeadlinesService],
})
export class DeadlinesModule implements OnModuleInit {
  constructor(
    private readonly handlers: OutboxHandlers,
    private readonly deadlines: DeadlinesService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('scheduleDeadline', (job) => this.deadlines.schedule(job));
    this.handlers.register('cancelDeadline', (job) => this.deadlines.cancel(job));
  }
}
