import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { Subject, TransitionHooks, TransitionOutcome, WorkflowService } from '../../workflow/workflow.service';
import { CLIENT_PAPER_EVENTS, EVENT_FIELDS, PaperEventDto } from './dto/paper-event.dto';
import { Paper } from './paper.entity';
import { currentConsultation } from './paper.guards';
import { PaperOnAgendaError } from './paper.errors';
import type { PaperContext, PaperEvent } from './paper.types';
import { splitState, type PaperView } from './paper.view';
import { PAPER_WORKFLOW } from './paper-workflow.definition';
import { PapersService } from './papers.service';
import { projectPaper } from './paper.projection';
import { loadSubmission, type PaperExtra } from './paper-submission';
import { allocateReference } from './reference-allocator';

/** Events that change a consultation on a meeting's agenda: only the meeting may send them then. */
const AGENDA_EVENTS: ReadonlySet<string> = new Set(['SCHEDULE', 'UNSCHEDULE', 'RECORD_RESULT']);

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
  ) {}

  /** One transition and the paper as it is afterwards (the HTTP answer). */
  async send(actor: WorkflowActor, bodyId: string, paperId: string, dto: PaperEventDto): Promise<PaperEventResult> {
    const outcome = await this.transition(actor, bodyId, paperId, dto);
    const paper = await this.papers.get(bodyId, paperId);
    return { ...splitState(outcome.state), version: outcome.version, paper };
  }

  /** The durable transition alone: checked, written with its audit entry and outbox rows, committed. */
  transition(actor: WorkflowActor, bodyId: string, paperId: string, dto: PaperEventDto): Promise<TransitionOutcome> {
    const event = this.toMachineEvent(actor, dto);
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
      enrich: (subject, e, db) => {
        if (fromClient && AGENDA_EVENTS.has(e.type)) {
          const meetingId = currentConsultation(subject.snapshot.context as PaperContext)?.meetingId;
          if (meetingId) throw new PaperOnAgendaError(e.type, meetingId);
        }
        return this.enrich(subject, e, db);
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

  /** The event types the caller may send now (CONTRACT.md `events/allowed`). */
  async allowed(actor: WorkflowActor, bodyId: string, paperId: string): Promise<string[]> {
    const paper = await this.dataSource.getRepository(Paper).findOne({
      where: { id: paperId, bodyId },
      select: { id: true, snapshot: true, machineVersion: true },
    });
    if (!paper) throw new NotFoundError('Paper', paperId);
    const snapshot = this.workflow.restore(PAPER_WORKFLOW, paper.machineVersion, paper.snapshot);
    const clientEvents: readonly string[] = CLIENT_PAPER_EVENTS;
    return PAPER_WORKFLOW.allowedEvents(snapshot, actor).filter((type) => clientEvents.includes(type));
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
    return {
      ...payload,
      ...(votes ? { votes } : {}),
      actor: { id: actor.id, roles: actor.roles },
      at: this.clock.now().toISOString(),
    } as PaperEvent;
  }

  /** Adds what the machine needs but the client does not send, read under the row lock. */
  private async enrich(subject: Subject, event: PaperEvent, manager: EntityManager): Promise<PaperEvent> {
    switch (event.type) {
      case 'SUBMIT':
        // The draft as remembered at this very version, or read now.
        return { ...event, paper: (subject.extra as PaperExtra | undefined)?.submission ?? (await loadSubmission(manager, subject.id)) };
      case 'RECORD_RESULT': {
        if (event.result !== 'referred' || !event.organizationId) return event;
        const rows: { kind: string }[] = await manager.query(`SELECT kind FROM organization WHERE id = $1 AND body_id = $2`, [
          event.organizationId,
          subject.bodyId,
        ]);
        if (!rows[0]) {
          throw new BadInputError('Unknown organization', [{ field: 'organizationId', messages: ['unknown organization'] }]);
        }
        return { ...event, organizationKind: rows[0].kind as never };
      }
      case 'CLOSE': {
        // Every task must be done or cancelled (tasks module; the row's outcome mirrors its machine).
        const [{ open }]: { open: number }[] = await manager.query(
          `SELECT count(*)::int AS open FROM task WHERE paper_id = $1 AND outcome = 'open'`,
          [subject.id],
        );
        return { ...event, openTasks: open };
      }
      default:
        return event;
    }
  }
}
