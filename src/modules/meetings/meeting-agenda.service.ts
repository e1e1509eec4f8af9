import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { retryingTransaction } from '../../infrastructure/database/retrying-transaction';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { PaperEventsService } from '../papers/paper-events.service';
import { PapersService } from '../papers/papers.service';
import type { ConsultationState } from '../papers/paper.types';
import { AgendaItem } from './agenda-item.entity';
import { Attendance } from './attendance.entity';
import type { AddAgendaItemDto, RecordAttendanceDto, RemoveAgendaItemDto, UpdateAgendaItemDto } from './dto/agenda-item.dto';
import { berlinDate } from './invitation-period';
import type { Meeting } from './meeting.entity';
import { AgendaConflictError } from './meeting.errors';
import type { SettleCause } from './meeting.types';
import type { MeetingView } from './meeting.view';
import { MeetingsService } from './meetings.service';
import { MeetingTransitions } from './meeting-transitions.service';

/** Why a paper's item is settled, in the words of the agenda and the minutes. */
interface Settlement {
  reason: string;
  cause: SettleCause;
}


/**
 * The agenda of a meeting, its attendance and its results. Every change is one
 * transaction: the meeting's own audited transition (which checks state, Nachtrag
 * and quorum rules), the rows, and the transition of the paper the item carries —
 * so a paper is on an agenda exactly when its consultation says so.
 */
@Injectable()
export class MeetingAgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly transitions: MeetingTransitions,
    private readonly papers: PaperEventsService,
    private readonly paperReads: PapersService,
    private readonly clock: Clock,
  ) {}

  addItem(actor: WorkflowActor, bodyId: string, meetingId: string, dto: AddAgendaItemDto): Promise<MeetingView> {
    if (dto.paperId && dto.minutesOfMeetingId) {
      throw new BadInputError('An item carries a paper or an approval of minutes, not both', [
        { field: 'minutesOfMeetingId', messages: ['not together with paperId'] },
      ]);
    }
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const items = await this.meetings.items(m, meetingId);
      let title = dto.title?.trim();
      let isPublic = dto.public ?? true;
      let consultation: ConsultationState | undefined;
      if (dto.paperId) {
        const paper = await this.paperOnItsWay(m, bodyId, dto.paperId, meeting);
        consultation = paper.consultation;
        if (paper.urgentApproval) title ??= `Genehmigung der Dringlichkeitsentscheidung: ${paper.title}`;
        if (!paper.public && dto.public === true) {
          throw new AgendaConflictError('A non-public paper can only be placed in the non-public part', { paperId: dto.paperId });
        }
        isPublic = dto.public ?? paper.public;
        title ??= paper.title;
      }
      if (dto.minutesOfMeetingId) {
        const earlier = await this.meetings.meeting(m, bodyId, dto.minutesOfMeetingId);
        if (earlier.organizationId !== meeting.organizationId || earlier.start >= meeting.start) {
          throw new AgendaConflictError('Minutes are approved by a later meeting of the same organization');
        }
        // Placed while the minutes are drafted or signed; the approval itself needs both signatures.
        if (earlier.state !== 'held' && earlier.state !== 'minutesSigned') {
          throw new AgendaConflictError(`The minutes of a meeting in state ${earlier.state} cannot be approved`);
        }
        if (items.some((i) => i.minutesOfMeetingId === earlier.id && i.status !== 'removed')) {
          throw new AgendaConflictError('Those minutes are already on this agenda');
        }
        title ??= `Genehmigung der Niederschrift der Sitzung vom ${formatGermanDate(earlier.start)}`;
      }
      const number = dto.number ?? nextNumber(items);
      if (items.some((i) => i.number === number)) throw new AgendaConflictError(`TOP ${number} is already on this agenda`, { number });
      const id = randomUUID();
      const rules = await this.meetings.rules(m, bodyId, meeting.organizationId);
      await this.transitions.send(m, actor, meeting, {
        type: 'ADD_ITEM',
        itemId: id,
        number,
        public: isPublic,
        ...(dto.paperId && { paperId: dto.paperId }),
        ...(dto.urgentReason && { urgentReason: dto.urgentReason }),
        rules,
      });
      await m.insert(AgendaItem, {
        id,
        meetingId,
        bodyId,
        position: items.reduce((max, i) => Math.max(max, i.position), 0) + 1,
        number,
        title: title!,
        public: isPublic,
        paperId: dto.paperId ?? null,
        consultationKey: consultation?.key ?? null,
        reporter: consultation?.reporter ?? null,
        minutesOfMeetingId: dto.minutesOfMeetingId ?? null,
        lateAddition: meeting.state !== 'planned',
        urgentReason: dto.urgentReason ?? null,
        majority: dto.majority ?? 'simple',
        secondSummons: dto.paperId ? await this.putBackForLackOfQuorum(m, bodyId, dto.paperId) : false,
      });
      if (dto.paperId && consultation) {
        await this.papers.transitionIn(m, actor, bodyId, dto.paperId, {
          type: 'SCHEDULE',
          date: berlinDate(meeting.start),
          agendaItemNumber: number,
          meetingId,
        });
      }
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  updateItem(actor: WorkflowActor, bodyId: string, meetingId: string, itemId: string, dto: UpdateAgendaItemDto): Promise<MeetingView> {
    if (dto.number === undefined && dto.title === undefined && dto.majority === undefined) {
      throw new BadInputError('Nothing to change: name number, title or majority');
    }
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const item = await this.item(m, meetingId, itemId);
      if (dto.number !== undefined && dto.number !== item.number) {
        const taken = await m.findOne(AgendaItem, { where: { meetingId, number: dto.number } });
        if (taken) throw new AgendaConflictError(`TOP ${dto.number} is already on this agenda`, { number: dto.number });
      }
      if (dto.majority !== undefined && item.status !== 'open') {
        throw new AgendaConflictError(`TOP ${item.number} is already ${item.status}: its majority is history`);
      }
      await this.transitions.send(m, actor, meeting, {
        type: 'UPDATE_ITEM',
        itemId,
        ...(dto.number !== undefined && { number: dto.number }),
        ...(dto.title !== undefined && { title: dto.title }),
      });
      await m.update(AgendaItem, { id: itemId }, {
        ...(dto.number && { number: dto.number }),
        ...(dto.title && { title: dto.title.trim() }),
        ...(dto.majority && { majority: dto.majority }),
      });
      if (item.paperId && item.consultationKey && item.status === 'open' && dto.number !== undefined && dto.number !== item.number) {
        // The paper's consultation carries its TOP: renumbering moves it too.
        await this.papers.transitionIn(m, actor, bodyId, item.paperId, {
          type: 'SCHEDULE',
          date: berlinDate(meeting.start),
          agendaItemNumber: dto.number,
          meetingId,
        });
      }
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  /** Before the invitation an item is deleted; afterwards it is marked removed (abgesetzt) and stays readable. */
  removeItem(actor: WorkflowActor, bodyId: string, meetingId: string, itemId: string, dto: RemoveAgendaItemDto): Promise<MeetingView> {
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const item = await this.item(m, meetingId, itemId);
      if (item.status !== 'open') throw new AgendaConflictError(`TOP ${item.number} is already ${item.status}`);
      await this.transitions.send(m, actor, meeting, { type: 'REMOVE_ITEM', itemId, ...(dto.reason && { reason: dto.reason }) });
      if (meeting.state === 'planned') await m.delete(AgendaItem, { id: itemId });
      else await m.update(AgendaItem, { id: itemId }, { status: 'removed', decisionText: dto.reason ?? null });
      if (item.paperId && item.consultationKey) {
        await this.papers.transitionIn(m, actor, bodyId, item.paperId, { type: 'UNSCHEDULE', ...(dto.reason && { reason: dto.reason }) });
      }
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  /** Records who is present, replacing earlier entries for the same persons. */
  recordAttendance(actor: WorkflowActor, bodyId: string, meetingId: string, dto: RecordAttendanceDto): Promise<MeetingView> {
    return retryingTransaction(this.dataSource, async (m) => {
      const meeting = await this.transitions.lock(m, bodyId, meetingId);
      const seats = await this.meetings.seats(m, meeting.organizationId, meeting.start);
      const seat = new Map(seats.map((s) => [s.personId, s]));
      const problems: { field: string; messages: string[] }[] = [];
      const seen = new Set<string>();
      dto.entries.forEach((e, i) => {
        if (!seat.has(e.personId)) problems.push({ field: `entries.${i}.personId`, messages: ['holds no seat in this organization'] });
        if (seen.has(e.personId)) problems.push({ field: `entries.${i}.personId`, messages: ['listed twice'] });
        seen.add(e.personId);
        if (e.substituteForPersonId !== undefined) {
          const member = seat.get(e.substituteForPersonId);
          if (!member || member.role === 'substitute' || !member.votingRight) {
            problems.push({ field: `entries.${i}.substituteForPersonId`, messages: ['is not a member with a vote'] });
          }
          if (e.substituteForPersonId === e.personId) problems.push({ field: `entries.${i}.substituteForPersonId`, messages: ['cannot substitute oneself'] });
        }
      });
      if (problems.length) throw new BadInputError('Invalid attendance', problems);
      const existing = await m.find(Attendance, { where: { meetingId } });
      const merged = new Map(existing.map((a) => [a.personId, a]));
      const at = this.clock.now();
      for (const e of dto.entries) {
        merged.set(e.personId, Object.assign(new Attendance(), {
          meetingId,
          personId: e.personId,
          present: e.present,
          substituteForPersonId: e.substituteForPersonId ?? null,
          recordedAt: at,
        }));
      }
      const standIns = [...merged.values()].filter((a) => a.present && a.substituteForPersonId);
      const represented = new Set<string>();
      for (const a of standIns) {
        if (represented.has(a.substituteForPersonId!) || merged.get(a.substituteForPersonId!)?.present) {
          throw new BadInputError('Invalid attendance', [
            { field: 'entries', messages: [`${seat.get(a.substituteForPersonId!)?.name} is present or already substituted`] },
          ]);
        }
        represented.add(a.substituteForPersonId!);
      }
      const voting = seats.filter((s) => s.votingRight && s.role !== 'substitute').map((s) => s.personId);
      const present = voting.filter((p) => merged.get(p)?.present || represented.has(p)).length;
      // The quorum counts against the statutory number of members, not the seats filled today.
      const organization = await this.meetings.organization(m, bodyId, meeting.organizationId);
      const rules = await this.meetings.rules(m, bodyId, meeting.organizationId);
      await this.transitions.send(m, actor, meeting, { type: 'RECORD_ATTENDANCE', present, members: organization.statutoryMembers ?? voting.length, rules });
      await m.save(Attendance, dto.entries.map((e) => merged.get(e.personId)!));
      return this.meetings.load(m, bodyId, meetingId);
    });
  }

  /**
   * A paper that left deliberation while an agenda carried it (withdrawn, or decided
   * urgently) cannot be deliberated there any more: its open item is taken off
   * (abgesetzt) with the reason, in the paper's transaction, so the meeting can close.
   * The meeting is locked before the paper, as every agenda change does.
   */
  paperLinks() {
    return {
      holding: async (m: EntityManager, paperId: string): Promise<string | undefined> =>
        (await m.findOne(AgendaItem, { where: { paperId, status: 'open' } }))?.meetingId,
      lockHolding: async (m: EntityManager, bodyId: string, paperId: string): Promise<string | undefined> => {
        const item = await m.findOne(AgendaItem, { where: { paperId, bodyId, status: 'open' } });
        if (!item) return undefined;
        await this.transitions.lock(m, bodyId, item.meetingId);
        return item.meetingId;
      },
      settle: async (m: EntityManager, actor: WorkflowActor, bodyId: string, meetingId: string, paperId: string, settlement: Settlement) => {
        const meeting = await this.meetings.meeting(m, bodyId, meetingId);
        const item = await m.findOne(AgendaItem, { where: { meetingId, paperId, status: 'open' } });
        if (!item) return;
        // The meeting's own event, sent on the paper's behalf by whoever sent the paper's
        // event (a clerk's withdrawal, the Landrat's urgent decision): its history says what
        // happened to the item, why, and who caused it.
        await this.transitions.send(m, actor, meeting, { type: 'SETTLE_ITEM', itemId: item.id, paperId, reason: settlement.reason, cause: settlement.cause });
        if (meeting.state === 'planned') await m.delete(AgendaItem, { id: item.id });
        else await m.update(AgendaItem, { id: item.id }, { status: 'removed', decisionText: settlement.reason });
      },
    };
  }

  /** Whether the paper's last item was put back for lack of quorum: its next item is then a second summons. */
  private async putBackForLackOfQuorum(m: EntityManager, bodyId: string, paperId: string): Promise<boolean> {
    const last = await m.findOne(AgendaItem, {
      where: { bodyId, paperId, status: In(['decided', 'postponed']) },
      order: { decidedAt: 'DESC' },
    });
    return last?.postponedForLackOfQuorum === true;
  }

  private async item(m: EntityManager, meetingId: string, itemId: string): Promise<AgendaItem> {
    const item = await m.findOne(AgendaItem, { where: { id: itemId, meetingId } });
    if (!item) throw new NotFoundError('Agenda item', itemId);
    return item;
  }

  /**
   * The paper, if its current consultation waits for a session of this meeting's
   * organization; or, for the Kreistag, a paper whose urgent decision awaits its approval
   * (then no consultation: `urgentApproval`).
   */
  private async paperOnItsWay(m: EntityManager, bodyId: string, paperId: string, meeting: Meeting) {
    // Locked: a second office placing the same paper waits here, then finds it scheduled.
    const paper = await this.paperReads.lockForAgenda(m, bodyId, paperId);
    if (!paper) throw new NotFoundError('Paper', paperId);
    if (paper.state === 'urgentlyDecided') {
      const organization = await this.meetings.organization(m, bodyId, meeting.organizationId);
      if (organization.kind !== 'district_council') {
        throw new AgendaConflictError('An urgent decision is approved by the Kreistag (§ 50 Abs. 3 KrO NRW)', { paperId, organizationId: meeting.organizationId });
      }
      if (await m.exists(AgendaItem, { where: { paperId, status: 'open' } })) {
        throw new AgendaConflictError('The approval of this urgent decision is already on an agenda', { paperId });
      }
      return { title: paper.title, public: paper.public, consultation: undefined, urgentApproval: true };
    }
    const context = paper.context;
    const consultation = context.consultations[context.current];
    // A contested decision (§ 39 Abs. 2 KrO NRW) is deliberated again like any consultation.
    if ((paper.state !== 'deliberation.awaitingAgenda' && paper.state !== 'contested.awaitingAgenda') || !consultation) {
      throw new AgendaConflictError(`The paper is in state ${paper.state}, not awaiting an agenda`, { paperId, state: paper.state });
    }
    if (consultation.organizationId !== meeting.organizationId) {
      throw new AgendaConflictError('The paper’s current consultation is with another organization', {
        paperId,
        organizationId: consultation.organizationId,
      });
    }
    return { title: paper.title, public: paper.public, consultation, urgentApproval: false };
  }
}

/** The next free top-level number after the highest one on the agenda. */
export function nextNumber(items: Pick<AgendaItem, 'number'>[]): string {
  const highest = items.reduce((max, i) => Math.max(max, Number.parseInt(i.number, 10) || 0), 0);
  return String(highest + 1);
}

function formatGermanDate(d: Date): string {
  return new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}
