import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan } from 'typeorm';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import { atReminderHour, meetingDeadlines } from '../deadlines/deadline-policies';
import type { DeadlineRules, DueCheck } from '../deadlines/deadline-rules';
import type { NewDeadline } from '../deadlines/deadline-row';
import { papersAwaitingDocuments } from '../papers/paper-reminders';
import { berlinDate } from '../../shared/berlin-calendar';
import { latestInvitationDay } from './invitation-period';
import { Meeting } from './meeting.entity';
import { DEFAULT_RULES } from './meeting.types';
import { MeetingsService } from './meetings.service';

/** Without a planned Kreistag session, an urgent decision's approval is brought up again after this long. */
const URGENT_APPROVAL_FALLBACK_DAYS = 7;

/**
 * The meetings module's answers to the deadlines module: when a planned session's
 * reminders fall due (from its organization's Ladungsfrist), when an urgent decision's
 * approval must be on the next Kreistag agenda, and whether a reminder is still due when
 * it fires (the session still planned; papers for it still unreleased).
 */
@Injectable()
export class MeetingReminders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
  ) {}

  register(rules: DeadlineRules): void {
    rules.registerPlanner('meeting', (job) => this.planMeeting(job));
    rules.registerPlanner('urgentDecisionApproval', (job) => this.planUrgentApproval(job));
    rules.registerCheck(['invitationDue'], this.invitationStillDue);
    rules.registerCheck(['documentsDue'], this.documentsStillDue);
  }

  /** The last day to invite, and the documents two working days before it; nothing once the session is no longer planned. */
  private async planMeeting(job: OutboxJob): Promise<NewDeadline[]> {
    const meeting = await this.dataSource.manager.findOne(Meeting, { where: { id: job.subjectId, state: 'planned' } });
    if (!meeting) return [];
    const rules = await this.meetings.rules(this.dataSource.manager, meeting.bodyId, meeting.organizationId);
    return meetingDeadlines(meeting.start, { ...DEFAULT_RULES, invitationPeriodDays: rules.invitationPeriodDays, invitationPeriodKind: rules.invitationPeriodKind });
  }

  /** § 50 Abs. 3 KrO NRW: due on the last day to invite to the next Kreistag session, so the approval can be on its agenda. */
  private async planUrgentApproval(job: OutboxJob): Promise<NewDeadline[]> {
    const m = this.dataSource.manager;
    const next = await m.findOne(Meeting, {
      where: { bodyId: job.bodyId, state: In(['planned', 'invited']), start: MoreThan(new Date(job.createdAt)), organization: { kind: 'district_council' } },
      relations: { organization: true },
      order: { start: 'ASC' },
    });
    if (!next) {
      const dueAt = new Date(new Date(job.createdAt).getTime() + URGENT_APPROVAL_FALLBACK_DAYS * 86_400_000);
      return [{ kind: 'urgentDecisionApproval', dueAt, payload: { meetingId: null } }];
    }
    const rules = { ...DEFAULT_RULES, invitationPeriodDays: next.organization!.invitationPeriodDays, invitationPeriodKind: next.organization!.invitationPeriodKind };
    const dueAt = atReminderHour(latestInvitationDay(next.start.toISOString(), rules, false));
    return [{ kind: 'urgentDecisionApproval', dueAt: dueAt < new Date(job.createdAt) ? new Date(job.createdAt) : dueAt, payload: { meetingId: next.id } }];
  }

  private readonly invitationStillDue: DueCheck = async (m, d) => {
    const meeting = await m.findOne(Meeting, { where: { id: d.subjectId }, select: { id: true, state: true } });
    if (meeting?.state !== 'planned') return { outcome: `obsolete: meeting is ${meeting?.state ?? 'gone'}`, notices: [] };
    return { outcome: 'notified', notices: [{ kind: 'invitationDue', to: { role: 'committee_office' }, lastDay: d.payload.lastDay }] };
  };

  /** The authors of papers planned for the session whose documents are not released yet. */
  private readonly documentsStillDue: DueCheck = async (m, d) => {
    const meeting = await m.findOne(Meeting, { where: { id: d.subjectId, state: In(['planned', 'invited']) } });
    const papers = meeting ? await papersAwaitingDocuments(m, meeting.organizationId, berlinDate(meeting.start)) : [];
    return {
      outcome: papers.length ? `notified about ${papers.length} paper(s)` : 'nothing due',
      notices: papers.map((p) => ({ kind: 'documentsDue', to: { userId: p.createdBy }, paperId: p.id, paperState: p.state })),
    };
  };
}
