/**
 * Types of the Vorlage (paper) workflow. The context is the whole workflow state: the
 * caller persists it as JSON next to the state value and restores it with
 * `paperMachine.resolveState({ value, context })`, so everything here must stay plain
 * JSON (no Dates, no class instances, no undefined-vs-missing distinctions that matter).
 */
import type { OrganizationKind } from '../bodies/organization-kind';
import type { Role } from '../identity/role';
import type { MajorityRule } from '../../shared/vote-rules';

export type { OrganizationKind };

export const PAPER_TYPES = ['Beschlussvorlage', 'Mitteilungsvorlage', 'Antrag', 'Anfrage'] as const;
export type PaperType = (typeof PAPER_TYPES)[number];

export const CONSULTATION_ROLES = ['preliminary', 'decisive', 'info'] as const;
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number];

export const CONSULTATION_RESULTS = [
  'recommended',
  'not_recommended',
  'adopted',
  'adopted_amended',
  'rejected',
  'postponed',
  'referred',
  'noted',
] as const;
export type ConsultationResult = (typeof CONSULTATION_RESULTS)[number];

/** A result as German minutes, mails and extracts write it. */
export const CONSULTATION_RESULT_LABELS: Readonly<Record<ConsultationResult, string>> = {
  recommended: 'empfohlen',
  not_recommended: 'nicht empfohlen',
  adopted: 'beschlossen',
  adopted_amended: 'mit Änderungen beschlossen',
  rejected: 'abgelehnt',
  postponed: 'vertagt',
  referred: 'verwiesen',
  noted: 'zur Kenntnis genommen',
};

/**
 * Why a consultation exists: planned on SUBMIT, created by a postponement/referral, or the
 * body's new decision after the Landrat's Widerspruch (`objection`, § 39 Abs. 1 KrO NRW) or
 * Beanstandung (`contest`, § 39 Abs. 2 KrO NRW).
 */
export type ConsultationOrigin = 'planned' | 'postponed' | 'referred' | 'objection' | 'contest';

/**
 * A consultation in which the body decides a matter again under § 39 KrO NRW. After a
 * Widerspruch (Abs. 1) the new session must be held at the earliest on the third day and
 * at the latest four weeks after the objection: `earliestDay`/`latestDay` (Berlin days).
 * A postponement of it keeps the marker and the bounds.
 */
export interface Redecision {
  kind: 'objection' | 'contest';
  earliestDay?: string;
  latestDay?: string;
}

export type Votes = { yes: number; no: number; abstain: number } | { unanimous: true };

export interface ConsultationState {
  /**
   * Stable id. Planned consultations keep the key given on SUBMIT; consultations the
   * machine inserts get `${parentKey}-postponed-N`, `${parentKey}-referred-N` or
   * `${parentKey}-return-N` (N = 1, or the next free number if that key is taken).
   */
  key: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  role: ConsultationRole;
  /** ISO date. */
  plannedDate?: string;
  reporter?: string;
  agendaItemNumber?: string;
  meetingId?: string;
  /** ISO date of the meeting it is on the agenda of. */
  scheduledDate?: string;
  result?: ConsultationResult;
  votes?: Votes;
  resultText?: string;
  decidedAt?: string;
  origin: ConsultationOrigin;
  /**
   * A consultation planned as decisive that a referral to the competent organization
   * replaced: it stays in the Beratungsfolge as preliminary, naming the consultation
   * that decides instead.
   */
  supersededBy?: string;
  /** Set when the body decides again under § 39 KrO NRW (origin `objection`/`contest`, or a postponement of one). */
  redecision?: Redecision;
}

/**
 * Who signs, as the sign-off event carries it (read from the body's signer profiles by
 * the caller, never from the client): the name and function printed under the signature,
 * the co-sign units the person signs for and the line roles they may sign "i.V." for.
 */
export interface SignerProfile {
  name: string;
  /** e.g. "Kreisdirektor"; without a profile the caller uses the step's role label. */
  function: string;
  coSignUnits: string[];
  deputyFor: Role[];
}

export interface Signature {
  role: Role;
  actorId: string;
  at: string;
  /** Name and function of the signer (absent in signatures made before they were recorded). */
  name?: string;
  function?: string;
  /** Signed "i.V." by a deputy for an absent holder of `role`. */
  deputy?: boolean;
}

/** A parallel co-signature (Mitzeichnung) of a unit beside the line, e.g. Kämmerei. */
export interface CoSignature {
  unit: string;
  actorId: string;
  at: string;
  name: string;
  function: string;
}

export interface SignOffRejection {
  role: Role;
  actorId: string;
  at: string;
  reason: string;
}

export type DecisionTextSource = 'proposal' | 'amendment' | 'urgent_decision';

export interface DecisionTextVersion {
  /** 1-based, increasing; every version is kept. */
  version: number;
  text: string;
  at: string;
  source: DecisionTextSource;
  /** source `amendment`: where the text was amended (an Änderungsantrag adopted in a session). */
  amendedBy?: AmendedBy;
}

/** The session that adopted an Änderungsantrag and so made a new decision text. */
export interface AmendedBy {
  organizationId: string;
  /** Short name as printed, e.g. "KA". */
  organizationName: string;
  meetingId: string;
  /** The meeting's Berlin day, YYYY-MM-DD. */
  date: string;
  agendaItemNumber: string;
  amendmentIds: string[];
}

/**
 * An Antrag or Anfrage as received (no administrative sign-off): who originates it, when
 * it came in, the session it asks for, and whether § 33 KrO NRW obliges the Landrat to
 * put it on that session's agenda when it came in time (a Fraktion, or a fifth of the
 * statutory members).
 */
export interface MotionRecord {
  originator: { kind: 'fraction' | 'group' | 'person'; id: string; name: string };
  /** ISO instant the office received it. */
  receivedAt: string;
  requestedMeetingId?: string;
  supporterPersonIds: string[];
  /** `fraction`, `fifth` (of the statutory members), or null: no right to be placed. */
  placementRight: 'fraction' | 'fifth' | null;
  registeredBy: string;
}

/** A Beantwortung given to an Anfrage: the released Mitteilungsvorlage that answers it. */
export interface AnswerRecord {
  paperId: string;
  reference: string | null;
  at: string;
}

/**
 * The two procedures of § 50 Abs. 3 KrO NRW: the Kreisausschuss decides in place of the
 * Kreistag (a KA decision, in session or by circulation), or, where the Kreisausschuss
 * cannot be convened in time, the Landrat decides with one member of the Kreisausschuss.
 */
export type UrgentDecisionMaker = 'district_committee' | 'district_administrator_with_member';
export const URGENT_DECISION_MAKERS = ['district_committee', 'district_administrator_with_member'] as const satisfies readonly UrgentDecisionMaker[];

/** How the Kreisausschuss took its urgent decision: in a session or by circulation (Umlaufverfahren). */
export const URGENT_DECISION_FORMS = ['session', 'circulation'] as const;
export type UrgentDecisionForm = (typeof URGENT_DECISION_FORMS)[number];

export interface UrgentDecision {
  decidedBy: UrgentDecisionMaker;
  /** district_committee only: in session or by circulation. */
  form?: UrgentDecisionForm;
  /** The member of the Kreisausschuss who decides with the Landrat, checked against its memberships. */
  memberPersonId?: string;
  /** That member's name as the memberships had it on the day (filled in by the service). */
  memberName?: string;
  text: string;
  justification: string;
  at: string;
  actorId: string;
  /** Set by the first task started under the urgent decision (tasks may start before the approval). */
  implementationStartedAt?: string;
  approval?: UrgentApproval;
}

export type UrgentApproval =
  | { outcome: 'approved'; at: string }
  | {
      outcome: 'overturned';
      at: string;
      thirdPartyRightsArisen: boolean;
      /** Overturning works for the future only: what was done stays done. */
      effect: 'future';
      /** The record's German wording, as the history shows it. */
      record: string;
    };

export interface Withdrawal {
  reason: string;
  at: string;
  actorId: string;
}

/**
 * The Landrat's Widerspruch (§ 39 Abs. 1 KrO NRW) or Beanstandung (§ 39 Abs. 2 KrO NRW)
 * of a decision: who, when, why, which decision, and what the paper was doing then.
 */
export interface DecisionChallenge {
  reason: string;
  at: string;
  actorId: string;
  /** Name and function as the body's signer profile has them (absent without a profile). */
  name?: string;
  function?: string;
  /** Raised "i.V." by the Landrat's deputy (his signer profile names him deputy for the Landrat). */
  deputy?: boolean;
  /** The consultation whose decision is challenged. */
  consultationKey: string;
  /** Where the paper stood: a decision already being carried out resumes there once it stands. */
  fromState: 'adopted' | 'inImplementation';
}

export interface Objection extends DecisionChallenge {
  /** Berlin day of the objection, and the days the new session must lie between. */
  day: string;
  earliestSessionDay: string;
  latestSessionDay: string;
}

/** The Aufsichtsbehörde's decision on a contested decision the body kept (§ 39 Abs. 2 KrO NRW). */
export interface SupervisoryDecision {
  /** True: the decision is lawful and stands; false: it is annulled (aufgehoben). */
  upheld: boolean;
  authority: string;
  authorityReference?: string;
  /** The day the authority decided (Berlin calendar day). */
  decidedOn: string;
  text?: string;
  at: string;
  actorId: string;
}

export interface PaperContext {
  /** A Beantwortung: the Anfrage it answers (set at creation; its release answers it). */
  answersPaperId?: string;
  paperType: PaperType;
  /** Roles that must sign, in order. Data, not code: a body may configure its own chain. */
  signOffSteps: Role[];
  signatures: Signature[];
  /**
   * Units that co-sign in parallel, in any order, before the last step of the line may
   * release the paper. Optional: snapshots made before parallel co-signing lack both.
   */
  coSignUnits?: string[];
  coSignatures?: CoSignature[];
  signOffRejections: SignOffRejection[];
  consultations: ConsultationState[];
  /** Index into `consultations` during deliberation; -1 before release. */
  current: number;
  decisionTexts: DecisionTextVersion[];
  urgentDecision?: UrgentDecision;
  withdrawal?: Withdrawal;
  /** Tasks a clerk prepared before the decision (e.g. a workshop already fixed); optional in older snapshots. */
  tasksBeforeDecision?: TaskBeforeDecision[];
  /** An Antrag or Anfrage registered as received: no sign-off chain (REGISTER). */
  motion?: MotionRecord;
  /** An Anfrage's answers (ANSWER), in order. */
  answers?: AnswerRecord[];
  /**
   * End of the Widerspruch window (§ 39 Abs. 1 KrO NRW): the end of the N-th calendar day
   * (Europe/Berlin) after the session that adopted the paper, N being the deciding
   * organization's `objectionWindowDays`. Absent: no window (a committee, an urgent decision).
   */
  objectionWindowEndsAt?: string;
  objection?: Objection;
  contest?: DecisionChallenge;
  supervisoryDecision?: SupervisoryDecision;
}

export interface TaskBeforeDecision {
  taskId: string;
  reason: string;
  at: string;
  actorId: string;
}

export interface PaperInput {
  paperType: PaperType;
  signOffSteps?: Role[];
  coSignUnits?: string[];
  /** A Beantwortung: the Anfrage it answers (its release answers it). */
  answersPaperId?: string;
}

export interface PaperActor {
  id: string;
  roles: Role[];
}

export type ClimateEffect = 'none' | 'positive' | 'negative';

export interface PlannedConsultation {
  key: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  role: ConsultationRole;
  plannedDate?: string;
  reporter?: string;
  agendaItemNumber?: string;
}

/** The part of the paper SUBMIT checks; the rest of the paper lives in the entity. */
export interface PaperSubmission {
  title: string;
  decisionProposal: string;
  facts: string;
  climateImpact: { effect: ClimateEffect; justification?: string };
  consultations: PlannedConsultation[];
}

/** Every event names who sends it and when; the machine never reads a clock. */
interface EventMeta {
  actor: PaperActor;
  /** ISO timestamp. */
  at: string;
}

export type SubmitEvent = EventMeta & { type: 'SUBMIT'; paper: PaperSubmission };
/** An Antrag or Anfrage registered by the committee office as received: straight to deliberation. */
export type RegisterEvent = EventMeta & { type: 'REGISTER'; paper: PaperSubmission; motion: MotionRecord };
/** The Anfrage's Beantwortung was released (sent by the papers module with the answer's release). */
export type AnswerEvent = EventMeta & { type: 'ANSWER'; answerPaperId: string; reference: string | null };
/**
 * A line signature, or with `unit` a parallel co-signature for that unit. `signer` is
 * added by the caller from the body's signer profiles; without it the signer is known
 * by role only (name: none, no deputy rights, no units).
 */
export type SignEvent = EventMeta & { type: 'SIGN'; unit?: string; signer?: SignerProfile };
export type RejectSignOffEvent = EventMeta & { type: 'REJECT_SIGNOFF'; reason: string };
export type ScheduleEvent = EventMeta & {
  type: 'SCHEDULE';
  date: string;
  agendaItemNumber: string;
  meetingId?: string;
};
/** Takes the current consultation off its agenda (item removed, meeting cancelled): it awaits an agenda again. */
export type UnscheduleEvent = EventMeta & { type: 'UNSCHEDULE'; reason?: string };
export type RecordResultEvent = EventMeta & {
  type: 'RECORD_RESULT';
  result: ConsultationResult;
  votes?: Votes;
  text?: string;
  /** Only for `referred`: the organization the paper is referred to. */
  organizationId?: string;
  organizationKind?: OrganizationKind;
  /** The majority the decision needs and the statutory members it counts (set by the meeting; default simple). */
  majority?: MajorityRule;
  statutoryMembers?: number;
  /** Änderungsanträge adopted on the item (set by the meeting): `text` is the text decided on, carried to the next consultation. */
  amendedBy?: AmendedBy;
  /**
   * Set by the service when the result may adopt the paper and the deciding organization
   * has an objection window: when that window ends (§ 39 Abs. 1 KrO NRW).
   */
  objectionWindowEndsAt?: string;
};
export type UrgentDecisionEvent = EventMeta & {
  type: 'URGENT_DECISION';
  decidedBy: UrgentDecisionMaker;
  form?: UrgentDecisionForm;
  memberPersonId?: string;
  memberName?: string;
  text: string;
  justification: string;
};
export type ApproveUrgentDecisionEvent = EventMeta & { type: 'APPROVE_URGENT_DECISION' };
export type OverturnUrgentDecisionEvent = EventMeta & {
  type: 'OVERTURN_URGENT_DECISION';
  thirdPartyRightsArisen: boolean;
  /** The record's wording, added by the service so that the history shows it. */
  record?: string;
};
export type WithdrawEvent = EventMeta & { type: 'WITHDRAW'; reason: string };
export type StartImplementationEvent = EventMeta & { type: 'START_IMPLEMENTATION' };
export type CloseEvent = EventMeta & { type: 'CLOSE'; openTasks: number };
/** What the service adds to OBJECT and CONTEST from the body's signer profiles. */
interface ChallengeSigner {
  signer?: SignerProfile;
}
/**
 * Widerspruch of the Landrat (§ 39 Abs. 1 KrO NRW). The service adds the Berlin day of
 * the objection and the bounds of the new session (at the earliest on the third day, at
 * the latest four weeks after it).
 */
export type ObjectEvent = EventMeta &
  ChallengeSigner & { type: 'OBJECT'; reason: string; day?: string; earliestSessionDay?: string; latestSessionDay?: string };
/** Beanstandung of the Landrat (§ 39 Abs. 2 KrO NRW). */
export type ContestEvent = EventMeta & ChallengeSigner & { type: 'CONTEST'; reason: string };
/** The Aufsichtsbehörde's decision, recorded by the committee office (§ 39 Abs. 2 KrO NRW). */
export type SupervisoryDecisionEvent = EventMeta & {
  type: 'SUPERVISORY_DECISION';
  upheld: boolean;
  authority: string;
  authorityReference?: string;
  decidedOn: string;
  text?: string;
};
/** Sent by the tasks module: a task started before the decision it serves, and why. */
export type PrepareTaskEvent = EventMeta & { type: 'PREPARE_TASK'; taskId: string; reason: string };

export type PaperEvent =
  | SubmitEvent
  | RegisterEvent
  | AnswerEvent
  | SignEvent
  | RejectSignOffEvent
  | ScheduleEvent
  | UnscheduleEvent
  | RecordResultEvent
  | UrgentDecisionEvent
  | ApproveUrgentDecisionEvent
  | OverturnUrgentDecisionEvent
  | WithdrawEvent
  | StartImplementationEvent
  | CloseEvent
  | PrepareTaskEvent
  | ObjectEvent
  | ContestEvent
  | SupervisoryDecisionEvent;

export type PaperEventType = PaperEvent['type'];

export const PAPER_EVENT_TYPES = [
  'SUBMIT',
  'REGISTER',
  'ANSWER',
  'SIGN',
  'REJECT_SIGNOFF',
  'SCHEDULE',
  'UNSCHEDULE',
  'RECORD_RESULT',
  'URGENT_DECISION',
  'APPROVE_URGENT_DECISION',
  'OVERTURN_URGENT_DECISION',
  'WITHDRAW',
  'START_IMPLEMENTATION',
  'CLOSE',
  'PREPARE_TASK',
  'OBJECT',
  'CONTEST',
  'SUPERVISORY_DECISION',
] as const satisfies readonly PaperEventType[];

/** Flattened state values, as stored in a `state` column and filtered by `GET /papers?state=`. */
export const PAPER_STATES = [
  'draft',
  'signOff',
  'deliberation.awaitingAgenda',
  'deliberation.scheduled',
  'urgentlyDecided',
  'adopted',
  'inImplementation',
  'contested.awaitingAgenda',
  'contested.scheduled',
  'awaitingSupervision',
  'closed',
  'rejected',
  'overturned',
  'annulled',
  'withdrawn',
  'noted',
] as const;
export type PaperStateKey = (typeof PAPER_STATES)[number];

/** Params of the `notify` effect; the notifications module renders one German text per kind. */
export type PaperNotification =
  | { kind: 'signOffRequested'; role: Role }
  | { kind: 'signOffRejected'; role: Role; reason: string }
  | { kind: 'released' }
  | { kind: 'resultRecorded'; result: ConsultationResult; consultationKey: string; organizationId: string }
  /** Widerspruch (§ 39 Abs. 1) or Beanstandung (§ 39 Abs. 2 KrO NRW): the committee office plans the new decision. */
  | { kind: 'decisionChallenged'; procedure: 'objection' | 'contest'; reason: string }
  /** The body kept a contested decision: the Landrat obtains the Aufsichtsbehörde's decision at once (§ 39 Abs. 2 KrO NRW). */
  | { kind: 'supervisionRequired' };

/** Params of `scheduleDeadline` / `cancelDeadline`; the caller computes the due date. */
export type PaperDeadline =
  | { kind: 'urgentDecisionApproval' }
  /** A sign-off step waits for `role` (scheduling); without a role: whatever waited is settled (cancelling). */
  | { kind: 'signOffWaiting'; role?: Role };

/** What `transition()` hands the caller, to become outbox rows in the same DB transaction. */
export type PaperEffect =
  | { type: 'assignReference' }
  | { type: 'notify'; params: PaperNotification }
  | { type: 'scheduleDeadline'; params: PaperDeadline }
  | { type: 'cancelDeadline'; params: PaperDeadline };

/**
 * Whether a decision may be carried out now (§ 39 KrO NRW), as the tasks module is told:
 * see `implementationHold` in paper.guards.ts.
 */
export type ImplementationHold =
  | { kind: 'windowOpen'; endsAt: string }
  | { kind: 'suspended'; procedure: 'objection' | 'contest' | 'supervision'; since: string }
  | { kind: 'annulled'; decidedOn: string };
