import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowModule } from '../../workflow/workflow.module';
import { WorkflowRegistry } from '../../workflow/workflow-registry';
import { BodiesModule } from '../bodies/bodies.module';
import { Consultation } from './consultation.entity';
import { PaperEventsService } from './paper-events.service';
import { PaperLinks } from './paper-links';
import { Paper } from './paper.entity';
import { PAPER_WORKFLOW } from './paper-workflow.definition';
import { PapersController } from './papers.controller';
import { PapersService } from './papers.service';
import { MotionsService } from './motions.service';
import { ReferenceCounter } from './reference-counter.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Paper, Consultation, ReferenceCounter]), WorkflowModule, BodiesModule],
  controllers: [PapersController],
  providers: [PapersService, PaperEventsService, PaperLinks, MotionsService],
  exports: [PapersService, PaperEventsService, PaperLinks, MotionsService],
})
export class PapersModule implements OnModuleInit {
  constructor(private readonly registry: WorkflowRegistry) {}

  onModuleInit(): void {
    this.registry.register(PAPER_WORKFLOW);
  }
}
