/**
 * Pure rules behind the meeting machine's guards. One function, `meetingPayloadProblems`,
 * both refuses an event (the machine's `permitted` guard) and says why (the 409 answer),
 * so the two cannot drift apart.
 *
 * The state is the machine's business; the rules here only read the context, which tells
 * as much as they need: an `invitation` means items added now are Nachträge, `openedAt`
 * means the session is running (no Nachtrag deadline any more).
 */
import { isInstant } from '../../shared/calendar';
import type { Role } from '../identity/role';
import { EVENT_ROLES as PAPER_EVENT_ROLES } from '../papers/paper-event-roles';
import { addDays, berlinDate, earliestStart, invitationInTime, isQuorate, lateAdditionDeadline, latestInvitationDay } from './invitation-period';
import {
  PERIOD_KINDS,
  type InvitedMember,
  type MeetingActor,
  type MeetingContext,
  type MeetingEvent,
  type MeetingEventType,
  type RequestedMotion,
  type RulesOfProcedure,
  type SettleCause,
  MINUTES_SIGNERS,
  SETTLE_CAUSES,
} from './meeting.types';
import { isNonBlank } from '../../shared/text';

export { isNonBlank };

// ---------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------

/**
 * Who settles an item for each cause: whoever may send the paper's event that caused it
 * (the paper's own role table, so the two cannot drift apart). The meeting's history then
 * names that person as the actor of SETTLE_ITEM.
 */
export const SETTLE_CAUSE_ROLES: Record<SettleCause, readonly Role[]> = {
  withdrawn: paperRoles(PAPER_EVENT_ROLES.WITHDRAW),
  urgent_decision: paperRoles(PAPER_EVENT_ROLES.URGENT_DECISION),
  answered: paperRoles(PAPER_EVENT_ROLES.ANSWER),
};

function paperRoles(rule: (typeof PAPER_EVENT_ROLES)[keyof typeof PAPER_EVENT_ROLES]): readonly Role[] {
  if (!Array.isArray(rule)) throw new Error('a settling paper event has a fixed role');
  return rule;
}

/**
 * Who may send which event: the Sitzungsdienst runs meetings. `admin` may send every
 * event (checked in `mayActOnMeeting`, not listed here); `auditor` reads only.
 */
export const MEETING_EVENT_ROLES: Record<MeetingEventType, readonly Role[]> = {
  INVITE: ['committee_office'],
  OPEN: ['committee_office'],
  ADD_ITEM: ['committee_office'],
  UPDATE_ITEM: ['committee_office'],
  REMOVE_ITEM: ['committee_office'],
  // The system, on a paper's behalf: the roles of every cause (the guard checks the one given).
  SETTLE_ITEM: [...new Set(Object.values(SETTLE_CAUSE_ROLES).flat())],
  RECORD_ATTENDANCE: ['committee_office'],
  RECORD_ITEM_RESULT: ['committee_office'],
  ESTABLISH_NO_QUORUM: ['committee_office'],
  CLOSE: ['committee_office'],
  CANCEL: ['committee_office'],
  RESCHEDULE: ['committee_office'],
  DESIGNATE_SIGNATORIES: ['committee_office'],
  // Any member of staff may be chair or Schriftführer; the guard checks the designation.
  SIGN_MINUTES: ['clerk', 'department_head', 'district_director', 'district_administrator', 'committee_office'],
  APPROVE_MINUTES: ['committee_office'],
  PROPOSE_AMENDMENT: ['committee_office'],
  WITHDRAW_AMENDMENT: ['committee_office'],
  RECORD_AMENDMENT_RESULT: ['committee_office'],
};

const SUPERUSER_ROLE: Role = 'admin';

/** Role check only: whether this actor is the right person for `type`, whatever the state. */
export function mayActOnMeeting(type: MeetingEventType, actor: MeetingActor | undefined): boolean {
  const roles = Array.isArray(actor?.roles) ? actor.roles : [];
  if (roles.includes(SUPERUSER_ROLE)) return true;
  return (MEETING_EVENT_ROLES[type] ?? []).some((role) => roles.includes(role));
}

/** Whether this actor may settle an item for this cause (admin aside: whoever may send the paper's event). */
function maySettleFor(cause: SettleCause, actor: MeetingActor | undefined): boolean {
  const roles = Array.isArray(actor?.roles) ? actor.roles : [];
  return roles.includes(SUPERUSER_ROLE) || SETTLE_CAUSE_ROLES[cause].some((role) => roles.includes(role));
}

// ---------------------------------------------------------------------------------------
// Small value checks
// ---------------------------------------------------------------------------------------


/** An ISO 8601 instant with date, time and zone (`2021-08-31T15:00:00.000Z`). */
export { isInstant };

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Instants compare by time, not by text: '…+02:00' and '…Z' may be the same moment. */
function isAfter(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

/** Why these rules of procedure cannot be applied; empty when they can. */
export function rulesProblems(rules: RulesOfProcedure | undefined): string[] {
  if (!rules || typeof rules !== 'object') return ['rules are required'];
  const problems: string[] = [];
  for (const field of ['invitationPeriodDays', 'urgentInvitationPeriodDays', 'lateAdditionDays', 'quorumNumerator'] as const) {
    if (!isCount(rules[field])) problems.push(`rules.${field} must be a non-negative integer`);
  }
  if (!(PERIOD_KINDS as readonly string[]).includes(rules.invitationPeriodKind)) {
    problems.push('rules.invitationPeriodKind must be calendar, working or full');
  }
  if (!isCount(rules.quorumDenominator) || rules.quorumDenominator === 0) {
    problems.push('rules.quorumDenominator must be a positive integer');
  } else if (isCount(rules.quorumNumerator) && rules.quorumNumerator >= rules.quorumDenominator) {
    problems.push('rules.quorumNumerator must be less than rules.quorumDenominator');
  }
  return problems;
}

function membersProblems(members: InvitedMember[] | undefined): string[] {
  if (!Array.isArray(members)) return ['members must be a list'];
  const problems: string[] = [];
  const seen = new Set<string>();
  members.forEach((member, i) => {
    const personId = member?.personId;
    if (!isNonBlank(personId)) problems.push(`members[${i}].personId is required`);
    else if (seen.has(personId)) problems.push(`members[${i}].personId must not repeat`);
    else seen.add(personId);
  });
  return problems;
}

function countsProblems(present: number, members: number): string[] {
  if (!isCount(present) || !isCount(members)) return ['present and members must be non-negative integers'];
  return present > members ? ['present must not exceed members'] : [];
}

// ---------------------------------------------------------------------------------------
// Per event
// ---------------------------------------------------------------------------------------

type EventOf<T extends MeetingEventType> = Extract<MeetingEvent, { type: T }>;

function inviteProblems(context: MeetingContext, event: EventOf<'INVITE'>): string[] {
  const problems = [...rulesProblems(event.rules), ...membersProblems(event.members)];
  if (event.urgent !== undefined && typeof event.urgent !== 'boolean') problems.push('urgent must be a boolean');
  const urgent = event.urgent === true;
  if (urgent && !isNonBlank(event.reason)) problems.push('reason is required for an urgent invitation');
  if (problems.length > 0) return problems;

  if (!isAfter(context.start, event.at)) return ['the meeting must start after the invitation'];
  problems.push(...motionDutyProblems(context.start, event.motions, event.motionDeadlineDays));
  const late = lateInvitation(context.start, event.at, event.rules, urgent);
  if (late) problems.push(late.problem);
  return problems;
}

/**
 * The Ladungsfrist (GO des Kreistags, § 32 KrO NRW): whether an invitation sent at `at`
 * comes too late for a meeting starting at `start`; if so, why, and the earliest start it
 * would still allow. The one place the rule is applied (the INVITE guard, and the service
 * that answers a late invitation with that earliest start).
 */
export function lateInvitation(start: string, at: string, rules: RulesOfProcedure, urgent: boolean): { problem: string; earliestStart: string } | undefined {
  if (invitationInTime(start, at, rules, urgent)) return undefined;
  const days = urgent ? rules.urgentInvitationPeriodDays : rules.invitationPeriodDays;
  const last = latestInvitationDay(start, rules, urgent);
  return {
    problem:
      `the ${urgent ? 'urgent ' : ''}invitation period of ${days} ${rules.invitationPeriodKind} days is not kept: ` +
      `a meeting on ${berlinDate(start)} must be invited by ${last}, not on ${berlinDate(at)}`,
    earliestStart: earliestStart(at, rules, urgent),
  };
}

/**
 * § 33 KrO NRW: the Landrat must put on the agenda what a Fraktion or a fifth of the
 * members proposes within the deadline the GO des Kreistags sets. An Antrag is on time
 * when it came in on the meeting's Berlin day minus `deadlineDays` or earlier; it is
 * due when it is on time and its originator has the right. A late one may be placed,
 * but need not be. Without a deadline in the GO nothing is enforced.
 */
export function motionDuty(motion: Pick<RequestedMotion, 'receivedAt' | 'placementRight'>, start: string, deadlineDays: number | null | undefined) {
  if (deadlineDays === null || deadlineDays === undefined) return { deadline: null, onTime: false, due: false };
  const deadline = addDays(berlinDate(start), -deadlineDays);
  const onTime = berlinDate(motion.receivedAt) <= deadline;
  return { deadline, onTime, due: onTime && motion.placementRight !== null };
}

/** The refusals of an invitation whose agenda lacks an Antrag § 33 KrO NRW puts on it. */
export function motionDutyProblems(start: string, motions: readonly RequestedMotion[] | undefined, deadlineDays: number | null | undefined): string[] {
  if (!Array.isArray(motions)) return [];
  return motions
    .filter((m) => !m.placed && motionDuty(m, start, deadlineDays).due)
    .map((m) => {
      const by = m.placementRight === 'fraction' ? `the Fraktion ${m.originatorName}` : `${m.originatorName} with a fifth of the members`;
      return (
        `§ 33 KrO NRW: Antrag ${m.reference ?? m.paperId} "${m.title}" of ${by}, received on ${berlinDate(m.receivedAt)} ` +
        `within the deadline of ${deadlineDays} days (GO des Kreistags), must be on the agenda before the invitation`
      );
    });
}

function addItemProblems(context: MeetingContext, event: EventOf<'ADD_ITEM'>): string[] {
  const problems = rulesProblems(event.rules);
  if (!isNonBlank(event.itemId)) problems.push('itemId is required');
  if (!isNonBlank(event.number)) problems.push('number is required');
  if (typeof event.public !== 'boolean') problems.push('public must be a boolean');
  if (event.paperId !== undefined && !isNonBlank(event.paperId)) problems.push('paperId must not be blank');
  if (context.invitation === undefined) return problems;

  // After the invitation every new item is a Nachtrag and needs a reason.
  if (!isNonBlank(event.urgentReason)) problems.push('urgentReason is required for an item added after the invitation');
  if (context.openedAt === undefined && problems.length === 0) {
    const deadline = lateAdditionDeadline(context.start, event.rules);
    if (!isAfter(deadline, event.at)) {
      problems.push(`the deadline for late additions passed at ${deadline}; add the item in the session`);
    }
  }
  return problems;
}

function updateItemProblems(event: EventOf<'UPDATE_ITEM'>): string[] {
  const problems: string[] = [];
  if (!isNonBlank(event.itemId)) problems.push('itemId is required');
  if (event.number !== undefined && !isNonBlank(event.number)) problems.push('number must not be blank');
  if (event.title !== undefined && !isNonBlank(event.title)) problems.push('title must not be blank');
  return problems;
}

/**
 * Beschlussfähigkeit (Kreisordnung NRW): the body is presumed quorate until the lack of
 * quorum is formally established in session. Only then does the count refuse a result —
 * unless the result puts the matter back (`postponed`), or the item is the second summons
 * of a matter put back for lack of quorum, which is quorate whatever the attendance.
 */
function itemResultProblems(context: MeetingContext, event: EventOf<'RECORD_ITEM_RESULT'> | EventOf<'RECORD_AMENDMENT_RESULT'>): string[] {
  const problems = [...rulesProblems(event.rules), ...countsProblems(event.present, event.members)];
  if (event.type === 'RECORD_ITEM_RESULT' && Array.isArray(event.openAmendments) && event.openAmendments.length > 0) {
    // GO des Kreistags: amendments are voted before the main motion.
    problems.push(
      `GO des Kreistags: Änderungsanträge are voted before the main motion; still proposed: ${event.openAmendments.join(', ')}`,
    );
  }
  if (!isNonBlank(event.itemId)) problems.push('itemId is required');
  if (!isNonBlank(event.result)) problems.push('result is required');
  if (event.secondSummons !== undefined && typeof event.secondSummons !== 'boolean') problems.push('secondSummons must be a boolean');
  const exempt = event.secondSummons === true || event.result === 'postponed';
  if (problems.length === 0 && context.quorumLack && !exempt && !isQuorate(event.present, event.members, event.rules)) {
    const { quorumNumerator: n, quorumDenominator: d } = event.rules;
    problems.push(
      `the lack of quorum was established: ${event.present} of ${event.members} members present, more than ${n}/${d} needed`,
    );
  }
  return problems;
}

/** The lack of quorum can only be established when it exists. */
function noQuorumProblems(event: EventOf<'ESTABLISH_NO_QUORUM'>): string[] {
  const problems = [...rulesProblems(event.rules), ...countsProblems(event.present, event.members)];
  if (problems.length === 0 && isQuorate(event.present, event.members, event.rules)) {
    problems.push(`the meeting is quorate: ${event.present} of ${event.members} members present`);
  }
  return problems;
}

function rescheduleProblems(context: MeetingContext, event: EventOf<'RESCHEDULE'>): string[] {
  const problems = membersProblems(event.members);
  if (!isNonBlank(event.reason)) problems.push('reason is required');
  if (!isInstant(event.start)) return [...problems, 'start must be an ISO instant'];
  if (!isAfter(event.start, event.at)) problems.push('the new start must be in the future');
  if (Date.parse(event.start) === Date.parse(context.start)) problems.push('the new start must differ from the current start');
  if (event.end !== undefined && event.end !== null) {
    if (!isInstant(event.end)) problems.push('end must be an ISO instant');
    else if (!isAfter(event.end, event.start)) problems.push('end must be after start');
  }
  return problems;
}

/**
 * An item settled on its paper's behalf: which item, which paper, why, and a cause whose
 * paper event this actor may send (a clerk's withdrawal, the Landrat's urgent decision).
 */
function settleProblems(event: EventOf<'SETTLE_ITEM'>): string[] {
  const problems: string[] = [];
  if (!isNonBlank(event.itemId)) problems.push('itemId is required');
  if (!isNonBlank(event.paperId)) problems.push('paperId is required');
  if (!isNonBlank(event.reason)) problems.push('reason is required');
  if (!(SETTLE_CAUSES as readonly string[]).includes(event.cause)) return [...problems, `cause must be one of ${SETTLE_CAUSES.join(', ')}`];
  if (!maySettleFor(event.cause, event.actor)) {
    problems.push(`an item is settled for the cause ${event.cause} only on behalf of ${SETTLE_CAUSE_ROLES[event.cause].join(' or ')}`);
  }
  return problems;
}

/** The chair and the Schriftführer are two persons; once one has signed, the designation stands. */
function designateProblems(context: MeetingContext, event: EventOf<'DESIGNATE_SIGNATORIES'>): string[] {
  const problems: string[] = [];
  if (!isNonBlank(event.chairUserId)) problems.push('chairUserId is required');
  if (!isNonBlank(event.recorderUserId)) problems.push('recorderUserId is required');
  if (problems.length === 0 && event.chairUserId === event.recorderUserId) problems.push('the chair and the recorder must be different persons');
  if (Object.keys(context.minutesSignatures ?? {}).length > 0) problems.push('the minutes are already being signed');
  return problems;
}

/** Niederschrift (§ 37 KrO NRW): each signs once, and only the user designated for that part. */
function signProblems(context: MeetingContext, event: EventOf<'SIGN_MINUTES'>): string[] {
  if (!(MINUTES_SIGNERS as readonly string[]).includes(event.as)) return ['as must be chair or recorder'];
  if (!context.signatories) return ['no chair and recorder are designated for this meeting'];
  const designated = event.as === 'chair' ? context.signatories.chairUserId : context.signatories.recorderUserId;
  if (event.actor?.id !== designated) return [`only the designated ${event.as} signs as ${event.as}`];
  if (context.minutesSignatures?.[event.as]) return [`the ${event.as} has already signed`];
  return [];
}

/**
 * Why `event` is refused in this context, role and state aside. Empty means the payload
 * is acceptable. Messages are English and name the field or the rule.
 */
export function meetingPayloadProblems(context: MeetingContext, event: MeetingEvent): string[] {
  if (!isInstant(event.at)) return ['at must be an ISO instant'];
  if (!isInstant(context.start)) return ['the meeting has no valid start'];
  switch (event.type) {
    case 'INVITE':
      return inviteProblems(context, event);
    case 'OPEN':
      return berlinDate(event.at) >= berlinDate(context.start)
        ? []
        : [`the session can be opened from the meeting day (${berlinDate(context.start)}) on`];
    case 'ADD_ITEM':
      return addItemProblems(context, event);
    case 'UPDATE_ITEM':
      return updateItemProblems(event);
    case 'REMOVE_ITEM':
      return isNonBlank(event.itemId) ? [] : ['itemId is required'];
    case 'SETTLE_ITEM':
      return settleProblems(event);
    case 'RECORD_ATTENDANCE':
      return [...countsProblems(event.present, event.members), ...(event.rules === undefined ? [] : rulesProblems(event.rules))];
    case 'RECORD_ITEM_RESULT':
      return itemResultProblems(context, event);
    case 'ESTABLISH_NO_QUORUM':
      return noQuorumProblems(event);
    case 'PROPOSE_AMENDMENT':
    case 'WITHDRAW_AMENDMENT':
      return isNonBlank(event.itemId) && isNonBlank(event.amendmentId) ? [] : ['itemId and amendmentId are required'];
    case 'RECORD_AMENDMENT_RESULT': {
      const problems = itemResultProblems(context, event);
      if (!isNonBlank(event.amendmentId)) problems.push('amendmentId is required');
      if (event.result !== 'adopted' && event.result !== 'rejected') problems.push('an Änderungsantrag is adopted or rejected');
      return problems;
    }
    case 'CLOSE':
      if (!isCount(event.openItems)) return ['openItems must be a non-negative integer'];
      return event.openItems === 0 ? [] : [`${event.openItems} agenda item(s) are still open`];
    case 'CANCEL': {
      const problems = membersProblems(event.members);
      if (!isNonBlank(event.reason)) problems.push('reason is required');
      return problems;
    }
    case 'RESCHEDULE':
      return rescheduleProblems(context, event);
    case 'DESIGNATE_SIGNATORIES':
      return designateProblems(context, event);
    case 'SIGN_MINUTES':
      return signProblems(context, event);
    case 'APPROVE_MINUTES': {
      const problems: string[] = [];
      if (event.objections !== undefined && typeof event.objections !== 'string') problems.push('objections must be text');
      if (!isNonBlank(event.approvingMeetingId)) problems.push('approvingMeetingId is required');
      if (!isNonBlank(event.agendaItemId)) problems.push('agendaItemId is required');
      return problems;
    }
    default:
      return ['unknown event'];
  }
}

/** Role and payload together: what the machine's `permitted` guard asks (the state is the machine's). */
export function isMeetingEventPermitted(context: MeetingContext, event: MeetingEvent): boolean {
  return mayActOnMeeting(event.type, event.actor) && meetingPayloadProblems(context, event).length === 0;
}
