/**
 * Types of the meeting (Sitzung) workflow and its documents. The machine context is
 * persisted as JSON next to the state value, so everything in it stays plain JSON
 * (ISO strings for instants, no Dates, no undefined values that matter).
 *
 * Agenda items, attendance and results live in their own tables; the machine holds
 * what decides the meeting's own transitions, and the service passes the facts a
 * guard needs (the organization's rules, members, open items) on the event.
 */
import type { Role } from '../identity/role';

export const MEETING_STATES = ['planned', 'invited', 'inSession', 'held', 'minutesSigned', 'minutesApproved', 'cancelled'] as const;
export type MeetingStateKey = (typeof MEETING_STATES)[number];

/** How the days of an invitation period are counted (Ladungsfrist). */
export const PERIOD_KINDS = ['calendar', 'working', 'full'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * An organization's rules of procedure (Geschäftsordnung), as data.
 * - `invitationPeriodDays` / `invitationPeriodKind`: the Ladungsfrist (default 7 full days).
 * - `urgentInvitationPeriodDays`: the shortened period for an urgent invitation (default 3),
 *   counted the same way.
 * - `lateAdditionDays`: Nachträge (items added after the invitation) must be sent at
 *   least this many days (same counting) before the meeting; later ones only in the
 *   session itself, with an urgency reason (default 3).
 * - `quorumNumerator` / `quorumDenominator`: the meeting is quorate when MORE than
 *   numerator/denominator of the members with a vote are present (default 1/2).
 */
export interface RulesOfProcedure {
  invitationPeriodDays: number;
  invitationPeriodKind: PeriodKind;
  urgentInvitationPeriodDays: number;
  lateAdditionDays: number;
  quorumNumerator: number;
  quorumDenominator: number;
}

export const DEFAULT_RULES: RulesOfProcedure = {
  invitationPeriodDays: 7,
  invitationPeriodKind: 'full',
  urgentInvitationPeriodDays: 3,
  lateAdditionDays: 3,
  quorumNumerator: 1,
  quorumDenominator: 2,
};

export interface MeetingActor {
  id: string;
  roles: Role[];
}

export interface Invitation {
  at: string;
  urgent: boolean;
  reason?: string;
  actorId: string;
  /** The members invited (person ids), in the order written to the outbox. */
  invitedPersonIds: string[];
}

export interface Reschedule {
  fromStart: string;
  toStart: string;
  reason: string;
  at: string;
  actorId: string;
}

export interface MeetingContext {
  organizationId: string;
  /** ISO instants. */
  start: string;
  end: string | null;
  location: string | null;
  invitation?: Invitation;
  /** Earlier invitations, voided by a reschedule (kept for the record). */
  voidedInvitations: Invitation[];
  reschedules: Reschedule[];
  cancellation?: { reason: string; at: string; actorId: string };
  openedAt?: string;
  closedAt?: string;
  minutesApproval?: { at: string; approvingMeetingId: string; agendaItemId: string; actorId: string; objections?: string };
  /**
   * Who signs the Niederschrift (§ 37 KrO NRW, Niederschrift): the chair and the Schriftführer,
   * users designated by the committee office for this meeting. Not a role: the recorder
   * is whoever the office names for this session.
   */
  signatories?: Signatories;
  /** The signatures given so far; both make the minutes `minutesSigned` (frozen). */
  minutesSignatures?: Partial<Record<MinutesSigner, { userId: string; at: string }>>;
  /**
   * The lack of quorum, formally established in session (ESTABLISH_NO_QUORUM). Until then the
   * body is presumed quorate; while it stands, only items of a second summons are decided and
   * the rest put back. Attendance that makes the body quorate again ends it.
   */
  quorumLack?: QuorumLack;
  /** Counts every change of agenda, attendance or results, so each is its own audited version. */
  agendaRevision: number;
}

export const MINUTES_SIGNERS = ['chair', 'recorder'] as const;
export type MinutesSigner = (typeof MINUTES_SIGNERS)[number];

export interface Signatories {
  chairUserId: string;
  recorderUserId: string;
}

export interface QuorumLack {
  at: string;
  actorId: string;
  /** Members with a vote present, against the statutory number (or the seats with a vote). */
  present: number;
  members: number;
}

/** A Befangenheit on an agenda item: the person and the reason recorded. */
export interface BiasEntry {
  personId: string;
  reason: string | null;
}

export interface MeetingInput {
  organizationId: string;
  start: string;
  end?: string | null;
  location?: string | null;
}

interface Base {
  actor: MeetingActor;
  /** ISO instant of the event (the service's clock). */
  at: string;
}

/**
 * An Antrag that asks for this session (its requestedMeetingId), as the invitation checks
 * it against § 33 KrO NRW: filled in by the service from the papers module.
 */
export interface RequestedMotion {
  paperId: string;
  reference: string | null;
  title: string;
  originatorName: string;
  /** ISO instant the office received it. */
  receivedAt: string;
  /** A Fraktion, or a fifth of the statutory members, may demand the placement; null: nobody. */
  placementRight: 'fraction' | 'fifth' | null;
  /** On the agenda (an item of this meeting carries it). */
  placed: boolean;
}

/** A member to invite: filled in by the service from the organization's memberships. */
export interface InvitedMember {
  personId: string;
}

export type MeetingEvent =
  | (Base & {
      type: 'INVITE';
      urgent?: boolean;
      reason?: string;
      rules: RulesOfProcedure;
      members: InvitedMember[];
      /** Anträge asking for this session and the GO's deadline for them (§ 33 KrO NRW); absent: none to check. */
      motions?: RequestedMotion[];
      motionDeadlineDays?: number | null;
    })
  | (Base & { type: 'OPEN' })
  | (Base & { type: 'ADD_ITEM'; itemId: string; number: string; public: boolean; paperId?: string; urgentReason?: string; rules: RulesOfProcedure })
  | (Base & { type: 'UPDATE_ITEM'; itemId: string; number?: string; title?: string })
  | (Base & { type: 'REMOVE_ITEM'; itemId: string; reason?: string })
  /**
   * Sent by the system on a paper's behalf: the paper left deliberation (withdrawn, decided
   * urgently) while this agenda carried it, so its open item is settled (abgesetzt) with the
   * reason. The actor is whoever sent the paper's event.
   */
  | (Base & { type: 'SETTLE_ITEM'; itemId: string; paperId: string; reason: string; cause: SettleCause })
  | (Base & { type: 'RECORD_ATTENDANCE'; present: number; members: number; rules?: RulesOfProcedure })
  | (Base & { type: 'ESTABLISH_NO_QUORUM'; present: number; members: number; rules: RulesOfProcedure })
  | (Base & {
      type: 'RECORD_ITEM_RESULT';
      itemId: string;
      result: string;
      /** Members with a vote present for this item (the biased ones count as absent). */
      present: number;
      members: number;
      rules: RulesOfProcedure;
      /** The item is the second summons of a matter put back for lack of quorum. */
      secondSummons?: boolean;
      /** Änderungsanträge on the item still proposed (labels): voted before the main motion (GO des Kreistags). */
      openAmendments?: string[];
    })
  | (Base & { type: 'PROPOSE_AMENDMENT'; itemId: string; amendmentId: string })
  | (Base & { type: 'WITHDRAW_AMENDMENT'; itemId: string; amendmentId: string; reason?: string })
  | (Base & {
      type: 'RECORD_AMENDMENT_RESULT';
      itemId: string;
      amendmentId: string;
      result: string;
      present: number;
      members: number;
      rules: RulesOfProcedure;
      secondSummons?: boolean;
    })
  | (Base & { type: 'CLOSE'; openItems: number })
  | (Base & { type: 'CANCEL'; reason: string; members: InvitedMember[] })
  | (Base & { type: 'RESCHEDULE'; start: string; end?: string | null; reason: string; members: InvitedMember[] })
  | (Base & { type: 'DESIGNATE_SIGNATORIES'; chairUserId: string; recorderUserId: string })
  | (Base & { type: 'SIGN_MINUTES'; as: MinutesSigner })
  | (Base & { type: 'APPROVE_MINUTES'; approvingMeetingId: string; agendaItemId: string; objections?: string });

export type MeetingEventType = MeetingEvent['type'];

/** Why an item is settled by the system: its paper was withdrawn, or decided urgently (§ 50 Abs. 3 KrO NRW). */
export const SETTLE_CAUSES = ['withdrawn', 'urgent_decision', 'answered'] as const;
export type SettleCause = (typeof SETTLE_CAUSES)[number];

/** Events no client sends: the system sends them on another subject's behalf, so `events/allowed` never offers them. */
export const SYSTEM_MEETING_EVENTS: readonly MeetingEventType[] = ['SETTLE_ITEM'];
export const MEETING_EVENT_TYPES = [
  'INVITE',
  'OPEN',
  'ADD_ITEM',
  'UPDATE_ITEM',
  'REMOVE_ITEM',
  'SETTLE_ITEM',
  'RECORD_ATTENDANCE',
  'RECORD_ITEM_RESULT',
  'ESTABLISH_NO_QUORUM',
  'CLOSE',
  'CANCEL',
  'RESCHEDULE',
  'DESIGNATE_SIGNATORIES',
  'SIGN_MINUTES',
  'APPROVE_MINUTES',
  'PROPOSE_AMENDMENT',
  'WITHDRAW_AMENDMENT',
  'RECORD_AMENDMENT_RESULT',
] as const satisfies readonly MeetingEventType[];

/** Effects the machine emits (outbox rows): one notification per member and kind. */
export type MeetingNotificationKind = 'meetingInvitation' | 'meetingCancelled' | 'meetingRescheduled';
export interface MeetingEffect {
  type: 'notify';
  params: { kind: MeetingNotificationKind; personId: string };
}

// ---------------------------------------------------------------- documents

export type AgendaItemStatus = 'open' | 'decided' | 'postponed' | 'removed';

export interface VotesView {
  yes?: number;
  no?: number;
  abstain?: number;
  unanimous?: boolean;
}

/** One agenda item as the documents (HTML, PDF, minutes) show it. */
export interface AgendaItemDocument {
  /** The agenda item's id and its paper's (the renderers print neither; the extracts match rows by them). */
  id?: string;
  paperId?: string | null;
  number: string;
  title: string;
  public: boolean;
  /** The paper's reference (`2021/119`) when the item carries one. */
  paperReference?: string | null;
  reporter?: string | null;
  /** Added after the invitation (Nachtrag), with its urgency reason. */
  lateAddition: boolean;
  urgentReason?: string | null;
  status: AgendaItemStatus;
  result?: string | null;
  votes?: VotesView | null;
  decisionText?: string | null;
  /** Persons declared biased (Befangenheit) for this item: name with form of address, and the reason. */
  biased: { name: string; reason?: string | null }[];
  /** The second summons of a matter put back for lack of quorum (the invitation must say so). */
  secondSummons?: boolean;
  /** Änderungsanträge on the item, in the order tabled, with their outcome. */
  amendments?: { label: string; text: string; change?: string | null; state: string; votes?: VotesView | null; withdrawnReason?: string | null }[];
}

export interface AttendanceDocument {
  name: string;
  present: boolean;
  /** When this person sat in for a member: the member's name. */
  substituteFor?: string | null;
}

/** Everything the German documents of one meeting need; built by the service. */
export interface MeetingDocument {
  bodyName: string;
  organizationName: string;
  /** ISO instants; documents format them in Europe/Berlin. */
  start: string;
  end: string | null;
  location: string | null;
  state: MeetingStateKey;
  cancelledReason?: string | null;
  invitedAt?: string | null;
  urgentInvitationReason?: string | null;
  items: AgendaItemDocument[];
  attendance: AttendanceDocument[];
  openedAt?: string | null;
  closedAt?: string | null;
  minutesApprovedAt?: string | null;
  /** The signatures of the Niederschrift: who signed as chair and as Schriftführer, and when. */
  signatures?: { chair: MinutesSignatureView; recorder: MinutesSignatureView } | null;
}

export interface MinutesSignatureView {
  name: string;
  at: string;
}

/**
 * One Beschlussauszug (an extract of signed minutes per decided item with a paper): all it
 * prints, fixed at signing from the facts the minutes were rendered from and the paper as
 * it stood then.
 */
export interface DecisionExtractDocument {
  bodyName: string;
  organizationName: string;
  /** ISO instant of the meeting's start; shown in Europe/Berlin. */
  meetingStart: string;
  /** "KT/2021/3": the organization's short name, the Berlin year and the meeting's place among its sessions that year. */
  meetingNumber: string;
  location: string | null;
  item: Pick<AgendaItemDocument, 'number' | 'title' | 'public' | 'result' | 'votes' | 'decisionText' | 'biased'>;
  paper: { reference: string | null; title: string; responsibleUnit: string | null };
  signatures: { chair: MinutesSignatureView; recorder: MinutesSignatureView };
  /** Hex SHA-256 of the signed minutes (full part) the extract is cut from. */
  minutesSha256: string;
  /** ISO instant the extract was cut (the signing). */
  generatedAt: string;
}

/** One meeting in an organization's iCalendar feed. */
export interface CalendarMeeting {
  id: string;
  organizationName: string;
  start: string;
  end: string | null;
  location: string | null;
  cancelled: boolean;
  /** Public agenda item lines only ("1 Eröffnung", "2.a 2021/119 Digitalisierung …"). */
  publicItems: string[];
  /** Monotone revision number for SEQUENCE (the meeting's version). */
  sequence: number;
  updatedAt: string;
}
