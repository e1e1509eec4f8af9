import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowModule } from '../../workflow/workflow.module';
import { WorkflowRegistry } from '../../workflow/workflow-registry';
import { AuditModule } from '../../workflow/audit/audit.module';
import { DeadlineRules } from '../deadlines/deadline-rules';
import { DeadlineRulesModule } from '../deadlines/deadline-rules.module';
import { IdentityModule } from '../identity/identity.module';
import { PaperLinks } from '../papers/paper-links';
import { PapersModule } from '../papers/papers.module';
import { ImplementationReportService } from './implementation-report.service';
import { Task } from './task.entity';
import { taskStillDue } from './task-reminders';
import { TaskEventsService } from './task-events.service';
import { TASK_WORKFLOWS } from './task-workflow.definition';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [TypeOrmModule.forFeature([Task]), WorkflowModule, PapersModule, AuditModule, DeadlineRulesModule, IdentityModule],
  controllers: [TasksController],
  providers: [TasksService, TaskEventsService, ImplementationReportService],
  exports: [TasksService],
})
export class TasksModule implements OnModuleInit {
  constructor(
    private readonly registry: WorkflowRegistry,
    private readonly paperLinks: PaperLinks,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  onModuleInit(): void {
    for (const definition of Object.values(TASK_WORKFLOWS)) this.registry.register(definition);
    // A paper closes once every task is done or cancelled; the row's outcome mirrors its machine.
    this.paperLinks.registerTasks({
      openTasks: (m, paperId) => m.count(Task, { where: { paperId, outcome: 'open' } }),
    });
    this.deadlineRules.registerCheck(['taskDueReminder', 'taskOverdue'], taskStillDue);
  }
}
