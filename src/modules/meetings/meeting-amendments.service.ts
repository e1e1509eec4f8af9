import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { retryingTransaction } from '../../infrastructure/database/retrying-transaction';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import { voteProblems } from '../../shared/vote-rules';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { OrganizationsService } from '../bodies/organizations.service';
import { AgendaItem } from './agenda-item.entity';
import { Amendment } from './amendment.entity';
import { amendmentLabel } from './amendment-label';
import type { ProposeAmendmentDto, RecordAmendmentResultDto, WithdrawAmendmentDto } from './dto/amendment.dto';
import { berlinDate } from './invitation-period';
import { AgendaConflictError } from './meeting.errors';
import type { Meeting } from './meeting.entity';
import type { MeetingView } from './meeting.view';
import { MeetingTransitions } from './meeting-transitions.service';
import { toVotes } from './meeting-results.service';
import { MeetingsService } from './meetings.service';


/**
 * Änderungsanträge on an agenda item: tabled before or in the session by a Fraktion,
 * Gruppe or member, withdrawn until voted, and voted in session before the main motion
 * (GO des Kreistags) with the vote rules of items (shared/vote-rules.ts). Each change is
 * an audited transition of the meeting, in one transaction with the amendment's row.
 */
@Injectable()
export class MeetingAmendmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly transitions: MeetingTransitions,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  propose(actor: WorkflowActor, bodyId: string, meetingId: string, itemId: string, dto: ProposeAmendmentDto): Promise<MeetingView> {
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const item = await this.openItem(m, meetingId, itemId);
      if (!item.paperId || !item.consultationKey) {
        throw new AgendaConflictError(`TOP ${item.number} carries no paper's consultation to amend`, { itemId });
      }
      const originator = await this.originator(m, meeting, dto);
      const number = (await m.count(Amendment, { where: { agendaItemId: itemId } })) + 1;
      const amendment = m.create(Amendment, {
        bodyId,
        meetingId,
        agendaItemId: itemId,
        paperId: item.paperId,
        consultationKey: item.consultationKey,
        number,
        originatorOrganizationId: originator.kind === 'person' ? null : originator.id,
        originatorPersonId: originator.kind === 'person' ? originator.id : null,
        originatorName: originator.name,
        text: dto.text.trim(),
        change: dto.change?.trim() ?? null,
        createdBy: actor.id,
      });
      await m.save(amendment);
      await this.transitions.send(m, actor, meeting, { type: 'PROPOSE_AMENDMENT', itemId, amendmentId: amendment.id });
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  recordResult(actor: WorkflowActor, bodyId: string, meetingId: string, itemId: string, amendmentId: string, dto: RecordAmendmentResultDto): Promise<MeetingView> {
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const item = await this.item(m, meetingId, itemId);
      const amendment = await this.proposed(m, item, amendmentId);
      const presence = await this.meetings.presence(m, meeting);
      const votes = toVotes(dto.votes, presence.present.size);
      // An Änderungsantrag is a motion of its own: the simple majority of the votes cast.
      const contradictions = voteProblems(dto.result, votes);
      if (contradictions.length) {
        throw new BadInputError('The result does not follow from the votes', contradictions.map((p) => ({ field: p.field, messages: [p.message] })));
      }
      const rules = await this.meetings.rules(m, bodyId, meeting.organizationId);
      await this.transitions.send(m, actor, meeting, {
        type: 'RECORD_AMENDMENT_RESULT',
        itemId,
        amendmentId,
        result: dto.result,
        present: presence.present.size,
        members: presence.statutory,
        rules,
        secondSummons: item.secondSummons,
      });
      await m.update(Amendment, { id: amendment.id }, { state: dto.result, votes: votes ?? null, recordedBy: actor.id, recordedAt: this.clock.now() });
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  withdraw(actor: WorkflowActor, bodyId: string, meetingId: string, itemId: string, amendmentId: string, dto: WithdrawAmendmentDto): Promise<MeetingView> {
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const item = await this.item(m, meetingId, itemId);
      const amendment = await this.proposed(m, item, amendmentId);
      await this.transitions.send(m, actor, meeting, { type: 'WITHDRAW_AMENDMENT', itemId, amendmentId, ...(dto.reason && { reason: dto.reason }) });
      await m.update(Amendment, { id: amendment.id }, { state: 'withdrawn', withdrawnReason: dto.reason ?? null, recordedBy: actor.id, recordedAt: this.clock.now() });
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  private async item(m: EntityManager, meetingId: string, itemId: string): Promise<AgendaItem> {
    const item = await m.findOne(AgendaItem, { where: { id: itemId, meetingId } });
    if (!item) throw new NotFoundError('Agenda item', itemId);
    return item;
  }

  private async openItem(m: EntityManager, meetingId: string, itemId: string): Promise<AgendaItem> {
    const item = await this.item(m, meetingId, itemId);
    if (item.status !== 'open') throw new AgendaConflictError(`TOP ${item.number} is already ${item.status}`);
    return item;
  }

  /** The amendment on this item (404 otherwise), still proposed on an open item (409 otherwise). */
  private async proposed(m: EntityManager, item: AgendaItem, amendmentId: string): Promise<Amendment> {
    const amendment = await m.findOne(Amendment, { where: { id: amendmentId, agendaItemId: item.id } });
    if (!amendment) throw new NotFoundError('Amendment', amendmentId);
    if (item.status !== 'open') throw new AgendaConflictError(`TOP ${item.number} is already ${item.status}`);
    if (amendment.state !== 'proposed') throw new AgendaConflictError(`${amendmentLabel(amendment)} is already ${amendment.state}`);
    return amendment;
  }

  /** A Fraktion or Gruppe of the body's council, or a person holding a seat in the meeting's organization on its day. */
  private async originator(m: EntityManager, meeting: Meeting, dto: ProposeAmendmentDto) {
    if (dto.originatorPersonId !== undefined && dto.originatorOrganizationId === undefined) {
      const seat = (await this.meetings.seats(m, meeting.organizationId, meeting.start)).find((s) => s.personId === dto.originatorPersonId);
      if (!seat) {
        throw new BadInputError('originatorPersonId: holds no seat in this organization', [
          { field: 'originatorPersonId', messages: [`holds no seat in this organization on ${berlinDate(meeting.start)}`] },
        ]);
      }
      return { kind: 'person' as const, id: seat.personId, name: seat.name };
    }
    const council = await this.organizations.bodyCouncil(meeting.bodyId, m);
    if (!council) throw new BadInputError('originatorOrganizationId: the body has no council', [{ field: 'originatorOrganizationId', messages: ['the body has no council'] }]);
    return this.organizations.originator(
      meeting.bodyId,
      council.id,
      { organizationId: dto.originatorOrganizationId, personId: dto.originatorPersonId },
      berlinDate(meeting.start),
      { requireStrength: false },
      m,
    );
  }
}
