/**
 * Test data for the task machine specs: the measures of Vorlage 2021/119 (Kreis
 * Recklinghausen, SmartCity/SmartCounty) as tasks, the demo users as actors, one valid
 * event of each type and the route to each state. Plain data, no jest, so every spec
 * can share it. Instants are written in UTC with their Berlin day next to them.
 */
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { Role } from '../../identity/role';
import { ROLES } from '../../identity/role';
import { taskMachines, taskStateKey } from '../task-machines';
import type { TaskActor, TaskEvent, TaskEventType, TaskInput, TaskKind, TaskStatesByKind } from '../task.types';

function actor(id: string, ...roles: Role[]): TaskActor {
  return { id, roles };
}

/** The demo users of CONTRACT.md (ids are uuids, as in the database). */
export const ACTORS = {
  clerk: actor('0b1f6d3e-6c1a-4f43-9a55-2f1d6a8c1001', 'clerk'),
  fbl: actor('0b1f6d3e-6c1a-4f43-9a55-2f1d6a8c1002', 'department_head'),
  auditor: actor('0b1f6d3e-6c1a-4f43-9a55-2f1d6a8c1006', 'auditor'),
  admin: actor('0b1f6d3e-6c1a-4f43-9a55-2f1d6a8c1007', 'admin'),
} as const;

export const ROLE_ACTORS = Object.fromEntries(ROLES.map((role, i) => [role, actor(`user-${i}-${role}`, role)])) as Record<Role, TaskActor>;

/** Roles that may send nothing at all. */
export const NO_TASK_ROLES = ROLES.filter((r) => r !== 'clerk' && r !== 'department_head' && r !== 'admin');

/** The clerk who takes over a task (ASSIGN). */
export const ASSIGNEE_ID = '5c3a9e27-8b41-4d0e-b7f2-61e0c4a9d3b8';
export const DEPARTMENT = 'Stabsstelle Digitalisierung';

/** Minimum offer period of the tender tests (calendar days). */
export const MIN_OFFER_PERIOD_DAYS = 30;

export const INPUTS: { [K in TaskKind]: TaskInput<K> } = {
  workshop: {
    kind: 'workshop',
    title: 'Kommunaler Beratungsworkshop (MWIDE), Auftakt',
    dueDate: null,
    assigneeId: ACTORS.clerk.id,
    department: DEPARTMENT,
    minOfferPeriodDays: MIN_OFFER_PERIOD_DAYS,
  },
  tender: {
    kind: 'tender',
    title: 'Ausschreibung: begleitende Beratung für den Digitalisierungsprozess in der Region',
    dueDate: '2021-10-15',
    assigneeId: ACTORS.clerk.id,
    department: 'Zentrale Vergabestelle',
    minOfferPeriodDays: MIN_OFFER_PERIOD_DAYS,
  },
  funding_application: {
    kind: 'funding_application',
    title: 'ZIRE-Mittel für die Phase der Konzeptionierung',
    dueDate: null,
    assigneeId: null,
    department: DEPARTMENT,
    minOfferPeriodDays: MIN_OFFER_PERIOD_DAYS,
    details: { programme: 'ZIRE' },
  },
  generic: {
    kind: 'generic',
    title: 'Ansprechpersonen (CDO) in Kreis und Städten benennen',
    dueDate: '2021-11-30',
    assigneeId: null,
    department: null,
    minOfferPeriodDays: MIN_OFFER_PERIOD_DAYS,
  },
};

/** The days the tests work with. */
export const DAYS = {
  /** The kick-off of the Beratungsworkshop (Vorlage 2021/119). */
  workshop: '2021-08-30',
  /** Offer deadline of the consulting tender, published on 15.10.2021 with 30 days at least. */
  offerDeadline: '2021-11-15',
  submissionDeadline: '2021-10-31',
  proofOfUse: '2022-12-31',
  /** Any other due date (SET_DUE_DATE). */
  other: '2021-12-17',
} as const;

/** When each event is sent (ISO instants; Berlin is UTC+2 until 31.10.2021, UTC+1 after). */
export const AT = {
  INVITE: '2021-08-16T07:30:00.000Z', // Mon 16.08.2021, 09:30
  HOLD: '2021-08-30T08:00:00.000Z', // Mon 30.08.2021, 10:00
  DOCUMENT: '2021-09-10T10:00:00.000Z',
  PUBLISH: '2021-10-15T08:00:00.000Z', // Fri 15.10.2021
  CLOSE_OFFERS: '2021-11-16T08:00:00.000Z', // Tue 16.11.2021, the day after the deadline
  START_EVALUATION: '2021-11-17T08:00:00.000Z',
  AWARD: '2021-12-10T09:00:00.000Z',
  START_DRAFTING: '2021-10-01T07:00:00.000Z',
  SUBMIT: '2021-10-28T09:00:00.000Z',
  APPROVE: '2021-12-15T09:00:00.000Z',
  REJECT: '2021-12-15T09:00:00.000Z',
  CALL_FUNDS: '2022-01-20T09:00:00.000Z',
  REQUEST_PROOF_OF_USE: '2022-06-01T08:00:00.000Z',
  SETTLE: '2023-01-16T09:00:00.000Z',
  START: '2021-10-04T07:00:00.000Z',
  COMPLETE: '2021-11-26T12:00:00.000Z',
  CANCEL: '2021-10-20T08:00:00.000Z',
  SET_DUE_DATE: '2021-10-20T08:00:00.000Z',
  ASSIGN: '2021-10-20T08:00:00.000Z',
} as const satisfies Record<TaskEventType, string>;

export const APPROVED_AMOUNT = 45_000;

type EventOf<T extends TaskEventType> = Extract<TaskEvent, { type: T }>;
type Payload<T extends TaskEventType> = Omit<EventOf<T>, 'type' | 'actor' | 'at'>;

/** A valid payload of every type, with every field the event takes. */
const PAYLOADS: { [T in TaskEventType]: Payload<T> } = {
  INVITE: { date: DAYS.workshop },
  HOLD: {},
  DOCUMENT: { documentation: 'Protokoll des Auftakts: gemeinsames Verständnis, Interessen der Städte, nächste Schritte.' },
  PUBLISH: { platformReference: 'Vergabe-RE-2021-0815', offerDeadline: DAYS.offerDeadline },
  CLOSE_OFFERS: {},
  START_EVALUATION: {},
  AWARD: { contractor: 'Beratungsgesellschaft Digitale Region mbH', amount: 48_500 },
  START_DRAFTING: { submissionDeadline: DAYS.submissionDeadline },
  SUBMIT: {},
  APPROVE: { amount: APPROVED_AMOUNT, conditions: 'Eigenanteil 10 %; Verwendungsnachweis bis 31.12.2022' },
  REJECT: { reason: 'Fördermittel des Programms ausgeschöpft' },
  CALL_FUNDS: { amount: 20_000 },
  REQUEST_PROOF_OF_USE: { dueDate: DAYS.proofOfUse },
  SETTLE: {},
  START: {},
  COMPLETE: {},
  CANCEL: { reason: 'Vorhaben wird interkommunal über die GKD fortgeführt' },
  SET_DUE_DATE: { dueDate: DAYS.other },
  ASSIGN: { assigneeId: ASSIGNEE_ID, department: DEPARTMENT },
};

/** One valid event of `type`, by `by`, with `patch` over it. */
export function event<T extends TaskEventType>(type: T, by: TaskActor = ACTORS.fbl, patch: Partial<Omit<EventOf<T>, 'type'>> = {}): EventOf<T> {
  return { type, actor: by, at: AT[type], ...PAYLOADS[type], ...patch } as unknown as EventOf<T>;
}

/** The payload field names of the sample event of `type`. */
export function payloadFieldsOf(type: TaskEventType): string[] {
  return Object.keys(PAYLOADS[type]);
}

/** The shortest way to each state, from the specification. */
export const ROUTES: { [K in TaskKind]: Record<TaskStatesByKind[K], readonly TaskEventType[]> } = {
  workshop: {
    planned: [],
    invited: ['INVITE'],
    held: ['INVITE', 'HOLD'],
    documented: ['INVITE', 'HOLD', 'DOCUMENT'],
    cancelled: ['CANCEL'],
  },
  tender: {
    preparing: [],
    published: ['PUBLISH'],
    offersClosed: ['PUBLISH', 'CLOSE_OFFERS'],
    evaluating: ['PUBLISH', 'CLOSE_OFFERS', 'START_EVALUATION'],
    awarded: ['PUBLISH', 'CLOSE_OFFERS', 'START_EVALUATION', 'AWARD'],
    cancelled: ['CANCEL'],
  },
  funding_application: {
    identified: [],
    drafting: ['START_DRAFTING'],
    submitted: ['START_DRAFTING', 'SUBMIT'],
    approved: ['START_DRAFTING', 'SUBMIT', 'APPROVE'],
    rejected: ['START_DRAFTING', 'SUBMIT', 'REJECT'],
    fundsCalled: ['START_DRAFTING', 'SUBMIT', 'APPROVE', 'CALL_FUNDS'],
    proofOfUseDue: ['START_DRAFTING', 'SUBMIT', 'APPROVE', 'CALL_FUNDS', 'REQUEST_PROOF_OF_USE'],
    settled: ['START_DRAFTING', 'SUBMIT', 'APPROVE', 'CALL_FUNDS', 'REQUEST_PROOF_OF_USE', 'SETTLE'],
    cancelled: ['CANCEL'],
  },
  generic: {
    open: [],
    inProgress: ['START'],
    done: ['START', 'COMPLETE'],
    cancelled: ['CANCEL'],
  },
};

export function initial(kind: TaskKind, input: TaskInput = INPUTS[kind]): AnyMachineSnapshot {
  return initialTransition(taskMachines[kind], input)[0];
}

/** Sends events one after the other (by the department head unless the event says otherwise); throws on a refusal. */
export function drive(kind: TaskKind, snapshot: AnyMachineSnapshot, ...events: TaskEvent[]): AnyMachineSnapshot {
  return events.reduce((s, e) => {
    const [next] = transition(taskMachines[kind], s, e);
    if (next === s) throw new Error(`${e.type} refused in ${kind} ${taskStateKey(s.value)}`);
    return next;
  }, snapshot);
}

/** A task of `kind` in `state`, reached along its route with the sample events. */
export function reach(kind: TaskKind, state: string): AnyMachineSnapshot {
  const route = (ROUTES[kind] as Record<string, readonly TaskEventType[]>)[state];
  if (!route) throw new Error(`no route to ${kind} ${state}`);
  return drive(kind, initial(kind), ...route.map((type) => event(type)));
}
