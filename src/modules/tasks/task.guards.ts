/**
 * Pure rules behind the task machines' guards. One function, `taskPayloadProblems`, both
 * refuses an event (the machines' `permitted` guard) and says why (the 409 answer), so
 * the two cannot drift apart. Which state takes which event is the machine's business.
 *
 * Dates: every business date is a Berlin calendar day ('YYYY-MM-DD'). "Today" is the
 * Berlin day of the event's `at`; day arithmetic runs on the days themselves, so the
 * process's TZ does not matter.
 */
import type { Role } from '../identity/role';
import { addDays, berlinDate } from '../../shared/berlin-calendar';
import { isCalendarDate, isInstant } from '../../shared/calendar';
import { isNonBlank } from '../../shared/text';

export { isCalendarDate };
import type { TaskActor, TaskContext, TaskEvent, TaskEventType, TenderDetails, FundingApplicationDetails } from './task.types';

// ---------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------

const CARRY_OUT: readonly Role[] = ['clerk', 'department_head'];
const CALL_OFF: readonly Role[] = ['department_head'];

/**
 * Who may send which event: the clerk and the department head carry a task out; only
 * the department head calls one off (CANCEL, for a tender the Aufhebung). `admin` may
 * send every event (checked in `mayActOnTask`, not listed here); `auditor` reads only.
 */
export const TASK_EVENT_ROLES: Record<TaskEventType, readonly Role[]> = {
  INVITE: CARRY_OUT,
  HOLD: CARRY_OUT,
  DOCUMENT: CARRY_OUT,
  PUBLISH: CARRY_OUT,
  CLOSE_OFFERS: CARRY_OUT,
  START_EVALUATION: CARRY_OUT,
  AWARD: CARRY_OUT,
  START_DRAFTING: CARRY_OUT,
  SUBMIT: CARRY_OUT,
  APPROVE: CARRY_OUT,
  REJECT: CARRY_OUT,
  CALL_FUNDS: CARRY_OUT,
  REQUEST_PROOF_OF_USE: CARRY_OUT,
  SETTLE: CARRY_OUT,
  START: CARRY_OUT,
  COMPLETE: CARRY_OUT,
  CANCEL: CALL_OFF,
  SET_DUE_DATE: CARRY_OUT,
  ASSIGN: CARRY_OUT,
};

const SUPERUSER_ROLE: Role = 'admin';

/** Role check only: whether this actor is the right person for `type`, whatever the state. */
export function mayActOnTask(type: TaskEventType, actor: TaskActor | undefined): boolean {
  const roles = Array.isArray(actor?.roles) ? actor.roles : [];
  if (roles.includes(SUPERUSER_ROLE)) return true;
  return (TASK_EVENT_ROLES[type] ?? []).some((role) => roles.includes(role));
}

// ---------------------------------------------------------------------------------------
// Small value checks
// ---------------------------------------------------------------------------------------

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A calendar day that exists, 'YYYY-MM-DD'. */

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

function isPositiveAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

const absent = (value: unknown): value is null | undefined => value === undefined || value === null;

const dateProblem = (field: string) => `${field} must be a calendar date (YYYY-MM-DD)`;
const amountProblem = 'amount must be a positive number';

function reasonProblems(reason: unknown): string[] {
  return isNonBlank(reason) ? [] : ['reason is required'];
}

function optionalDateProblems(field: string, value: unknown): string[] {
  return absent(value) || isCalendarDate(value) ? [] : [dateProblem(field)];
}

// The kind-specific details, when the context is of that kind (the machine guarantees it).
const tenderDetails = (context: TaskContext): TenderDetails =>
  context.kind === 'tender' ? (context.details as TenderDetails) : {};
const fundingDetails = (context: TaskContext): FundingApplicationDetails =>
  context.kind === 'funding_application' ? (context.details as FundingApplicationDetails) : {};

// ---------------------------------------------------------------------------------------
// Per event
// ---------------------------------------------------------------------------------------

type EventOf<T extends TaskEventType> = Extract<TaskEvent, { type: T }>;

/** The offer period (Angebotsfrist) counts calendar days from the Berlin day of publication. */
function publishProblems(context: TaskContext, event: EventOf<'PUBLISH'>): string[] {
  const problems: string[] = [];
  if (!isNonBlank(event.platformReference)) problems.push('platformReference is required');
  if (!isCalendarDate(event.offerDeadline)) problems.push(dateProblem('offerDeadline'));
  const min = context.minOfferPeriodDays;
  if (!Number.isInteger(min) || min < 0) problems.push('the task has no valid minimum offer period');
  if (problems.length > 0) return problems;

  const publishedOn = berlinDate(event.at);
  const earliest = addDays(publishedOn, min);
  if (event.offerDeadline < earliest) {
    problems.push(
      `the offer period must be at least ${min} calendar days: published on ${publishedOn}, ` +
        `the offer deadline must be ${earliest} or later, not ${event.offerDeadline}`,
    );
  }
  return problems;
}

/** Offers are opened the day after the deadline: the whole deadline day belongs to the bidders. */
function closeOffersProblems(context: TaskContext, event: EventOf<'CLOSE_OFFERS'>): string[] {
  const deadline = tenderDetails(context).offerDeadline;
  if (!isCalendarDate(deadline)) return ['the tender has no offer deadline'];
  if (berlinDate(event.at) > deadline) return [];
  return [`offers can be closed from ${addDays(deadline, 1)} on, the day after the offer deadline ${deadline}`];
}

function callFundsProblems(context: TaskContext, event: EventOf<'CALL_FUNDS'>): string[] {
  if (!isPositiveAmount(event.amount)) return [amountProblem];
  const approved = fundingDetails(context).approvedAmount;
  if (isPositiveAmount(approved) && event.amount > approved) {
    return [`amount must not exceed the approved amount of ${approved}`];
  }
  return [];
}

function assignProblems(event: EventOf<'ASSIGN'>): string[] {
  const problems: string[] = [];
  if (event.assigneeId !== null && !isUuid(event.assigneeId)) problems.push('assigneeId must be a UUID or null');
  if (!absent(event.department) && !isNonBlank(event.department)) problems.push('department must not be blank');
  return problems;
}

/**
 * Why `event` is refused in this context, role and state aside. Empty means the payload
 * is acceptable. Messages are English and name the field or the rule.
 */
export function taskPayloadProblems(context: TaskContext, event: TaskEvent): string[] {
  if (!isInstant(event.at)) return ['at must be an ISO instant'];
  switch (event.type) {
    case 'INVITE':
      return optionalDateProblems('date', event.date);
    case 'DOCUMENT':
      return isNonBlank(event.documentation) ? [] : ['documentation is required'];
    case 'PUBLISH':
      return publishProblems(context, event);
    case 'CLOSE_OFFERS':
      return closeOffersProblems(context, event);
    case 'AWARD': {
      const problems = isNonBlank(event.contractor) ? [] : ['contractor is required'];
      return isPositiveAmount(event.amount) ? problems : [...problems, amountProblem];
    }
    case 'START_DRAFTING':
      return optionalDateProblems('submissionDeadline', event.submissionDeadline);
    case 'APPROVE': {
      const problems = isPositiveAmount(event.amount) ? [] : [amountProblem];
      if (!absent(event.conditions) && !isNonBlank(event.conditions)) problems.push('conditions must not be blank');
      return problems;
    }
    case 'REJECT':
    case 'CANCEL':
      return reasonProblems(event.reason);
    case 'CALL_FUNDS':
      return callFundsProblems(context, event);
    case 'REQUEST_PROOF_OF_USE':
      return isCalendarDate(event.dueDate) ? [] : [dateProblem('dueDate')];
    case 'SET_DUE_DATE':
      return event.dueDate === null || isCalendarDate(event.dueDate) ? [] : ['dueDate must be a calendar date (YYYY-MM-DD) or null'];
    case 'ASSIGN':
      return assignProblems(event);
    case 'HOLD':
    case 'START_EVALUATION':
    case 'SUBMIT':
    case 'SETTLE':
    case 'START':
    case 'COMPLETE':
      return [];
    default:
      return ['unknown event'];
  }
}

/** Role and payload together: what the machines' `permitted` guard asks (the state is the machine's). */
export function isTaskEventPermitted(context: TaskContext, event: TaskEvent): boolean {
  return mayActOnTask(event.type, event.actor) && taskPayloadProblems(context, event).length === 0;
}
