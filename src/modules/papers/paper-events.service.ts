import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AnyMachineSnapshot } from 'xstate';
import { Clock } from '../../infrastructure/clock/clock';
import { BadInputError, NotFoundError } from '../../shared/domain-error';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { TransitionContext, WorkflowService } from '../../workflow/workflow.service';
import { CLIENT_PAPER_EVENTS, EVENT_FIELDS, PaperEventDto } from './dto/paper-event.dto';
import { Paper } from './paper.entity';
import type { PaperContext, PaperEvent, PaperSubmission } from './paper.types';
import { splitState, type PaperView } from './paper.view';
import { PAPER_WORKFLOW } from './paper-workflow.definition';
import { PapersService } from './papers.service';
import { allocateReference } from './reference-allocator';

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

  async send(actor: WorkflowActor, bodyId: string, paperId: string, dto: PaperEventDto): Promise<PaperEventResult> {
    const event = this.toMachineEvent(actor, dto);
    let view: PaperView | undefined;
    const outcome = await this.workflow.transition(
      PAPER_WORKFLOW,
      { subjectId: paperId, bodyId, actor, event, expectedVersion: dto.expectedVersion },
      {
        enrich: (ctx, e) => this.enrich(ctx, e),
        effects: {
          assignReference: async ({ manager, subject }) => {
            const reference = await allocateReference(manager, subject.bodyId, new Date(event.at));
            await manager.query(`UPDATE paper SET reference = $1 WHERE id = $2`, [reference, subject.id]);
            return { reference };
          },
        },
        project: async (ctx, next) => {
          await this.project(ctx, next);
          view = await this.papers.load(ctx.manager, bodyId, paperId);
        },
      },
    );
    return { ...splitState(outcome.state), version: outcome.version, paper: view! };
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
  private async enrich({ manager, subject }: TransitionContext, event: PaperEvent): Promise<PaperEvent> {
    switch (event.type) {
      case 'SUBMIT':
        return { ...event, paper: await this.submission(manager, subject.id) };
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
      case 'CLOSE':
        // Implementation tasks arrive with the tasks module; until then no task can be open.
        return { ...event, openTasks: 0 };
      default:
        return event;
    }
  }

  private async submission(manager: EntityManager, paperId: string): Promise<PaperSubmission> {
    const [paper] = await manager.query(
      `SELECT title, decision_proposal, facts, climate_effect, climate_justification FROM paper WHERE id = $1`,
      [paperId],
    );
    const consultations: Record<string, string | null>[] = await manager.query(
      `SELECT c.key, c.organization_id, o.kind, c.role, c.planned_date::text AS planned_date, c.reporter, c.agenda_item_number
       FROM consultation c JOIN organization o ON o.id = c.organization_id WHERE c.paper_id = $1 ORDER BY c.position`,
      [paperId],
    );
    return {
      title: paper.title,
      decisionProposal: paper.decision_proposal,
      facts: paper.facts,
      climateImpact: { effect: paper.climate_effect, justification: paper.climate_justification ?? undefined },
      consultations: consultations.map((c) => ({
        key: c.key!,
        organizationId: c.organization_id!,
        organizationKind: c.kind as never,
        role: c.role as never,
        ...(c.planned_date ? { plannedDate: c.planned_date } : {}),
        ...(c.reporter ? { reporter: c.reporter } : {}),
        ...(c.agenda_item_number ? { agendaItemNumber: c.agenda_item_number } : {}),
      })),
    };
  }

  /**
   * Mirrors the machine's Beratungsfolge onto the consultation rows (results,
   * sessions, inserted postponements and referrals) and makes the latest decision
   * text the paper's current decision proposal.
   */
  private async project({ manager, subject }: TransitionContext, next: AnyMachineSnapshot): Promise<void> {
    const context = next.context as PaperContext;
    const before = (subject.snapshot.context as PaperContext).consultations;
    const changed = context.consultations
      .map((c, position) => ({ c, position }))
      .filter(({ c, position }) => JSON.stringify(before[position]) !== JSON.stringify(c) || before[position]?.key !== c.key);
    for (const { c, position } of changed) {
      await manager.query(
        `INSERT INTO consultation (paper_id, body_id, position, key, organization_id, role, planned_date, agenda_item_number,
           reporter, meeting_id, scheduled_date, result, votes, result_text, decided_at, origin)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (paper_id, key) DO UPDATE SET position = EXCLUDED.position, agenda_item_number = EXCLUDED.agenda_item_number,
           meeting_id = EXCLUDED.meeting_id, scheduled_date = EXCLUDED.scheduled_date, result = EXCLUDED.result,
           votes = EXCLUDED.votes, result_text = EXCLUDED.result_text, decided_at = EXCLUDED.decided_at`,
        [
          subject.id,
          subject.bodyId,
          position,
          c.key,
          c.organizationId,
          c.role,
          c.plannedDate ?? null,
          c.agendaItemNumber ?? null,
          c.reporter ?? null,
          c.meetingId ?? null,
          c.scheduledDate ?? null,
          c.result ?? null,
          c.votes ? JSON.stringify(c.votes) : null,
          c.resultText ?? null,
          c.decidedAt ?? null,
          c.origin,
        ],
      );
    }
    const latest = context.decisionTexts.at(-1);
    const previous = (subject.snapshot.context as PaperContext).decisionTexts.at(-1);
    if (latest && latest.version !== previous?.version) {
      await manager.query(`UPDATE paper SET decision_proposal = $1 WHERE id = $2`, [latest.text, subject.id]);
    }
  }
}
