import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { OutboxMessage } from './outbox-message.entity';
import { WorkflowRegistry } from './workflow-registry';
import { WorkflowService } from './workflow.service';
import { WorkflowsController } from './workflows.controller';

/** The shared machinery that runs any machine against the database (see README.md here). */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage]), AuditModule],
  controllers: [WorkflowsController],
  providers: [WorkflowService, WorkflowRegistry],
  exports: [WorkflowService, WorkflowRegistry, AuditModule],
})
export class WorkflowModule {}
