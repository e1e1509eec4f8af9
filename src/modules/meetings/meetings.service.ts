import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { PersistedSnapshot, WorkflowActor } from '../../workflow/workflow-definition';
import { WorkflowService } from '../../workflow/workflow.service';
import type { MeetingLinks } from '../papers/paper-links';
import { AgendaItem } from './agenda-item.entity';
import { Amendment } from './amendment.entity';
import { Attendance } from './attendance.entity';
import type { CreateMeetingDto } from './dto/create-meeting.dto';
import type { ListMeetingsQuery } from './dto/list-meetings.query';
import { berlinDate, berlinMidnight, latestInvitationDay } from './invitation-period';
import { Meeting } from './meeting.entity';
import type { MeetingContext, RequestedMotion, RulesOfProcedure } from './meeting.types';
import { MEETING_WORKFLOW } from './meeting-workflow.definition';
import { MotionsService } from '../papers/motions.service';
import { PapersService } from '../papers/papers.service';
import { OrganizationsService } from '../bodies/organizations.service';
import { motionDuty } from './meeting.guards';
import { meetingSummary, meetingView, type MeetingView } from './meeting.view';

/** A seat of the organization on the meeting's day. */
/** An organization as the bodies module hands it out. */
type OrganizationRecord = NonNullable<Awaited<ReturnType<OrganizationsService['find']>>>;

export interface Seat {
  personId: string;
  name: string;
  role: string;
  votingRight: boolean;
}

export interface Presence {
  members: Seat[];
  statutory: number;
  /** Seats represented, by the member's person id. */
  present: Set<string>;
  /** Persons in the room voting: person id → the seat they vote for. */
  voters: Map<string, string>;
  seatHolders: Set<string>;
  inRoom: Set<string>;
}

/** Creating and reading meetings, and the facts about an organization the other meeting services share. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
    private readonly motions: MotionsService,
    private readonly organizations: OrganizationsService,
    private readonly papers: PapersService,
  ) {}

  /**
   * The Anträge that ask for this session (§ 33 KrO NRW), each with whether an item of
   * this meeting carries it, and the deadline the organization's GO sets for them.
   */
  async requestedMotions(m: EntityManager, meeting: Meeting): Promise<{ motions: RequestedMotion[]; motionDeadlineDays: number | null }> {
    const requesting = await this.motions.requesting(m, meeting.bodyId, meeting.id);
    if (requesting.length === 0) return { motions: [], motionDeadlineDays: null };
    const organization = await this.organization(m, meeting.bodyId, meeting.organizationId);
    const items = await this.items(m, meeting.id);
    const placed = new Set(items.filter((i) => i.status !== 'removed' && i.paperId).map((i) => i.paperId));
    return {
      motions: requesting.map((r) => ({ ...r, placed: placed.has(r.paperId) })),
      motionDeadlineDays: organization.motionDeadlineDays,
    };
  }

  async create(actor: WorkflowActor, bodyId: string, dto: CreateMeetingDto): Promise<MeetingView> {
    const start = new Date(dto.start);
    const end = dto.end ? new Date(dto.end) : null;
    const problems: { field: string; messages: string[] }[] = [];
    if (start.getTime() <= this.clock.now().getTime()) problems.push({ field: 'start', messages: ['start must be in the future'] });
    if (end && end.getTime() <= start.getTime()) problems.push({ field: 'end', messages: ['end must be after start'] });
    if (problems.length) throw new BadInputError('Invalid meeting', problems);
    return this.dataSource.transaction(async (m) => {
      await this.organization(m, bodyId, dto.organizationId);
      const id = randomUUID();
      const input = { organizationId: dto.organizationId, start: start.toISOString(), end: end?.toISOString() ?? null, location: dto.location ?? null };
      await this.workflow.create(m, MEETING_WORKFLOW, {
        id,
        bodyId,
        actor,
        at: this.clock.now(),
        input,
        entity: Meeting,
        columns: () => ({ organizationId: dto.organizationId, start, end, location: dto.location ?? null, createdBy: actor.id }),
        payload: { ...input },
        // Its invitation and documents deadlines (deadlines module), committed with the meeting.
        outbox: [{ kind: 'scheduleDeadline', payload: { kind: 'meeting' } }],
      });
      return this.load(m, bodyId, id);
    });
  }

  async list(bodyId: string, query: ListMeetingsQuery) {
    const qb = this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.bodyId = :bodyId', { bodyId })
      .orderBy('m.start', 'ASC')
      .limit(500);
    if (query.organizationId) qb.andWhere('m.organizationId = :organizationId', { organizationId: query.organizationId });
    if (query.from) qb.andWhere('m.start >= :from', { from: dayOrInstant(query.from) });
    if (query.to) qb.andWhere('m.start < :to', { to: dayOrInstant(query.to) });
    return (await qb.getMany()).map(meetingSummary);
  }

  /**
   * Meetings of the body from `today` (Berlin) on that are not yet held: planned (with
   * the last day the Ladungsfrist still allows inviting) or invited. The inbox's list.
   */
  async toPrepare(bodyId: string, today: string) {
    const rows = await this.dataSource
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.bodyId = :bodyId', { bodyId })
      .andWhere("m.state IN ('planned', 'invited')")
      .andWhere('m.start >= :from', { from: berlinMidnight(today) })
      .orderBy('m.start', 'ASC')
      .limit(100)
      .getMany();
    const out = [];
    for (const meeting of rows) {
      const organization = await this.organization(this.dataSource.manager, bodyId, meeting.organizationId);
      const rules = await this.rules(this.dataSource.manager, bodyId, meeting.organizationId);
      out.push({
        id: meeting.id,
        organizationId: meeting.organizationId,
        organizationName: organization.name,
        start: meeting.start.toISOString(),
        state: meeting.state,
        lastDayToInvite: meeting.state === 'planned' ? latestInvitationDay(meeting.start.toISOString(), rules, false) : null,
      });
    }
    return out;
  }

  get(bodyId: string, id: string): Promise<MeetingView> {
    return this.load(this.dataSource.manager, bodyId, id);
  }

  /** The meeting with its agenda and attendance, as the API answers. */
  async load(m: EntityManager, bodyId: string, id: string): Promise<MeetingView> {
    const meeting = await this.meeting(m, bodyId, id);
    const items = await this.items(m, id);
    const attendance = await m.find(Attendance, { where: { meetingId: id } });
    const references = await this.paperReferences(m, items.map((i) => i.paperId).filter((p): p is string => p !== null));
    const { motions, motionDeadlineDays } = await this.requestedMotions(m, meeting);
    // Which Anträge ask for this session, and which § 33 KrO NRW puts on its agenda.
    const motionsRequested = motions.map((r) => {
      const duty = motionDuty(r, meeting.start.toISOString(), motionDeadlineDays);
      return { ...r, deadline: duty.deadline, onTime: duty.onTime, mustBePlaced: duty.due };
    });
    const amendments = await m.find(Amendment, { where: { meetingId: id }, order: { number: 'ASC' } });
    return meetingView(meeting, items, attendance, references, motionsRequested, amendments);
  }

  /** What the papers module may ask about meetings (a paper's SCHEDULE names one; an agenda item carries it). */
  paperLinks(): Pick<MeetingLinks, 'meeting' | 'carries'> {
    return {
      meeting: async (m, bodyId, meetingId) => {
        const meeting = await m.findOne(Meeting, { where: { id: meetingId, bodyId } });
        return meeting ? { organizationId: meeting.organizationId, day: berlinDate(meeting.start), state: meeting.state } : undefined;
      },
      carries: (m, meetingId, paperId) => m.exists(AgendaItem, { where: { meetingId, paperId, status: 'open' } }),
    };
  }

  async meeting(m: EntityManager, bodyId: string, id: string): Promise<Meeting> {
    const meeting = await m.findOne(Meeting, { where: { id, bodyId } });
    if (!meeting) throw new NotFoundError('Meeting', id);
    return meeting;
  }

  /** What a mail about the meeting says of it: organization, start, place, and its context. */
  async notice(id: string): Promise<{ organizationName: string; start: string; location: string | null; context: MeetingContext } | null> {
    const meeting = await this.dataSource.manager.findOne(Meeting, { where: { id }, relations: { organization: true } });
    if (!meeting) return null;
    return { organizationName: meeting.organization?.name ?? '', start: meeting.start.toISOString(), location: meeting.location, context: this.context(meeting) };
  }

  /** The agenda as an invitation lists it: number, title, public or not, the paper's reference. */
  async agendaLines(meetingId: string): Promise<{ number: string; title: string; public: boolean; reference: string | null }[]> {
    const m = this.dataSource.manager;
    const items = (await this.items(m, meetingId)).filter((i) => i.status !== 'removed');
    const references = await this.papers.references(m, items.map((i) => i.paperId).filter((p): p is string => p !== null));
    return items.map((i) => ({ number: i.number, title: i.title, public: i.public, reference: i.paperId ? (references.get(i.paperId)?.reference ?? null) : null }));
  }

  /** The agenda in order: the public part, then the non-public part. */
  items(m: EntityManager, meetingId: string): Promise<AgendaItem[]> {
    return m.find(AgendaItem, { where: { meetingId }, order: { public: 'DESC', position: 'ASC' } });
  }

  async organization(m: EntityManager, bodyId: string, id: string): Promise<OrganizationRecord> {
    const organization = await this.organizations.find(bodyId, id, m);
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }

  async rules(m: EntityManager, bodyId: string, organizationId: string): Promise<RulesOfProcedure> {
    const o = await this.organization(m, bodyId, organizationId);
    return {
      invitationPeriodDays: o.invitationPeriodDays,
      invitationPeriodKind: o.invitationPeriodKind,
      urgentInvitationPeriodDays: o.urgentInvitationPeriodDays,
      lateAdditionDays: o.lateAdditionDays,
      quorumNumerator: o.quorumNumerator,
      quorumDenominator: o.quorumDenominator,
    };
  }

  /** Everyone holding a seat (members and substitutes) in the organization on the meeting's Berlin day. */
  async seats(m: EntityManager, organizationId: string, start: Date | string): Promise<Seat[]> {
    return this.organizations.seats(organizationId, berlinDate(start), m);
  }

  /**
   * Members with a vote (a chair with a vote, such as the Landrat in the Kreistag, is one
   * by membership); `statutory`, the number the quorum counts against (the organization's
   * statutory number of members, else the seats with a vote); the seats represented (the
   * member present, or a substitute sitting in for them), by the person voting for each;
   * and everyone holding a seat on the day, with whether they are in the room.
   */
  async presence(m: EntityManager, meeting: Meeting): Promise<Presence> {
    const seats = await this.seats(m, meeting.organizationId, meeting.start);
    const members = seats.filter((s) => s.votingRight && s.role !== 'substitute');
    const voting = new Set(members.map((s) => s.personId));
    const present = new Set<string>();
    const voters = new Map<string, string>();
    const inRoom = new Set<string>();
    for (const r of await m.find(Attendance, { where: { meetingId: meeting.id, present: true } })) {
      inRoom.add(r.personId);
      const seat = r.substituteForPersonId ?? r.personId;
      if (!voting.has(seat)) continue;
      present.add(seat);
      voters.set(r.personId, seat);
    }
    const organization = await this.organization(m, meeting.bodyId, meeting.organizationId);
    return { members, statutory: organization.statutoryMembers ?? members.length, present, voters, seatHolders: new Set(seats.map((s) => s.personId)), inRoom };
  }

  async paperReferences(m: EntityManager, paperIds: string[]): Promise<Map<string, { reference: string | null; title: string; public: boolean }>> {
    return this.papers.references(m, paperIds);
  }

  context(meeting: Meeting): MeetingContext {
    return (meeting.snapshot as PersistedSnapshot).context as MeetingContext;
  }
}

/** `2021-08-01` means the start of that Berlin day; an instant is taken as it is. */
function dayOrInstant(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? berlinMidnight(value) : value);
}
