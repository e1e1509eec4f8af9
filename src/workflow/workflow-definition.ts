import type { AnyStateMachine, StateValue } from 'xstate';
import type { Role } from '../shared/roles';

export interface WorkflowActor {
  id: string;
  username: string;
  roles: Role[];
}

/** An executable action as `transition()` returns it: a named effect with params. */
export interface EffectAction {
  type: string;
  params?: unknown;
}

/**
 * What the workflow service needs to know about one kind of subject (a paper,
 * later a meeting or a task). The subject's table must have the columns
 * `id`, `body_id`, `snapshot` (jsonb `{ value, context }`), `state` (text),
 * `version` (int) and `machine_version` (int).
 */
export interface WorkflowDefinition {
  subjectType: string;
  /** Its name at `GET /workflows/:machine` when one subject type has several machines (task kinds); default subjectType. */
  name?: string;
  table: string;
  /** The version new subjects are created with. */
  currentVersion: number;
  /** Every machine version still running somewhere; old snapshots keep their machine. */
  machines: Record<number, AnyStateMachine>;
  /** The stored state key (e.g. `deliberation.scheduled`) for a state value. */
  stateKey(value: StateValue): string;
  /** Event types this actor may send now (state and role, not payload). */
  allowedEvents(snapshot: PersistedSnapshotLike, actor: { id: string; roles: Role[] }): string[];
  /**
   * The roles that may ever send this event type on this subject, whatever the state
   * (admin aside). An actor with none of them gets 403; otherwise a refusal is 409.
   */
  rolesFor(type: string, snapshot: PersistedSnapshotLike): readonly Role[];
  /** Why an event that the actor may send is still refused (incomplete data, bad payload). */
  problems(snapshot: PersistedSnapshotLike, event: { type: string }): string[];
  /** Effects written as outbox rows. */
  outboxEffects: readonly string[];
  /** Effects run inside the transition's own transaction by a hook the caller passes (a reference number). */
  transactionEffects?: readonly string[];
  /** Columns of the subject's row a projection may set, with their SQL types. */
  settableColumns?: Record<string, string>;
  /**
   * Projections onto the subject's own tables, by name: SQL of one data-modifying
   * statement that reads its rows from the given jsonb parameter and joins
   * `subject_update` (the rows the compare-and-swap updated, column `id`).
   */
  projections?: Record<string, (rowsParam: string) => string>;
}

/** What a restored snapshot offers the definition's callbacks. */
export interface PersistedSnapshotLike {
  value: StateValue;
  context: unknown;
  can(event: { type: string }): boolean;
}

export interface PersistedSnapshot {
  value: StateValue;
  context: unknown;
}
