import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError } from '../../shared/domain-error';
import { OrganizationsService } from '../bodies/organizations.service';
import { SignersService } from '../bodies/signers.service';
import { allowedEventTypes, type PaperSnapshot } from './paper.machine';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { Subject, TransitionHooks, TransitionOutcome, WorkflowService } from '../../workflow/workflow.service';
import { voteProblems } from '../../shared/vote-rules';
import { CLIENT_PAPER_EVENTS, EVENT_FIELDS, PaperEventDto, type ClientPaperEvent } from './dto/paper-event.dto';
import { ForbiddenRoleError } from '../identity/identity.errors';
import { berlinDate } from '../../shared/berlin-calendar';
import { objectionWindowEndsAt, redecisionBounds } from './objection-window';
import { challengesAsDeputy, currentConsultation, germanDay, objectionRefusal, overturnRecord, redecisionDayProblem } from './paper.guards';
import { NoSignOffError, ObjectionRefusedError, PaperOnAgendaError } from './paper.errors';
import { PaperLinks, type ItemSettlement } from './paper-links';
import type { PaperContext, PaperEvent } from './paper.types';
import { splitState, type PaperView } from './paper.view';
import { PAPER_WORKFLOW } from './paper-workflow.definition';
import { PapersService } from './papers.service';
import { projectPaper } from './paper.projection';
import { loadSubmission, type PaperExtra } from './paper-submission';
import { allocateReference } from './reference-allocator';

/**
 * Events that change a consultation on a meeting's agenda, or decide on an urgent decision
 * whose approval the Kreistag's agenda carries: only the meeting may send them then.
 */
const AGENDA_EVENTS: ReadonlySet<string> = new Set([
  'SCHEDULE',
  'UNSCHEDULE',
  'RECORD_RESULT',
  'APPROVE_URGENT_DECISION',
  'OVERTURN_URGENT_DECISION',
]);

/** Events by which a paper leaves deliberation outside a session: an agenda carrying it is settled with them. */
const LEAVING_DELIBERATION: ReadonlySet<string> = new Set(['WITHDRAW', 'URGENT_DECISION']);

/** A paper event as another module sends it: the service adds actor and time. */
export type InternalPaperEvent = PaperEvent extends infer E ? (E extends PaperEvent ? Omit<E, 'actor' | 'at'> : never) : never;

export interface PaperEventResult {
  state: string;
  stateDetail: string | null;
  version: number;
  paper: PaperView;
}

/** Sends events to Vorlagen through the workflow service: one event, one transaction. */
@Injectable()
export class PaperEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflow: WorkflowService,
    private readonly papers: PapersService,
    private readonly clock: Clock,
    private readonly links: PaperLinks,
    private readonly organizations: OrganizationsService,
    private readonly signers: SignersService,
  ) {}

  /** One transition and the paper as it is afterwards (the HTTP answer). */
  async send(actor: WorkflowActor, bodyId: string, paperId: string, dto: PaperEventDto): Promise<PaperEventResult> {
    const outcome = await this.transition(actor, bodyId, paperId, dto);
    const paper = await this.papers.get(bodyId, paperId);
    return { ...splitState(outcome.state), version: outcome.version, paper };
  }

  /** The durable transition alone: checked, written with its audit entry and outbox rows, committed. */
  async transition(actor: WorkflowActor, bodyId: string, paperId: string, dto: PaperEventDto): Promise<TransitionOutcome> {
    const event = this.toMachineEvent(actor, dto);
    if (LEAVING_DELIBERATION.has(event.type)) return this.leaveDeliberation(actor, bodyId, paperId, event, dto.expectedVersion);
    if (event.type === 'SIGN' || event.type === 'SUBMIT') {
      // A Beantwortung released by this event answers its Anfrage in the same commit.
      const anfrageId = await this.answeredAnfrage(bodyId, paperId);
      if (anfrageId) return this.releaseAnswer(actor, bodyId, paperId, anfrageId, event, dto.expectedVersion);
    }
    if (event.type === 'CLOSE') {
      // Counted under the paper's row lock, which adding a task takes too: a task added
      // meanwhile is either counted or refused because the paper is closed.
      return this.dataSource.transaction((m) =>
        this.workflow.transitionIn(m, PAPER_WORKFLOW, { subjectId: paperId, bodyId, actor, event, expectedVersion: dto.expectedVersion }, this.hooks(true)),
      );
    }
    return this.workflow.transition(
      PAPER_WORKFLOW,
      { subjectId: paperId, bodyId, actor, event, expectedVersion: dto.expectedVersion },
      this.hooks(true),
    );
  }

  /**
   * WITHDRAW or URGENT_DECISION of a paper an agenda carries: the item is taken off that
   * agenda (abgesetzt, with the reason) in the same commit, so it does not block the
   * meeting's CLOSE. The meeting is locked before the paper, in the order every agenda
   * change takes them.
   */
  private leaveDeliberation(actor: WorkflowActor, bodyId: string, paperId: string, event: PaperEvent, expectedVersion?: number) {
    return this.dataSource.transaction(async (m) => {
      const meetingId = await this.links.meetings.lockHolding(m, bodyId, paperId);
      const outcome = await this.workflow.transitionIn(m, PAPER_WORKFLOW, { subjectId: paperId, bodyId, actor, event, expectedVersion }, this.hooks(true));
      if (meetingId) await this.links.meetings.settle(m, actor, bodyId, meetingId, paperId, settlement(event));
      return outcome;
    });
  }

  /**
   * The Anfrage this paper answers, if it is a Beantwortung: from the paper's context as
   * the transition will start from it (no query of its own on the sign-off path).
   */
  private async answeredAnfrage(bodyId: string, paperId: string): Promise<string | undefined> {
    const subject = await this.workflow.peek(PAPER_WORKFLOW, paperId, bodyId);
    return (subject.snapshot.context as PaperContext).answersPaperId;
  }

  /**
   * SIGN or SUBMIT of a Beantwortung: when it releases the answer, the Anfrage is answered
   * (ANSWER: `noted`, the answer linked) in the same transaction, and an agenda item still
   * carrying the Anfrage is settled ("beantwortet"). The Anfrage's meeting is locked first,
   * as every agenda change does; an Anfrage already answered keeps its state and lists the
   * further answer.
   */
  private releaseAnswer(actor: WorkflowActor, bodyId: string, paperId: string, anfrageId: string, event: PaperEvent, expectedVersion?: number) {
    return this.dataSource.transaction(async (m) => {
      const meetingId = await this.links.meetings.lockHolding(m, bodyId, anfrageId);
      const outcome = await this.workflow.transitionIn(m, PAPER_WORKFLOW, { subjectId: paperId, bodyId, actor, event, expectedVersion }, this.hooks(true));
      if (!outcome.state.startsWith('deliberation')) return outcome;
      const anfrage = await this.workflow.lock(m, PAPER_WORKFLOW, anfrageId, bodyId);
      if (!anfrage.state.startsWith('deliberation')) return outcome;
      const [{ reference }]: { reference: string | null }[] = await m.query(`SELECT reference FROM paper WHERE id = $1`, [paperId]);
      // The answer is given on the office's behalf by whoever released it (audited under their id).
      const onBehalf = { ...actor, roles: [...new Set([...actor.roles, 'committee_office' as const])] };
      await this.workflow.transitionIn(
        m,
        PAPER_WORKFLOW,
        { subjectId: anfrageId, bodyId, actor: onBehalf, event: { type: 'ANSWER', answerPaperId: paperId, reference, actor: { id: actor.id, roles: onBehalf.roles }, at: event.at } },
        this.hooks(false),
      );
      if (meetingId) {
        await this.links.meetings.settle(m, onBehalf, bodyId, meetingId, anfrageId, { reason: `beantwortet durch Vorlage ${reference ?? paperId}`, cause: 'answered' });
      }
      return outcome;
    });
  }

  /**
   * A transition inside the caller's transaction, for the meetings module: an agenda
   * item placed, moved, removed or decided moves its paper in the same commit.
   */
  transitionIn(manager: EntityManager, actor: WorkflowActor, bodyId: string, paperId: string, event: InternalPaperEvent) {
    const full = { ...event, actor: { id: actor.id, roles: actor.roles }, at: this.clock.now().toISOString() } as PaperEvent;
    return this.workflow.transitionIn(manager, PAPER_WORKFLOW, { subjectId: paperId, bodyId, actor, event: full }, this.hooks(false));
  }

  /** `fromClient`: the event came over /papers/:id/events, not from a meeting's agenda. */
  private hooks(fromClient: boolean): TransitionHooks<PaperEvent> {
    return {
      enrich: async (subject, e, db) => {
        const context = subject.snapshot.context as PaperContext;
        if (fromClient && (e.type === 'SIGN' || e.type === 'REJECT_SIGNOFF') && context.motion) {
          throw new NoSignOffError(e.type, context.paperType, context.motion.originator.name);
        }
        if (fromClient && AGENDA_EVENTS.has(e.type)) {
          const meetingId = await this.agendaHolding(subject, db);
          if (meetingId) throw new PaperOnAgendaError(e.type, meetingId);
        }
        return this.enrich(subject, e, db, fromClient);
      },
      effects: {
        assignReference: async (manager, subject, _action, at) => {
          const reference = await allocateReference(manager, subject.bodyId, at);
          return { payload: { reference }, set: { reference } };
        },
      },
      project: (subject, next) => projectPaper(subject, next),
    };
  }

  /**
   * The event types the caller may send now (CONTRACT.md `events/allowed`): what the
   * send path would accept with a valid payload. Besides state and role that is the
   * agenda (a paper on a meeting's agenda moves through the meeting) and, for events
   * without a payload, the machine's own answer to the event as the send path builds it
   * (an incomplete draft cannot be submitted, a paper with open tasks not closed).
   */
  async allowed(actor: WorkflowActor, bodyId: string, paperId: string): Promise<string[]> {
    const manager = this.dataSource.manager;
    const subject = await this.workflow.read(manager, PAPER_WORKFLOW, paperId, bodyId);
    const clientEvents: readonly string[] = CLIENT_PAPER_EVENTS;
    const signer = await this.signers.profile(bodyId, actor.id, manager);
    // The send path's static role check too (a co-signer needs a signer role, else 403).
    const holds = (type: string) => actor.roles.includes('admin') || PAPER_WORKFLOW.rolesFor(type, subject.snapshot).some((r) => actor.roles.includes(r));
    // The time counts as on the send path: no OBJECT once the window has closed.
    const now = this.clock.now().toISOString();
    let types: string[] = allowedEventTypes(subject.snapshot as PaperSnapshot, actor, signer, now).filter((type) => clientEvents.includes(type) && holds(type));
    if (types.some((type) => AGENDA_EVENTS.has(type)) && (await this.agendaHolding(subject, manager))) {
      types = types.filter((type) => !AGENDA_EVENTS.has(type));
    }
    const kept: string[] = [];
    for (const type of types) {
      if (EVENT_FIELDS[type as ClientPaperEvent].length === 0) {
        const event = await this.enrich(subject, this.toMachineEvent(actor, { type } as PaperEventDto), manager, true);
        if (!subject.snapshot.can(event)) continue;
      }
      kept.push(type);
    }
    return kept;
  }

  /** The meeting whose agenda carries the paper's current consultation (or its urgent decision's approval) on an open item, if any. */
  private async agendaHolding(subject: Subject, manager: EntityManager): Promise<string | undefined> {
    if (subject.snapshot.value === 'urgentlyDecided') return this.links.meetings.holding(manager, subject.id);
    const meetingId = currentConsultation(subject.snapshot.context as PaperContext)?.meetingId;
    if (!meetingId) return undefined;
    // A meetingId the office set by hand (or an old, dangling one) holds nothing.
    return (await this.links.meetings.carries(manager, meetingId, subject.id)) ? meetingId : undefined;
  }

  private toMachineEvent(actor: WorkflowActor, dto: PaperEventDto): PaperEvent {
    const allowedFields = new Set(['type', 'expectedVersion', ...EVENT_FIELDS[dto.type]]);
    const stray = Object.keys(dto).filter((k) => (dto as unknown as Record<string, unknown>)[k] !== undefined && !allowedFields.has(k));
    if (stray.length) {
      throw new BadInputError(
        `${dto.type} does not take: ${stray.join(', ')}`,
        stray.map((field) => ({ field, messages: [`${field} is not a field of ${dto.type}`] })),
      );
    }
    const { expectedVersion: _v, ...payload } = dto;
    const votes = !payload.votes
      ? undefined
      : payload.votes.unanimous
        ? { unanimous: true as const }
        : { yes: payload.votes.yes ?? 0, no: payload.votes.no ?? 0, abstain: payload.votes.abstain ?? 0 };
    // A result must follow from its votes (shared/vote-rules.ts; a client's result: simple majority).
    const contradictions = dto.type === 'RECORD_RESULT' && dto.result ? voteProblems(dto.result, votes) : [];
    if (contradictions.length) {
      throw new BadInputError('The result does not follow from the votes', contradictions.map((p) => ({ field: p.field, messages: [p.message] })));
    }
    return {
      ...payload,
      ...(votes ? { votes } : {}),
      // The user name travels along for a signer without a profile (machine guards ignore it).
      actor: { id: actor.id, roles: actor.roles, username: actor.username },
      at: this.clock.now().toISOString(),
    } as PaperEvent;
  }

  /** Adds what the machine needs but the client does not send, read under the row lock. */
  private async enrich(subject: Subject, event: PaperEvent, manager: EntityManager, fromClient: boolean): Promise<PaperEvent> {
    switch (event.type) {
      case 'SCHEDULE': {
        if (fromClient && event.meetingId !== undefined) await this.assertMeetingFits(subject, event, manager);
        // § 39 Abs. 1 KrO NRW: the new session after a Widerspruch lies within its bounds (client or agenda alike).
        const outside = redecisionDayProblem(currentConsultation(subject.snapshot.context as PaperContext), event.date);
        if (outside) throw new BadInputError(`date: ${outside}`, [{ field: 'date', messages: [outside] }]);
        return event;
      }
      case 'SUBMIT':
        // The draft as remembered at this very version, or read now.
        return { ...event, paper: (subject.extra as PaperExtra | undefined)?.submission ?? (await loadSubmission(manager, subject.id)) };
      case 'RECORD_RESULT': {
        if (event.result === 'adopted' || event.result === 'adopted_amended') return this.withObjectionWindow(subject, event);
        if (event.result !== 'referred' || !event.organizationId) return event;
        const organization = await this.organizations.find(subject.bodyId, event.organizationId);
        if (!organization) {
          throw new BadInputError('Unknown organization', [{ field: 'organizationId', messages: ['unknown organization'] }]);
        }
        return { ...event, organizationKind: organization.kind };
      }
      case 'OBJECT':
      case 'CONTEST':
        return this.challenge(subject, event, manager);
      case 'SUPERVISORY_DECISION':
        this.assertSupervisoryDay(subject, event);
        return event;
      case 'URGENT_DECISION':
        return event.decidedBy === 'district_administrator_with_member' && event.memberPersonId
          ? { ...event, memberName: await this.kreisausschussMember(subject.bodyId, event.memberPersonId, event.at) }
          : event;
      case 'OVERTURN_URGENT_DECISION':
        // The history says in words what overturning does, as the machine records it.
        return typeof event.thirdPartyRightsArisen === 'boolean'
          ? { ...event, record: overturnRecord(event.thirdPartyRightsArisen) }
          : event;
      case 'SIGN':
        // Name, function, co-sign units and deputy rights as the body records them, never as the client says.
        return {
          ...event,
          signer: (await this.signers.profile(subject.bodyId, event.actor.id, manager)) ?? {
            name: (event.actor as { username?: string }).username ?? event.actor.id,
            function: '', // the step's own function (the machine fills it in)
            coSignUnits: [],
            deputyFor: [],
          },
        };
      case 'CLOSE':
        // Every task must be done or cancelled (counted by the tasks module).
        return { ...event, openTasks: await this.links.tasks.openTasks(manager, subject.id) };
      default:
        return event;
    }
  }

  /**
   * § 39 Abs. 1 KrO NRW: an adoption by an organization with an objection window carries
   * when that window ends (objection-window.ts).
   */
  private async withObjectionWindow(subject: Subject, event: Extract<PaperEvent, { type: 'RECORD_RESULT' }>): Promise<PaperEvent> {
    const consultation = currentConsultation(subject.snapshot.context as PaperContext);
    if (!consultation || consultation.role !== 'decisive') return event;
    const organization = await this.organizations.find(subject.bodyId, consultation.organizationId);
    const days = organization?.objectionWindowDays;
    if (days === null || days === undefined) return event;
    return { ...event, objectionWindowEndsAt: objectionWindowEndsAt(consultation.scheduledDate, event.at, days) };
  }

  /**
   * Widerspruch and Beanstandung (§ 39 KrO NRW) are the Landrat's; the Kreisdirektor raises
   * them only "i.V." where his signer profile names him the Landrat's deputy (else 403). A
   * Widerspruch refused by § 39 Abs. 1 itself (window closed, none, already raised) is a
   * 409 with its own code; the service adds the day and the bounds of the new session.
   */
  private async challenge(subject: Subject, event: Extract<PaperEvent, { type: 'OBJECT' | 'CONTEST' }>, manager: EntityManager): Promise<PaperEvent> {
    const roles = event.actor.roles;
    const signer = await this.signers.profile(subject.bodyId, event.actor.id, manager);
    const landrat = roles.includes('admin') || roles.includes('district_administrator');
    if (!landrat && !challengesAsDeputy(event.actor, signer)) throw new ForbiddenRoleError(['district_administrator']);
    const enriched = { ...event, ...(signer && { signer }) };
    if (enriched.type === 'CONTEST') return enriched;
    const state = String(subject.snapshot.value);
    if (state === 'adopted' || state === 'inImplementation') {
      const refusal = objectionRefusal(subject.snapshot.context as PaperContext, event.at);
      if (refusal) throw new ObjectionRefusedError(refusal);
    }
    return { ...enriched, ...redecisionBounds(event.at) };
  }

  /** The Aufsichtsbehörde cannot have decided in the future, nor before the body kept the decision. */
  private assertSupervisoryDay(subject: Subject, event: Extract<PaperEvent, { type: 'SUPERVISORY_DECISION' }>): void {
    if (typeof event.decidedOn !== 'string') return;
    const today = berlinDate(event.at);
    const context = subject.snapshot.context as PaperContext;
    const kept = context.consultations.find((c) => c.redecision?.kind === 'contest' && c.result === 'adopted')?.decidedAt;
    const refuse = (message: string): never => {
      throw new BadInputError(`decidedOn: ${message}`, [{ field: 'decidedOn', messages: [message] }]);
    };
    if (event.decidedOn > today) refuse(`${germanDay(event.decidedOn)} is in the future`);
    if (kept && event.decidedOn < berlinDate(kept)) {
      refuse(`the body kept its decision on ${germanDay(berlinDate(kept))}; the Aufsichtsbehörde decides after that`);
    }
  }

  /**
   * § 50 Abs. 3 KrO NRW: the Landrat decides with one member of the Kreisausschuss. The
   * person must hold a member's seat in the body's Kreisausschuss on the day of the
   * decision (the bodies module's memberships); their name goes on the record.
   */
  private async kreisausschussMember(bodyId: string, personId: string, at: string): Promise<string> {
    const refuse = (message: string): never => {
      throw new BadInputError(`memberPersonId: ${message}`, [{ field: 'memberPersonId', messages: [message] }]);
    };
    const ka = (await this.organizations.list(bodyId)).find((o) => o.kind === 'district_committee');
    if (!ka) return refuse('the body has no Kreisausschuss');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(at));
    const seat = (await this.organizations.memberships(bodyId, ka.id, day)).find((s) => s.personId === personId && s.role === 'member');
    return seat ? seat.name : refuse(`is not a member of the Kreisausschuss on ${day}`);
  }

  /**
   * A meeting named by the client's SCHEDULE must exist in the caller's body, be of the
   * current consultation's organization, not be cancelled, and take place on `date`:
   * otherwise 400 naming the field, before anything is written.
   */
  private async assertMeetingFits(subject: Subject, event: Extract<PaperEvent, { type: 'SCHEDULE' }>, manager: EntityManager) {
    const consultation = currentConsultation(subject.snapshot.context as PaperContext);
    if (!consultation) return; // nothing to schedule: the machine refuses the event (409)
    const meeting = await this.links.meetings.meeting(manager, subject.bodyId, event.meetingId!);
    const refuse = (field: string, message: string) => {
      throw new BadInputError(`${field}: ${message}`, [{ field, messages: [message] }]);
    };
    if (!meeting) refuse('meetingId', 'unknown meeting');
    else if (meeting.organizationId !== consultation.organizationId) refuse('meetingId', 'the meeting is of another organization than the current consultation');
    else if (meeting.state === 'cancelled') refuse('meetingId', 'the meeting is cancelled');
    else if (meeting.day !== event.date) refuse('date', `the meeting takes place on ${meeting.day}`);
  }
}

/** What the agenda says of an item whose paper left deliberation outside the session, and why. */
function settlement(event: PaperEvent): ItemSettlement {
  if (event.type === 'WITHDRAW') return { reason: `zurückgezogen: ${event.reason}`, cause: 'withdrawn' };
  const day = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(event.at));
  return { reason: `erledigt durch Dringlichkeitsentscheidung (§ 50 Abs. 3 KrO NRW) vom ${day}`, cause: 'urgent_decision' };
}
