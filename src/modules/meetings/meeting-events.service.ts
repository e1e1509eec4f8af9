import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { retryingTransaction } from '../../infrastructure/database/retrying-transaction';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { PersistedSnapshot, WorkflowActor } from '../../workflow/workflow-definition';
import { WorkflowService } from '../../workflow/workflow.service';
import { MEETING_WORKFLOW } from './meeting-workflow.definition';
import { StaleVersionError } from '../../workflow/workflow.errors';
import { insertOutbox } from '../../workflow/outbox/insert-outbox';
import { PaperEventsService } from '../papers/paper-events.service';
import { AgendaItem } from './agenda-item.entity';
import type { MeetingEventDto } from './dto/meeting-event.dto';
import { berlinDate } from './invitation-period';
import { lateInvitation } from './meeting.guards';
import type { FrozenAgendaItem, Meeting } from './meeting.entity';
import { InvitationTooLateError } from './meeting.errors';
import type { MeetingView } from './meeting.view';
import { MeetingTransitions } from './meeting-transitions.service';
import { MeetingResultsService } from './meeting-results.service';
import { MeetingsService } from './meetings.service';
import { MeetingDocumentsService } from './meeting-documents.service';
import { toMeetingStateKey } from './meeting.machine';
import type { MinutesSigner } from './meeting.types';
import { AccessService } from '../identity/access.service';
import { DecisionExtractsService } from './decision-extracts.service';

/**
 * The meeting's own events (CONTRACT.md `POST /meetings/:id/events`), each one
 * transaction with what it implies for the papers on the agenda: a cancelled meeting
 * hands its papers back to "awaiting agenda", a rescheduled one moves them along.
 */
@Injectable()
export class MeetingEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly transitions: MeetingTransitions,
    private readonly results: MeetingResultsService,
    private readonly papers: PaperEventsService,
    private readonly clock: Clock,
    private readonly workflow: WorkflowService,
    private readonly documents: MeetingDocumentsService,
    private readonly access: AccessService,
    private readonly extracts: DecisionExtractsService,
  ) {}

  async send(actor: WorkflowActor, bodyId: string, meetingId: string, dto: MeetingEventDto): Promise<MeetingView> {
    if (dto.type === 'APPROVE_MINUTES') return this.approveMinutes(actor, bodyId, meetingId, dto.agendaItemId!, dto.objections);
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== meeting.version) {
        throw new StaleVersionError(dto.expectedVersion, meeting.version);
      }
      switch (dto.type) {
        case 'INVITE':
          await this.invite(m, actor, meeting, dto);
          break;
        case 'OPEN':
          await this.transitions.send(m, actor, meeting, { type: 'OPEN' });
          break;
        case 'ESTABLISH_NO_QUORUM': {
          // Counted now, against the statutory number of members; refused while the body is quorate.
          const presence = await this.meetings.presence(m, meeting);
          const rules = await this.meetings.rules(m, bodyId, meeting.organizationId);
          await this.transitions.send(m, actor, meeting, { type: 'ESTABLISH_NO_QUORUM', present: presence.present.size, members: presence.statutory, rules });
          break;
        }
        case 'CLOSE': {
          const openItems = await m.count(AgendaItem, { where: { meetingId, status: 'open' } });
          await this.transitions.send(m, actor, meeting, { type: 'CLOSE', openItems });
          break;
        }
        case 'CANCEL':
          await this.cancel(m, actor, meeting, dto.reason!);
          break;
        case 'DESIGNATE_SIGNATORIES':
          await this.designate(m, actor, meeting, dto.chairUserId!, dto.recorderUserId!);
          break;
        case 'RESCHEDULE':
          await this.reschedule(m, actor, meeting, dto);
          break;
      }
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  /**
   * Checks the Ladungsfrist first, so a late invitation is answered with the earliest
   * start it would still allow; then freezes the agenda as invited and writes one
   * invitation per seat to the outbox.
   */
  private async invite(m: EntityManager, actor: WorkflowActor, meeting: Meeting, dto: MeetingEventDto) {
    const urgent = dto.urgent === true;
    if (urgent && !dto.reason?.trim()) {
      throw new BadInputError('An urgent invitation needs its reason', [{ field: 'reason', messages: ['reason is required with urgent'] }]);
    }
    const rules = await this.meetings.rules(m, meeting.bodyId, meeting.organizationId);
    const now = this.clock.now().toISOString();
    const start = meeting.start.toISOString();
    const late = meeting.state === 'planned' ? lateInvitation(start, now, rules, urgent) : undefined;
    if (late) throw new InvitationTooLateError(start, late.earliestStart, urgent);
    const seats = await this.meetings.seats(m, meeting.organizationId, meeting.start);
    // § 33 KrO NRW: the Anträge that ask for this session, checked by the machine's guard.
    const { motions, motionDeadlineDays } = await this.meetings.requestedMotions(m, meeting);
    const frozen: FrozenAgendaItem[] = (await this.meetings.items(m, meeting.id))
      .filter((i) => i.status !== 'removed')
      .map((i) => ({ id: i.id, number: i.number, title: i.title, public: i.public, paperId: i.paperId }));
    const outcome = await this.transitions.send(
      m,
      actor,
      meeting,
      {
        type: 'INVITE',
        urgent,
        ...(dto.reason && { reason: dto.reason }),
        rules,
        members: seats.map((s) => ({ personId: s.personId })),
        ...(motions.length > 0 && { motions, motionDeadlineDays }),
      },
      { invited_agenda: JSON.stringify(frozen) },
    );
    // Everything on the agenda now went out with this invitation: nothing of it is a Nachtrag any more.
    await m.update(AgendaItem, { meetingId: meeting.id, lateAddition: true }, { lateAddition: false });
    await this.meetingDeadlines(m, meeting, outcome.version, 'cancel');
  }

  /** The invitation and documents deadlines follow the meeting: settled by INVITE and CANCEL, moved by RESCHEDULE. */
  private async meetingDeadlines(m: EntityManager, meeting: Meeting, seq: number, what: 'cancel' | 'move') {
    const row = { bodyId: meeting.bodyId, subjectType: 'meeting', subjectId: meeting.id, payload: { kind: 'meeting' }, causedBySeq: seq };
    await insertOutbox(m, { ...row, kind: 'cancelDeadline' });
    if (what === 'move') await insertOutbox(m, { ...row, kind: 'scheduleDeadline' });
  }

  private async cancel(m: EntityManager, actor: WorkflowActor, meeting: Meeting, reason: string) {
    const seats = await this.meetings.seats(m, meeting.organizationId, meeting.start);
    const outcome = await this.transitions.send(
      m,
      actor,
      meeting,
      { type: 'CANCEL', reason, members: seats.map((s) => ({ personId: s.personId })) },
      { cancelled: true },
    );
    await this.meetingDeadlines(m, meeting, outcome.version, 'cancel');
    const open = await m.find(AgendaItem, { where: { meetingId: meeting.id, status: 'open' } });
    for (const item of open) {
      // An item approving an urgent decision carries no consultation: the paper stays where it is.
      if (item.paperId && item.consultationKey) await this.papers.transitionIn(m, actor, meeting.bodyId, item.paperId, { type: 'UNSCHEDULE', reason });
    }
    if (open.length) await m.update(AgendaItem, { id: In(open.map((i) => i.id)) }, { status: 'removed' });
  }

  private async reschedule(m: EntityManager, actor: WorkflowActor, meeting: Meeting, dto: MeetingEventDto) {
    const start = new Date(dto.start!);
    const end = dto.end ? new Date(dto.end) : null;
    if (end && end <= start) throw new BadInputError('Invalid reschedule', [{ field: 'end', messages: ['end must be after start'] }]);
    const seats = await this.meetings.seats(m, meeting.organizationId, meeting.start);
    const outcome = await this.transitions.send(
      m,
      actor,
      meeting,
      {
        type: 'RESCHEDULE',
        start: start.toISOString(),
        ...(end && { end: end.toISOString() }),
        reason: dto.reason!,
        members: seats.map((s) => ({ personId: s.personId })),
      },
      { start: start.toISOString(), end: end?.toISOString() ?? null, invited_agenda: null },
    );
    await this.meetingDeadlines(m, meeting, outcome.version, 'move');
    // The papers stay on this meeting's agenda and move to its new date.
    for (const item of await m.find(AgendaItem, { where: { meetingId: meeting.id, status: 'open' } })) {
      if (!item.paperId || !item.consultationKey) continue;
      await this.papers.transitionIn(m, actor, meeting.bodyId, item.paperId, {
        type: 'SCHEDULE',
        date: berlinDate(start),
        agendaItemNumber: item.number,
        meetingId: meeting.id,
      });
    }
  }

  /** The chair and the Schriftführer must be active users of this body (any role: the office names them per meeting). */
  private async designate(m: EntityManager, actor: WorkflowActor, meeting: Meeting, chairUserId: string, recorderUserId: string) {
    const problems = [];
    for (const [field, userId] of [['chairUserId', chairUserId], ['recorderUserId', recorderUserId]] as const) {
      const access = await this.access.current(userId);
      if (!access?.active || !(access.rolesByBody.get(meeting.bodyId)?.length)) problems.push({ field, messages: [`not an active user of this body: ${userId}`] });
    }
    if (problems.length) throw new BadInputError('Invalid signatories', problems);
    await this.transitions.send(m, actor, meeting, { type: 'DESIGNATE_SIGNATORIES', chairUserId, recorderUserId });
  }

  /**
   * A signature of the Niederschrift (§ 37 KrO NRW) by the designated chair or Schriftführer.
   * The second one freezes it: rendered once and stored with its hash, and the
   * Beschlussauszüge cut from it and sent, in the same transaction.
   */
  sign(actor: WorkflowActor, bodyId: string, meetingId: string, as: MinutesSigner): Promise<MeetingView> {
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const outcome = await this.transitions.send(m, actor, meeting, { type: 'SIGN_MINUTES', as });
      if (toMeetingStateKey(outcome.snapshot.value) === 'minutesSigned') {
        const minutes = await this.documents.freezeSigned(m, bodyId, meetingId);
        // Cut from the same facts in the same transaction: an extract exists exactly when its minutes do.
        await this.extracts.freeze(m, meeting, outcome.version, minutes);
      }
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  /** The meeting's events the caller may send now (state and role; the agenda events included). */
  async allowed(actor: WorkflowActor, bodyId: string, meetingId: string): Promise<string[]> {
    const meeting = await this.meetings.meeting(this.dataSource.manager, bodyId, meetingId);
    const snapshot = this.workflow.restore(MEETING_WORKFLOW, meeting.machineVersion, meeting.snapshot as PersistedSnapshot);
    return MEETING_WORKFLOW.allowedEvents(snapshot, actor);
  }

  /** APPROVE_MINUTES is the result of an item of a later meeting in session: recorded there, as `adopted`. */
  private async approveMinutes(actor: WorkflowActor, bodyId: string, meetingId: string, agendaItemId: string, objections?: string) {
    const item = await this.dataSource.getRepository(AgendaItem).findOne({ where: { id: agendaItemId, bodyId } });
    if (!item) throw new NotFoundError('Agenda item', agendaItemId);
    if (item.minutesOfMeetingId !== meetingId) {
      throw new BadInputError('That item does not approve these minutes', [
        { field: 'agendaItemId', messages: ['not an item approving the minutes of this meeting'] },
      ]);
    }
    await this.results.recordResult(actor, bodyId, item.meetingId, item.id, { result: 'adopted', ...(objections && { objections }) });
    return this.meetings.get(bodyId, meetingId);
  }
}
