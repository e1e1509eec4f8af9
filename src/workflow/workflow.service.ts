import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AnyMachineSnapshot, AnyStateMachine, transition } from 'xstate';
import { AuditService } from '../modules/audit/audit.service';
import { ForbiddenRoleError } from '../modules/identity/identity.errors';
import { NotFoundError } from '../shared/domain-error';
import type { EffectAction, PersistedSnapshot, WorkflowActor, WorkflowDefinition } from './workflow-definition';
import { StaleVersionError, TransitionNotAllowedError, UnknownMachineVersionError } from './workflow.errors';

export interface LockedSubject {
  id: string;
  bodyId: string;
  state: string;
  version: number;
  machineVersion: number;
  machine: AnyStateMachine;
  snapshot: AnyMachineSnapshot;
}

export interface TransitionContext {
  manager: EntityManager;
  subject: LockedSubject;
}

export interface TransitionHooks<E extends { type: string }> {
  /** Adds what the machine needs to the event, read in the same transaction (e.g. the paper's fields). */
  enrich?(ctx: TransitionContext, event: E): Promise<E>;
  /** In-transaction effects (e.g. allocate a reference); their results go into the audit payload. */
  effects?: Record<string, (ctx: TransitionContext, action: EffectAction) => Promise<Record<string, unknown> | void>>;
  /** Mirrors the new snapshot onto the subject's own tables (e.g. consultation rows). */
  project?(ctx: TransitionContext, next: AnyMachineSnapshot): Promise<void>;
}

export interface TransitionOutcome {
  state: string;
  version: number;
  snapshot: AnyMachineSnapshot;
  effects: EffectAction[];
}

type EventWithMeta = { type: string; actor: { id: string; roles: string[] }; at: string };

/**
 * Runs one event against one persisted subject as one database transaction:
 * lock the row, restore the machine from its snapshot, check the event, compute
 * the pure transition, and write — together or not at all — the new snapshot and
 * version, one hash-chained audit entry, in-transaction effects and outbox rows.
 * A refused event throws before anything is written (and the transaction rolls back).
 */
@Injectable()
export class WorkflowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async transition<E extends EventWithMeta>(
    definition: WorkflowDefinition,
    request: { subjectId: string; bodyId: string; actor: WorkflowActor; event: E; expectedVersion?: number },
    hooks: TransitionHooks<E> = {},
  ): Promise<TransitionOutcome> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const subject = await this.lock(manager, definition, request.subjectId, request.bodyId, request.expectedVersion);
      const ctx: TransitionContext = { manager, subject };
      const event = hooks.enrich ? await hooks.enrich(ctx, request.event) : request.event;
      this.assertAllowed(definition, subject, request.actor, event);

      const [next, actions] = transition(subject.machine, subject.snapshot, event as never);
      const version = subject.version + 1;
      const state = definition.stateKey(next.value);
      const auditExtras: Record<string, unknown> = {};
      const effects: EffectAction[] = [];
      for (const action of actions as EffectAction[]) {
        const handler = hooks.effects?.[action.type];
        if (handler) {
          Object.assign(auditExtras, (await handler(ctx, action)) ?? {});
          effects.push({ type: action.type, params: action.params });
        } else if (definition.outboxEffects.includes(action.type)) {
          effects.push({ type: action.type, params: action.params });
        }
      }

      const persisted: PersistedSnapshot = { value: next.value, context: next.context };
      const updated = await manager.query(
        `UPDATE "${definition.table}" SET snapshot = $1, state = $2, version = $3, updated_at = now()
         WHERE id = $4 AND version = $5`,
        [JSON.stringify(persisted), state, version, subject.id, subject.version],
      );
      // Under the row lock this cannot miss; the compare-and-swap is the second line of defence.
      if (rowCount(updated) !== 1) throw new StaleVersionError(subject.version, subject.version + 1);

      await hooks.project?.(ctx, next);
      const { actor: _actor, at, type, ...payload } = event;
      await this.audit.append(manager, {
        bodyId: subject.bodyId,
        subjectType: definition.subjectType,
        subjectId: subject.id,
        seq: version,
        type,
        actorId: request.actor.id,
        actorName: request.actor.username,
        at: new Date(at),
        fromState: subject.state,
        toState: state,
        payload: { ...payload, ...auditExtras },
        machineVersion: subject.machineVersion,
      });
      await this.writeOutbox(manager, definition, subject, version, effects);
      return { state, version, snapshot: next, effects };
    });
  }

  /** Locks the subject's row (`SELECT … FOR UPDATE`) and restores its machine snapshot. */
  async lock(
    manager: EntityManager,
    definition: WorkflowDefinition,
    subjectId: string,
    bodyId: string,
    expectedVersion?: number,
  ): Promise<LockedSubject> {
    const rows: { id: string; body_id: string; state: string; version: number; machine_version: number; snapshot: PersistedSnapshot }[] =
      await manager.query(
        `SELECT id, body_id, state, version, machine_version, snapshot FROM "${definition.table}"
         WHERE id = $1 AND body_id = $2 FOR UPDATE`,
        [subjectId, bodyId],
      );
    const row = rows[0];
    if (!row) throw new NotFoundError(capitalise(definition.subjectType), subjectId);
    if (expectedVersion !== undefined && expectedVersion !== row.version) {
      throw new StaleVersionError(expectedVersion, row.version);
    }
    const machine = definition.machines[row.machine_version];
    if (!machine) throw new UnknownMachineVersionError(definition.subjectType, row.machine_version);
    return {
      id: row.id,
      bodyId: row.body_id,
      state: row.state,
      version: row.version,
      machineVersion: row.machine_version,
      machine,
      snapshot: machine.resolveState(row.snapshot),
    };
  }

  /** The machine snapshot of a subject, read without a lock (for `events/allowed`). */
  restore(definition: WorkflowDefinition, machineVersion: number, persisted: PersistedSnapshot): AnyMachineSnapshot {
    const machine = definition.machines[machineVersion];
    if (!machine) throw new UnknownMachineVersionError(definition.subjectType, machineVersion);
    return machine.resolveState(persisted);
  }

  /**
   * 403 when the actor's roles may never send this event; 409 when it is impossible
   * in this state or not the actor's turn (with what the actor may send now); 409
   * with the problems when the data does not satisfy the rules.
   */
  private assertAllowed(definition: WorkflowDefinition, subject: LockedSubject, actor: WorkflowActor, event: EventWithMeta) {
    const mine = definition.allowedEvents(subject.snapshot, actor);
    if (mine.includes(event.type) && subject.snapshot.can(event as never)) return;
    const roles = definition.rolesFor(event.type, subject.snapshot);
    if (!actor.roles.includes('admin') && !roles.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenRoleError(roles);
    }
    const problems = mine.includes(event.type) ? definition.problems(subject.snapshot, event) : [];
    throw new TransitionNotAllowedError(definition.subjectType, event.type, subject.state, mine, problems);
  }

  private async writeOutbox(
    manager: EntityManager,
    definition: WorkflowDefinition,
    subject: LockedSubject,
    seq: number,
    effects: EffectAction[],
  ): Promise<void> {
    for (const effect of effects.filter((e) => definition.outboxEffects.includes(e.type))) {
      await manager.query(
        `INSERT INTO outbox_message (body_id, subject_type, subject_id, kind, payload, caused_by_seq)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [subject.bodyId, definition.subjectType, subject.id, effect.type, JSON.stringify(effect.params ?? {}), seq],
      );
    }
  }
}

function rowCount(result: unknown): number {
  // TypeORM's postgres driver answers an UPDATE with [rows, affectedCount].
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : -1;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
