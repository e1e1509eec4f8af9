import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowModule } from '../../workflow/workflow.module';
import { WorkflowRegistry } from '../../workflow/workflow-registry';
import { BodiesModule } from '../bodies/bodies.module';
import { DeadlineRules } from '../deadlines/deadline-rules';
import { DeadlineRulesModule } from '../deadlines/deadline-rules.module';
import { Consultation } from './consultation.entity';
import { PaperEventsService } from './paper-events.service';
import { PaperLinks } from './paper-links';
import { signOffStillDue, urgentApprovalStillDue } from './paper-reminders';
import { Paper } from './paper.entity';
import { PAPER_WORKFLOW } from './paper-workflow.definition';
import { PapersController } from './papers.controller';
import { PapersService } from './papers.service';
import { MotionsService } from './motions.service';
import { ReferenceCounter } from './reference-counter.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Paper, Consultation, ReferenceCounter]), WorkflowModule, BodiesModule, DeadlineRulesModule],
  controllers: [PapersController],
  providers: [PapersService, PaperEventsService, PaperLinks, MotionsService],
  exports: [PapersService, PaperEventsService, PaperLinks, MotionsService],
})
export class PapersModule implements OnModuleInit {
  constructor(
    private readonly registry: WorkflowRegistry,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  onModuleInit(): void {
    this.registry.register(PAPER_WORKFLOW);
    this.deadlineRules.registerCheck(['signOffReminder', 'signOffEscalation'], signOffStillDue);
    this.deadlineRules.registerCheck(['urgentDecisionApproval'], urgentApprovalStillDue);
  }
}
