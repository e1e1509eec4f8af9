import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AnyMachineSnapshot, AnyStateMachine, transition } from 'xstate';
import { GENESIS_HASH, chainHash, type ChainedFields } from '../modules/audit/hash-chain';
import { ForbiddenRoleError } from '../modules/identity/identity.errors';
import { NotFoundError } from '../shared/domain-error';
import type { EffectAction, PersistedSnapshot, WorkflowActor, WorkflowDefinition } from './workflow-definition';
import { preparedQuery } from './prepared-query';
import { StaleVersionError, TransitionNotAllowedError, UnknownMachineVersionError } from './workflow.errors';

export interface Subject {
  id: string;
  bodyId: string;
  state: string;
  version: number;
  machineVersion: number;
  machine: AnyStateMachine;
  snapshot: AnyMachineSnapshot;
  /** Hash of the subject's last audit entry: the next entry's prevHash. */
  head: string;
}

/** A statement run as a CTE of the transition's single write; `$1…` are its own params. */
export interface ExtraWrite {
  /** SQL that must read from `subject_update` so it only applies when the compare-and-swap did. */
  sql: string;
  params: unknown[];
}

export interface Projection {
  /** Further columns of the subject's row to set in the compare-and-swap (trusted column names). */
  set?: Record<string, unknown>;
  writes?: ExtraWrite[];
}

export interface TransitionHooks<E extends { type: string }> {
  /** Adds what the machine needs to the event (e.g. the paper's fields), read before the write. */
  enrich?(subject: Subject, event: E, db: EntityManager): Promise<E>;
  /**
   * Effects that must commit with the transition (e.g. allocate a reference). When the
   * machine emits one, the write runs in an explicit transaction after these handlers;
   * their results go into the audit payload.
   */
  effects?: Record<string, (manager: EntityManager, subject: Subject, action: EffectAction) => Promise<Record<string, unknown> | void>>;
  /** Mirrors the new snapshot onto the subject's row (`set`) and its own tables (`writes`), committed with the swap. */
  project?(subject: Subject, next: AnyMachineSnapshot): Projection;
}

export interface TransitionOutcome {
  state: string;
  version: number;
  snapshot: AnyMachineSnapshot;
  effects: EffectAction[];
}

type EventWithMeta = { type: string; actor: { id: string; roles: string[] }; at: string };

/** Another transition committed between our read and our write. */
class LostRace extends Error {}

const MAX_ATTEMPTS = 8;

/**
 * Runs one event against one persisted subject. Reads the subject (snapshot,
 * version, audit head), restores its machine, checks the event, computes the pure
 * transition, and writes everything in ONE statement: a compare-and-swap
 * `UPDATE … WHERE id = $ AND version = $expected` with the audit entry, outbox
 * rows and projections as CTEs joined to it, so they exist exactly when the update
 * did. A lost race (0 rows) writes nothing and is retried from a fresh read — or
 * answered 409 when the client named the version it expected. A refused event
 * throws before anything is written.
 */
@Injectable()
export class WorkflowService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async transition<E extends EventWithMeta>(
    definition: WorkflowDefinition,
    request: { subjectId: string; bodyId: string; actor: WorkflowActor; event: E; expectedVersion?: number },
    hooks: TransitionHooks<E> = {},
  ): Promise<TransitionOutcome> {
    for (let attempt = 1; ; attempt++) {
      const subject = await this.read(this.dataSource.manager, definition, request.subjectId, request.bodyId);
      if (request.expectedVersion !== undefined && request.expectedVersion !== subject.version) {
        throw new StaleVersionError(request.expectedVersion, subject.version);
      }
      try {
        return await this.attempt(definition, subject, request, hooks);
      } catch (error) {
        if (!(error instanceof LostRace)) throw error;
        if (request.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) {
          const current = await this.read(this.dataSource.manager, definition, request.subjectId, request.bodyId);
          throw new StaleVersionError(subject.version, current.version);
        }
      }
    }
  }

  private async attempt<E extends EventWithMeta>(
    definition: WorkflowDefinition,
    subject: Subject,
    request: { actor: WorkflowActor; event: E },
    hooks: TransitionHooks<E>,
  ): Promise<TransitionOutcome> {
    const event = hooks.enrich ? await hooks.enrich(subject, request.event, this.dataSource.manager) : request.event;
    this.assertAllowed(definition, subject, request.actor, event);

    const [next, actions] = transition(subject.machine, subject.snapshot, event as never);
    const effects = (actions as EffectAction[])
      .filter((a) => hooks.effects?.[a.type] || definition.outboxEffects.includes(a.type))
      .map((a) => ({ type: a.type, params: a.params }));
    const inTransaction = effects.filter((e) => hooks.effects?.[e.type]);
    const { actor: _actor, at, type, ...payload } = event;
    const entry: ChainedFields = {
      bodyId: subject.bodyId,
      subjectType: definition.subjectType,
      subjectId: subject.id,
      seq: subject.version + 1,
      type,
      actorId: request.actor.id,
      actorName: request.actor.username,
      at: new Date(at),
      fromState: subject.state,
      toState: definition.stateKey(next.value),
      payload,
      machineVersion: subject.machineVersion,
    };
    const outbox = effects.filter((e) => definition.outboxEffects.includes(e.type));
    const projection = hooks.project?.(subject, next) ?? {};
    const write = (manager: EntityManager) => this.write(manager, definition, subject, next, entry, outbox, projection);

    if (inTransaction.length === 0) {
      await write(this.dataSource.manager);
    } else {
      await this.dataSource.transaction(async (manager) => {
        for (const effect of inTransaction) {
          Object.assign(entry.payload, (await hooks.effects![effect.type](manager, subject, effect)) ?? {});
        }
        await write(manager);
      });
    }
    return { state: entry.toState, version: entry.seq, snapshot: next, effects };
  }

  /** The one statement that commits a transition; throws LostRace when the version moved. */
  private async write(
    manager: EntityManager,
    definition: WorkflowDefinition,
    subject: Subject,
    next: AnyMachineSnapshot,
    entry: ChainedFields,
    outbox: EffectAction[],
    projection: Projection,
  ): Promise<void> {
    const persisted: PersistedSnapshot = { value: next.value, context: next.context };
    const hash = chainHash(subject.head, entry);
    const params: unknown[] = [
      JSON.stringify(persisted), // 1
      entry.toState, // 2
      entry.seq, // 3
      subject.id, // 4
      subject.version, // 5
      subject.bodyId, // 6
      definition.subjectType, // 7
      entry.type, // 8
      entry.actorId, // 9
      entry.actorName, // 10
      entry.at, // 11
      entry.fromState, // 12
      JSON.stringify(entry.payload), // 13
      entry.machineVersion, // 14
      subject.head, // 15
      hash, // 16
      JSON.stringify(outbox.map((e) => ({ kind: e.type, payload: e.params ?? {} }))), // 17
    ];
    const sets = Object.entries(projection.set ?? {}).map(([column, value]) => {
      params.push(value);
      return `, "${column}" = $${params.length}`;
    });
    const ctes = (projection.writes ?? []).map((write, i) => {
      const offset = params.length;
      params.push(...write.params);
      return `extra_${i} AS (${write.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
    });
    const rows = await preparedQuery<{ updated: number }>(
      manager,
      `WITH subject_update AS (
         UPDATE "${definition.table}" SET snapshot = $1::jsonb, state = $2, version = $3, updated_at = now()${sets.join('')}
         WHERE id = $4 AND version = $5 RETURNING id
       ), audit_insert AS (
         INSERT INTO audit_event (body_id, subject_type, subject_id, seq, type, actor_id, actor_name, at, from_state,
           to_state, payload, machine_version, prev_hash, hash)
         SELECT $6::uuid, $7, $4::uuid, $3::int, $8, $9::uuid, $10, $11::timestamptz, $12, $2, $13::jsonb, $14::int, $15, $16
         FROM subject_update
       ), outbox_insert AS (
         INSERT INTO outbox_message (body_id, subject_type, subject_id, kind, payload, caused_by_seq)
         SELECT $6::uuid, $7, $4::uuid, e->>'kind', e->'payload', $3::int
         FROM subject_update, jsonb_array_elements($17::jsonb) AS e
       )${ctes.map((c) => `, ${c}`).join('')}
       SELECT count(*)::int AS updated FROM subject_update`,
      params,
    );
    if (rows[0].updated !== 1) throw new LostRace();
  }

  /** The subject's workflow columns and audit head, restored into its machine (no lock). */
  async read(manager: EntityManager, definition: WorkflowDefinition, subjectId: string, bodyId: string, lock = false): Promise<Subject> {
    const rows: {
      id: string;
      body_id: string;
      state: string;
      version: number;
      machine_version: number;
      snapshot: PersistedSnapshot;
      head: string | null;
    }[] = await preparedQuery(
      manager,
      `SELECT s.id, s.body_id, s.state, s.version, s.machine_version, s.snapshot,
         (SELECT a.hash FROM audit_event a WHERE a.subject_type = $3 AND a.subject_id = s.id AND a.seq = s.version) AS head
       FROM "${definition.table}" s WHERE s.id = $1 AND s.body_id = $2${lock ? ' FOR UPDATE OF s' : ''}`,
      [subjectId, bodyId, definition.subjectType],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError(capitalise(definition.subjectType), subjectId);
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
      head: row.head ?? GENESIS_HASH,
    };
  }

  /**
   * Locks the subject's row (`SELECT … FOR UPDATE`) inside the caller's transaction,
   * for changes that are not machine events (editing a draft).
   */
  async lock(manager: EntityManager, definition: WorkflowDefinition, subjectId: string, bodyId: string, expectedVersion?: number) {
    const subject = await this.read(manager, definition, subjectId, bodyId, true);
    if (expectedVersion !== undefined && expectedVersion !== subject.version) {
      throw new StaleVersionError(expectedVersion, subject.version);
    }
    return subject;
  }

  /** The machine snapshot of a persisted subject (for `events/allowed`). */
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
  private assertAllowed(definition: WorkflowDefinition, subject: Subject, actor: WorkflowActor, event: EventWithMeta) {
    const mine = definition.allowedEvents(subject.snapshot, actor);
    if (mine.includes(event.type) && subject.snapshot.can(event as never)) return;
    const roles = definition.rolesFor(event.type, subject.snapshot);
    if (!actor.roles.includes('admin') && !roles.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenRoleError(roles);
    }
    const problems = mine.includes(event.type) ? definition.problems(subject.snapshot, event) : [];
    throw new TransitionNotAllowedError(definition.subjectType, event.type, subject.state, mine, problems);
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
