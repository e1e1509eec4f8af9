import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowModule } from '../../workflow/workflow.module';
import { WorkflowRegistry } from '../../workflow/workflow-registry';
import { AuditModule } from '../../workflow/audit/audit.module';
import { DeadlineRules } from '../deadlines/deadline-rules';
import { DeadlineRulesModule } from '../deadlines/deadline-rules.module';
import { BodiesModule } from '../bodies/bodies.module';
import { IdentityModule } from '../identity/identity.module';
import { PaperLinks } from '../papers/paper-links';
import { PapersModule } from '../papers/papers.module';
import { AgendaItem } from './agenda-item.entity';
import { Amendment } from './amendment.entity';
import { MeetingAmendmentsService } from './meeting-amendments.service';
import { Attendance } from './attendance.entity';
import { Meeting } from './meeting.entity';
import { MeetingMinutes } from './meeting-minutes.entity';
import { DecisionExtract } from './decision-extract.entity';
import { DecisionExtractsService } from './decision-extracts.service';
import { MeetingAgendaService } from './meeting-agenda.service';
import { MeetingDocumentsService } from './meeting-documents.service';
import { MeetingResultsService } from './meeting-results.service';
import { MeetingEventsService } from './meeting-events.service';
import { MeetingReminders } from './meeting-reminders';
import { MeetingTransitions } from './meeting-transitions.service';
import { MEETING_WORKFLOW } from './meeting-workflow.definition';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Meeting, AgendaItem, Attendance, MeetingMinutes, DecisionExtract, Amendment]),
    WorkflowModule,
    PapersModule,
    BodiesModule,
    AuditModule,
    IdentityModule,
    DeadlineRulesModule,
  ],
  controllers: [MeetingsController],
  providers: [
    MeetingsService,
    MeetingAgendaService,
    MeetingResultsService,
    MeetingEventsService,
    MeetingDocumentsService,
    DecisionExtractsService,
    MeetingReminders,
    MeetingAmendmentsService,
    MeetingTransitions,
  ],
  exports: [MeetingsService, DecisionExtractsService],
})
export class MeetingsModule implements OnModuleInit {
  constructor(
    private readonly registry: WorkflowRegistry,
    private readonly paperLinks: PaperLinks,
    private readonly meetings: MeetingsService,
    private readonly agenda: MeetingAgendaService,
    private readonly reminders: MeetingReminders,
    private readonly deadlineRules: DeadlineRules,
  ) {}

  onModuleInit(): void {
    this.registry.register(MEETING_WORKFLOW);
    this.paperLinks.registerMeetings({ ...this.meetings.paperLinks(), ...this.agenda.paperLinks() });
    this.reminders.register(this.deadlineRules);
  }
}
