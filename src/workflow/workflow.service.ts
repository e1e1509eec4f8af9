import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { initialTransition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { GENESIS_HASH, chainHash, type ChainedFields } from './audit/hash-chain';
import { Metrics } from '../infrastructure/metrics/metrics';
import { ForbiddenRoleError } from '../shared/forbidden-role.error';
import { DomainError, NotFoundError } from '../shared/domain-error';
import type { EffectAction, PersistedSnapshot, WorkflowActor, WorkflowDefinition } from './workflow-definition';
import { declaredEffects, effectsOf } from './effects';
import { insertOutbox } from './outbox/insert-outbox';
import { preparedQuery } from './prepared-query';
import { pureTransition } from './pure-transition';
import { SubjectCache } from './subject-cache';
import { measureTransition } from './transition-metrics';
import { PlannedWrite, runStatement, TransitionWriter } from './transition-writer';
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
  /**
   * Data of the subject's own module, valid for exactly this version (set by whoever
   * remembered the subject; a fresh read has none).
   */
  extra?: unknown;
}

/** What a transition changes besides the snapshot: row columns and rows of the definition's projections. */
export interface Projection {
  /** Columns of the subject's row (declared in `definition.settableColumns`). */
  set?: Record<string, unknown>;
  /** Rows per projection declared in `definition.projections`. */
  rows?: Record<string, object[]>;
}

export interface EffectResult {
  payload?: Record<string, unknown>;
  set?: Record<string, unknown>;
}

export interface TransitionHooks<E extends { type: string }> {
  /** Adds what the machine needs to the event (e.g. the paper's fields), read before the write. */
  enrich?(subject: Subject, event: E, db: EntityManager): Promise<E>;
  /**
   * Effects that must commit with the transition (e.g. allocate a reference). When the
   * machine emits one, the transition commits in an explicit transaction that runs
   * these handlers first (so a lock they take is held only until the write commits);
   * what they return goes into the audit payload and the subject's row.
   */
  effects?: Record<string, (manager: EntityManager, subject: Subject, action: EffectAction, at: Date) => Promise<EffectResult>>;
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
  private readonly cache = new SubjectCache<Subject>();
  private readonly writer: TransitionWriter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {
    this.writer = new TransitionWriter(dataSource);
  }

  transition<E extends EventWithMeta>(
    definition: WorkflowDefinition,
    request: { subjectId: string; bodyId: string; actor: WorkflowActor; event: E; expectedVersion?: number },
    hooks: TransitionHooks<E> = {},
  ): Promise<TransitionOutcome> {
    return measureTransition(this.metrics, definition.name ?? definition.subjectType, request.event.type, () => this.run(definition, request, hooks));
  }

  private async run<E extends EventWithMeta>(
    definition: WorkflowDefinition,
    request: { subjectId: string; bodyId: string; actor: WorkflowActor; event: E; expectedVersion?: number },
    hooks: TransitionHooks<E>,
  ): Promise<TransitionOutcome> {
    const key = `${definition.subjectType}:${request.subjectId}`;
    let cached = this.cache.get(key);
    if (cached && cached.bodyId !== request.bodyId) cached = undefined;
    for (let attempt = 1; ; attempt++) {
      const fromCache = cached !== undefined;
      const subject = cached ?? (await this.read(this.dataSource.manager, definition, request.subjectId, request.bodyId));
      cached = undefined;
      try {
        if (request.expectedVersion !== undefined && request.expectedVersion !== subject.version) {
          throw new StaleVersionError(request.expectedVersion, subject.version);
        }
        const written = await this.attempt(definition, subject, request, hooks);
        this.cache.set(key, written.subject);
        return written.outcome;
      } catch (error) {
        this.cache.delete(key);
        // Anything decided on a cached copy is decided again on a fresh read.
        if (fromCache && (error instanceof LostRace || error instanceof DomainError)) continue;
        if (!(error instanceof LostRace)) throw error;
        if (request.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) {
          const current = await this.read(this.dataSource.manager, definition, request.subjectId, request.bodyId);
          throw new StaleVersionError(subject.version, current.version);
        }
      }
    }
  }

  /**
   * The same transition inside the caller's transaction, for changes that move several
   * subjects at once (a meeting scheduling its papers): the subject's row is locked
   * (`SELECT … FOR UPDATE`), so the swap cannot miss, and everything — swap, audit
   * entry, outbox rows, projections — commits or rolls back with the caller's work.
   * Nothing is cached, since the caller may still roll back.
   */
  transitionIn<E extends EventWithMeta>(
    manager: EntityManager,
    definition: WorkflowDefinition,
    request: { subjectId: string; bodyId: string; actor: WorkflowActor; event: E; expectedVersion?: number },
    hooks: TransitionHooks<E> = {},
  ): Promise<TransitionOutcome> {
    return measureTransition(this.metrics, definition.name ?? definition.subjectType, request.event.type, async () => {
      this.cache.delete(`${definition.subjectType}:${request.subjectId}`);
      const subject = await this.lock(manager, definition, request.subjectId, request.bodyId, request.expectedVersion);
      return (await this.attempt(definition, subject, request, hooks, manager)).outcome;
    });
  }

  private async attempt<E extends EventWithMeta>(
    definition: WorkflowDefinition,
    subject: Subject,
    request: { actor: WorkflowActor; event: E },
    hooks: TransitionHooks<E>,
    within?: EntityManager,
  ): Promise<{ outcome: TransitionOutcome; subject: Subject }> {
    const event = hooks.enrich ? await hooks.enrich(subject, request.event, within ?? this.dataSource.manager) : request.event;
    // A refused event leaves the snapshot as it was (XState returns the same object);
    // only then are the allowed events worked out, for the answer.
    const [next, actions] = pureTransition(subject.machine, subject.snapshot, event);
    if (next === subject.snapshot || !mayEverSend(definition, subject, request.actor, event.type)) {
      this.refuse(definition, subject, request.actor, event);
    }
    const effects = effectsOf(actions as EffectAction[], declaredEffects(definition));
    const inTransaction = effects.filter((e) => definition.transactionEffects?.includes(e.type));
    const unhandled = inTransaction.find((e) => !hooks.effects?.[e.type]);
    if (unhandled) throw new Error(`${definition.subjectType}: effect ${unhandled.type} runs in the transaction, but no hook was given for it`);
    const { actor: _actor, at, type, ...payload } = event;
    const projection = hooks.project?.(subject, next) ?? {};
    const plan = (results: EffectResult[]): PlannedWrite => {
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
        payload: Object.assign({}, payload, ...results.map((r) => r.payload ?? {})),
        machineVersion: subject.machineVersion,
      };
      return {
        definition,
        subjectId: subject.id,
        expectedVersion: subject.version,
        snapshot: { value: next.value, context: next.context },
        entry: { ...entry, prevHash: subject.head, hash: chainHash(subject.head, entry) },
        outbox: effects.filter((e) => definition.outboxEffects.includes(e.type)).map((e) => ({ kind: e.type, payload: e.params ?? {} })),
        set: Object.assign({}, projection.set, ...results.map((r) => r.set ?? {})),
        rows: projection.rows ?? {},
      };
    };
    const runEffects = async (manager: EntityManager) => {
      const results: EffectResult[] = [];
      for (const effect of inTransaction) {
        results.push(await hooks.effects![effect.type](manager, subject, effect, new Date(at)));
      }
      return plan(results);
    };
    let write: PlannedWrite | undefined;
    if (within) {
      write = await runEffects(within);
      const { swapped } = await runStatement(within, definition, [write]);
      // The row is locked by this transaction: a miss means the lock was not taken.
      if (!swapped.has(subject.id)) throw new Error(`${definition.subjectType} ${subject.id}: swap missed under its row lock`);
    } else {
      write = inTransaction.length ? await this.writer.writeInTransaction(subject.id, runEffects) : await this.writer.submit(plan([]));
    }
    if (!write) throw new LostRace();
    const { toState: state, seq: version, hash: head } = write.entry;
    return {
      outcome: { state, version, snapshot: next, effects },
      subject: { ...subject, state, version, snapshot: next, head, extra: undefined },
    };
  }

  /**
   * The one way a subject is born, in the caller's transaction: the machine's initial
   * state from `input`, the row at version 1 (the module's own columns from `columns`,
   * the workflow's — id, body, state, snapshot, machine version, version — added here),
   * the CREATE entry at seq 1 heading its audit chain, and the outbox rows of the birth
   * (caused by seq 1). Returns the subject as it now is, for `remember()` after commit.
   */
  async create(
    manager: EntityManager,
    definition: WorkflowDefinition,
    birth: {
      id: string;
      bodyId: string;
      actor: WorkflowActor;
      at: Date;
      input: unknown;
      entity: EntityTarget<ObjectLiteral>;
      columns: (initial: AnyMachineSnapshot) => Record<string, unknown>;
      payload: Record<string, unknown>;
      outbox?: { kind: string; payload: Record<string, unknown> }[];
    },
  ): Promise<Subject> {
    const machine = definition.machines[definition.currentVersion];
    const [initial] = initialTransition(machine, birth.input);
    const state = definition.stateKey(initial.value);
    const snapshot: PersistedSnapshot = { value: initial.value, context: initial.context };
    await manager.insert(birth.entity, {
      ...birth.columns(initial),
      id: birth.id,
      bodyId: birth.bodyId,
      state,
      snapshot,
      machineVersion: definition.currentVersion,
      version: 1,
    });
    const entry: ChainedFields = {
      bodyId: birth.bodyId,
      subjectType: definition.subjectType,
      subjectId: birth.id,
      seq: 1,
      type: 'CREATE',
      actorId: birth.actor.id,
      actorName: birth.actor.username,
      at: birth.at,
      fromState: null,
      toState: state,
      payload: birth.payload,
      machineVersion: definition.currentVersion,
    };
    const hash = chainHash(GENESIS_HASH, entry);
    await manager.query(
      `INSERT INTO audit_event (body_id, subject_type, subject_id, seq, type, actor_id, actor_name, at,
         from_state, to_state, payload, machine_version, prev_hash, hash)
       VALUES ($1, $2, $3, 1, 'CREATE', $4, $5, $6, NULL, $7, $8, $9, $10, $11)`,
      [birth.bodyId, definition.subjectType, birth.id, birth.actor.id, birth.actor.username, birth.at, state, JSON.stringify(birth.payload), definition.currentVersion, GENESIS_HASH, hash],
    );
    for (const row of birth.outbox ?? []) {
      await insertOutbox(manager, { bodyId: birth.bodyId, subjectType: definition.subjectType, subjectId: birth.id, kind: row.kind, payload: row.payload, causedBySeq: 1 });
    }
    return { id: birth.id, bodyId: birth.bodyId, state, version: 1, machineVersion: definition.currentVersion, machine, snapshot: initial, head: hash };
  }

  /**
   * Tells the workflow what a subject is now after a committed change made outside a
   * transition (created, edited), so its next transition can skip the read.
   */
  remember(definition: WorkflowDefinition, subject: Subject): void {
    this.cache.set(`${definition.subjectType}:${subject.id}`, subject);
  }

  /**
   * The subject as the next transition will start from: the copy this process wrote last,
   * or a fresh read, which is kept for that transition (so asking costs no extra query).
   */
  async peek(definition: WorkflowDefinition, subjectId: string, bodyId: string): Promise<Subject> {
    const key = `${definition.subjectType}:${subjectId}`;
    const cached = this.cache.get(key);
    if (cached && cached.bodyId === bodyId) return cached;
    const subject = await this.read(this.dataSource.manager, definition, subjectId, bodyId);
    this.cache.set(key, subject);
    return subject;
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
   * Explains a refused event: 403 when the actor's roles may never send it; 409 when
   * it is impossible in this state or not the actor's turn (with what the actor may
   * send now); 409 with the problems when the data does not satisfy the rules.
   */
  private refuse(definition: WorkflowDefinition, subject: Subject, actor: WorkflowActor, event: EventWithMeta): never {
    if (!mayEverSend(definition, subject, actor, event.type)) {
      throw new ForbiddenRoleError(definition.rolesFor(event.type, subject.snapshot));
    }
    const mine = definition.allowedEvents(subject.snapshot, actor);
    const problems = mine.includes(event.type) ? definition.problems(subject.snapshot, event) : [];
    throw new TransitionNotAllowedError(definition.subjectType, event.type, subject.state, mine, problems);
  }
}

/** The static role check, on top of the machine's own guards (which also decide whose turn it is). */
function mayEverSend(definition: WorkflowDefinition, subject: Subject, actor: WorkflowActor, type: string): boolean {
  if (actor.roles.includes('admin')) return true;
  return definition.rolesFor(type, subject.snapshot).some((role) => actor.roles.includes(role));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
