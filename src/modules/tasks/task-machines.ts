/**
 * The one entry point the tasks service uses: the four task machines by kind, and what
 * the service asks of them (initial snapshot, state key, allowed events, outcome, the
 * payload fields of each event). The machines themselves are pure statecharts, one file
 * per kind; they share the context shape, the roles and the deadline effects.
 */
import { initialTransition, type AnyStateMachine, type StateValue } from 'xstate';
import { fundingApplicationMachine } from './funding-application.machine';
import { genericTaskMachine } from './generic-task.machine';
import { mayActOnTask } from './task.guards';
import {
  FUNDING_APPLICATION_STATES,
  GENERIC_TASK_STATES,
  TASK_EVENT_TYPES,
  TASK_KINDS,
  TENDER_STATES,
  WORKSHOP_STATES,
  type TaskActor,
  type TaskContext,
  type TaskEvent,
  type TaskEventType,
  type TaskInput,
  type TaskKind,
  type TaskOutcome,
  type TaskStateKey,
} from './task.types';
import { tenderMachine } from './tender.machine';
import { workshopMachine } from './workshop.machine';

export { TASK_EVENT_ROLES, taskPayloadProblems } from './task.guards';
export { taskEffectTypes } from './task-effects';

/** Bump when a change would misread snapshots persisted by an earlier version (one number for all kinds). */
export const TASK_MACHINE_VERSION = 1;

export const taskMachines: Record<TaskKind, AnyStateMachine> = {
  workshop: workshopMachine,
  tender: tenderMachine,
  funding_application: fundingApplicationMachine,
  generic: genericTaskMachine,
};

/** The states of each kind, in the order of the machine's life. */
export const TASK_STATES: Record<TaskKind, readonly string[]> = {
  workshop: WORKSHOP_STATES,
  tender: TENDER_STATES,
  funding_application: FUNDING_APPLICATION_STATES,
  generic: GENERIC_TASK_STATES,
};

const ALL_STATES: ReadonlySet<string> = new Set(Object.values(TASK_STATES).flat());

/** Where each kind ends well; everything else final ends as `cancelled`. */
const DONE_STATE: Record<TaskKind, TaskStateKey> = {
  workshop: 'documented',
  tender: 'awarded',
  funding_application: 'settled',
  generic: 'done',
};

function isTaskKind(value: unknown): value is TaskKind {
  return (TASK_KINDS as readonly unknown[]).includes(value);
}

/** The `state` column's value: task states are flat, so the value itself. */
export function taskStateKey(value: StateValue): TaskStateKey {
  if (typeof value !== 'string' || !ALL_STATES.has(value)) throw new Error(`not a task state: ${JSON.stringify(value)}`);
  return value as TaskStateKey;
}

/** The snapshot a new task starts with, ready to be stored (`{ value, context }`). */
export function initialTaskSnapshot(input: TaskInput): { value: TaskStateKey; context: TaskContext } {
  if (!isTaskKind(input?.kind)) throw new Error(`not a task kind: ${JSON.stringify(input?.kind)}`);
  const [snapshot] = initialTransition(taskMachines[input.kind], input);
  return { value: taskStateKey(snapshot.value), context: snapshot.context as TaskContext };
}

/** What `allowedTaskEvents` reads of a snapshot: a live one, or one restored from its JSON. */
export interface TaskSnapshotLike {
  value: StateValue;
  context: TaskContext;
  status?: string;
}

/**
 * Event types this actor could send now, ignoring the payload: the state must handle the
 * type and the actor must hold a role for it. Whether the payload passes (dates, amounts,
 * the offer period) is `taskPayloadProblems`' answer.
 */
export function allowedTaskEvents(snapshot: TaskSnapshotLike, actor: TaskActor): TaskEventType[] {
  if (snapshot.status !== undefined && snapshot.status !== 'active') return [];
  const kind = snapshot.context.kind;
  const key = taskStateKey(snapshot.value);
  const node = taskMachines[kind]?.root.states[key];
  if (!node) throw new Error(`not a ${kind} state: ${key}`);
  const handled = new Set(node.ownEvents);
  return TASK_EVENT_TYPES.filter((type) => handled.has(type) && mayActOnTask(type, actor));
}

/**
 * Whether a task in `state` is still open, done, or ended otherwise (cancelled, or a
 * rejected funding application: nothing more to do, but nothing achieved either).
 */
export function taskOutcome(kind: TaskKind, state: string): TaskOutcome {
  const states: readonly string[] | undefined = TASK_STATES[kind];
  if (!states?.includes(state)) throw new Error(`not a ${kind} state: ${JSON.stringify(state)}`);
  if (state === DONE_STATE[kind]) return 'done';
  return taskMachines[kind].root.states[state].type === 'final' ? 'cancelled' : 'open';
}

type PayloadField<T extends TaskEventType> = Exclude<keyof Extract<TaskEvent, { type: T }>, 'type' | 'actor' | 'at'>;

const EVENT_FIELDS = {
  INVITE: ['date'],
  HOLD: [],
  DOCUMENT: ['documentation'],
  PUBLISH: ['platformReference', 'offerDeadline'],
  CLOSE_OFFERS: [],
  START_EVALUATION: [],
  AWARD: ['contractor', 'amount'],
  START_DRAFTING: ['submissionDeadline'],
  SUBMIT: [],
  APPROVE: ['amount', 'conditions'],
  REJECT: ['reason'],
  CALL_FUNDS: ['amount'],
  REQUEST_PROOF_OF_USE: ['dueDate'],
  SETTLE: [],
  START: [],
  COMPLETE: [],
  CANCEL: ['reason'],
  SET_DUE_DATE: ['dueDate'],
  ASSIGN: ['assigneeId', 'department'],
} as const satisfies { [T in TaskEventType]: readonly PayloadField<T>[] };

// Compile-time check the other way round: a payload field added to an event but not listed above fails here.
type UnlistedField = { [T in TaskEventType]: Exclude<PayloadField<T>, (typeof EVENT_FIELDS)[T][number]> }[TaskEventType];
const everyFieldListed: [UnlistedField] extends [never] ? true : UnlistedField = true;
void everyFieldListed;

/** The payload fields each event type takes (besides `type`; `actor` and `at` come from the service). */
export const TASK_EVENT_FIELDS: Record<TaskEventType, readonly string[]> = EVENT_FIELDS;
