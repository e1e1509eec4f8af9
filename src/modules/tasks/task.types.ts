/**
 * Types of the implementation tasks (Maßnahmen) of an adopted decision: one statechart per
 * kind, one context shape for all of them. The context is persisted as JSON next to the
 * state value, so everything in it stays plain JSON (ISO strings, calendar days as
 * 'YYYY-MM-DD', no Dates).
 *
 * Event types are unique across kinds (`INVITE` is the workshop's, `PUBLISH` the
 * tender's), so one union `TaskEvent` serves the HTTP surface and each machine takes
 * the slice of its kind (`TaskEventOf<K>`).
 */
import type { Role } from '../identity/role';

export const TASK_KINDS = ['workshop', 'tender', 'funding_application', 'generic'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface TaskActor {
  id: string;
  roles: Role[];
}

// ---------------------------------------------------------------------------------------
// States
// ---------------------------------------------------------------------------------------

export const WORKSHOP_STATES = ['planned', 'invited', 'held', 'documented', 'cancelled'] as const;
export const TENDER_STATES = ['preparing', 'published', 'offersClosed', 'evaluating', 'awarded', 'cancelled'] as const;
export const FUNDING_APPLICATION_STATES = [
  'identified',
  'drafting',
  'submitted',
  'approved',
  'rejected',
  'fundsCalled',
  'proofOfUseDue',
  'settled',
  'cancelled',
] as const;
export const GENERIC_TASK_STATES = ['open', 'inProgress', 'done', 'cancelled'] as const;

export interface TaskStatesByKind {
  workshop: (typeof WORKSHOP_STATES)[number];
  tender: (typeof TENDER_STATES)[number];
  funding_application: (typeof FUNDING_APPLICATION_STATES)[number];
  generic: (typeof GENERIC_TASK_STATES)[number];
}
/** A state of any kind of task (the `state` column). */
export type TaskStateKey = TaskStatesByKind[TaskKind];

/** Where a task stands, whatever its kind: a paper can be closed when none is `open`. */
export type TaskOutcome = 'open' | 'done' | 'cancelled';

// ---------------------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------------------

/** Calendar days are 'YYYY-MM-DD' (Europe/Berlin), instants ISO 8601 strings. */
export interface WorkshopDetails {
  /** The workshop's day (the seed's kick-off: 2021-08-30). */
  date?: string;
  invitedAt?: string;
  heldAt?: string;
  documentation?: string;
  documentedAt?: string;
}

export interface TenderDetails {
  /** The reference on the procurement platform (Vergabemarktplatz). */
  platformReference?: string;
  /** Last calendar day bidders may submit an offer (Angebotsfrist). */
  offerDeadline?: string;
  publishedAt?: string;
  offersClosedAt?: string;
  evaluationStartedAt?: string;
  contractor?: string;
  /** Contract value in euros. */
  amount?: number;
  awardedAt?: string;
}

export interface FundingApplicationDetails {
  /** The funding programme, e.g. 'ZIRE'; set at creation. */
  programme?: string;
  submissionDeadline?: string;
  draftingStartedAt?: string;
  submittedAt?: string;
  /** Granted amount in euros (Zuwendungsbescheid) and its conditions (Nebenbestimmungen). */
  approvedAmount?: number;
  conditions?: string;
  approvedAt?: string;
  rejectionReason?: string;
  rejectedAt?: string;
  /** Amount called (Mittelabruf) in euros. */
  calledAmount?: number;
  fundsCalledAt?: string;
  /** Deadline of the proof of use (Verwendungsnachweis). */
  proofOfUseDueDate?: string;
  proofOfUseRequestedAt?: string;
  settledAt?: string;
}

export interface GenericTaskDetails {
  startedAt?: string;
  completedAt?: string;
}

export interface TaskDetailsByKind {
  workshop: WorkshopDetails;
  tender: TenderDetails;
  funding_application: FundingApplicationDetails;
  generic: GenericTaskDetails;
}
export type TaskDetails = TaskDetailsByKind[TaskKind];

export interface TaskContext<K extends TaskKind = TaskKind> {
  kind: K;
  title: string;
  /** Berlin calendar day ('YYYY-MM-DD') the current step must be done by. */
  dueDate: string | null;
  /** The user (uuid) responsible, and the department (Fachbereich) in charge. */
  assigneeId: string | null;
  department: string | null;
  /** Tender only: the minimum offer period in calendar days, copied from configuration at creation. */
  minOfferPeriodDays: number;
  details: TaskDetailsByKind[K];
  cancelReason?: string;
  /** Counts every accepted event, so each one is its own audited version. */
  revision: number;
}

/** What creating a task takes; the machine of `kind` starts from it. */
export interface TaskInput<K extends TaskKind = TaskKind> {
  kind: K;
  title: string;
  dueDate: string | null;
  assigneeId: string | null;
  department: string | null;
  minOfferPeriodDays: number;
  details?: TaskDetailsByKind[K];
}

// ---------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------

interface Base {
  actor: TaskActor;
  /** ISO instant of the event (the service's clock). */
  at: string;
}

/** Taken by every kind: CANCEL from its cancellable states, the other two in every non-final state. */
export type CommonTaskEvent =
  | (Base & { type: 'CANCEL'; reason: string })
  | (Base & { type: 'SET_DUE_DATE'; dueDate: string | null })
  /** `department` left out keeps the current one; null clears it. */
  | (Base & { type: 'ASSIGN'; assigneeId: string | null; department?: string | null });

export type WorkshopEvent =
  /** `date` (the workshop's day) becomes the due date when given. */
  | (Base & { type: 'INVITE'; date?: string | null })
  | (Base & { type: 'HOLD' })
  | (Base & { type: 'DOCUMENT'; documentation: string })
  | CommonTaskEvent;

export type TenderEvent =
  | (Base & { type: 'PUBLISH'; platformReference: string; offerDeadline: string })
  | (Base & { type: 'CLOSE_OFFERS' })
  | (Base & { type: 'START_EVALUATION' })
  | (Base & { type: 'AWARD'; contractor: string; amount: number })
  | CommonTaskEvent;

export type FundingApplicationEvent =
  | (Base & { type: 'START_DRAFTING'; submissionDeadline?: string | null })
  | (Base & { type: 'SUBMIT' })
  | (Base & { type: 'APPROVE'; amount: number; conditions?: string | null })
  | (Base & { type: 'REJECT'; reason: string })
  | (Base & { type: 'CALL_FUNDS'; amount: number })
  | (Base & { type: 'REQUEST_PROOF_OF_USE'; dueDate: string })
  | (Base & { type: 'SETTLE' })
  | CommonTaskEvent;

export type GenericTaskEvent = (Base & { type: 'START' }) | (Base & { type: 'COMPLETE' }) | CommonTaskEvent;

export interface TaskEventsByKind {
  workshop: WorkshopEvent;
  tender: TenderEvent;
  funding_application: FundingApplicationEvent;
  generic: GenericTaskEvent;
}
export type TaskEventOf<K extends TaskKind> = TaskEventsByKind[K];
export type TaskEvent = TaskEventsByKind[TaskKind];
export type TaskEventType = TaskEvent['type'];

/** Every event type, kind by kind, the common ones last. */
export const TASK_EVENT_TYPES = [
  'INVITE',
  'HOLD',
  'DOCUMENT',
  'PUBLISH',
  'CLOSE_OFFERS',
  'START_EVALUATION',
  'AWARD',
  'START_DRAFTING',
  'SUBMIT',
  'APPROVE',
  'REJECT',
  'CALL_FUNDS',
  'REQUEST_PROOF_OF_USE',
  'SETTLE',
  'START',
  'COMPLETE',
  'CANCEL',
  'SET_DUE_DATE',
  'ASSIGN',
] as const satisfies readonly TaskEventType[];

/** The event types each kind's machine knows, in the order of TASK_EVENT_TYPES. */
export const TASK_EVENT_TYPES_BY_KIND = {
  workshop: ['INVITE', 'HOLD', 'DOCUMENT', 'CANCEL', 'SET_DUE_DATE', 'ASSIGN'],
  tender: ['PUBLISH', 'CLOSE_OFFERS', 'START_EVALUATION', 'AWARD', 'CANCEL', 'SET_DUE_DATE', 'ASSIGN'],
  funding_application: [
    'START_DRAFTING',
    'SUBMIT',
    'APPROVE',
    'REJECT',
    'CALL_FUNDS',
    'REQUEST_PROOF_OF_USE',
    'SETTLE',
    'CANCEL',
    'SET_DUE_DATE',
    'ASSIGN',
  ],
  generic: ['START', 'COMPLETE', 'CANCEL', 'SET_DUE_DATE', 'ASSIGN'],
} as const satisfies { [K in TaskKind]: readonly TaskEventOf<K>['type'][] };

// ---------------------------------------------------------------------------------------
// Effects
// ---------------------------------------------------------------------------------------

/**
 * The effects a task transition emits (outbox rows), in this order: a due date that
 * changes cancels the pending `taskDue` deadline, then schedules the new one (if any);
 * a final state cancels it.
 */
export type TaskEffect =
  | { type: 'cancelDeadline'; params: { kind: 'taskDue' } }
  | { type: 'scheduleDeadline'; params: { kind: 'taskDue'; dueDate: string } };

/** Params of the deadline effect markers. */
export interface TaskDeadline {
  kind: 'taskDue';
  dueDate?: string;
}
