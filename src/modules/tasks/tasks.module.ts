import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowModule } from '../../workflow/workflow.module';
import { WorkflowRegistry } from '../../workflow/workflow-registry';
import { AuditModule } from '../audit/audit.module';
import { PapersModule } from '../papers/papers.module';
import { ImplementationReportService } from './implementation-report.service';
import { Task } from './task.entity';
import { TaskEventsService } from './task-events.service';
import { TASK_WORKFLOWS } from './task-workflow.definition';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [TypeOrmModule.forFeature([Task]), WorkflowModule, PapersModule, AuditModule],
  controllers: [TasksController],
  providers: [TasksService, TaskEventsService, ImplementationReportService],
})
export class TasksModule implements OnModuleInit {
  constructor(private readonly registry: WorkflowRegistry) {}

  onModuleInit(): void {
    for (const definition of Object.values(TASK_WORKFLOWS)) this.registry.register(definition);
  }
}
