/**
 * The date rules of a Geschäftsordnung: invitation period (Ladungsfrist), deadline for
 * late additions (Nachträge) and quorum (Beschlussfähigkeit).
 *
 * Why it looks like this:
 * - Every business date is a calendar day in Europe/Berlin, whatever TZ the process runs
 *   in: days are 'YYYY-MM-DD' strings, computed with Intl (instant → Berlin day) or with
 *   UTC arithmetic on the day itself (day → day), never with the local-time Date methods.
 * - Holidays are NRW's (feiertagejs, region 'NW'). It reads a Date as a Berlin day, so a
 *   day is handed to it as 12:00 UTC, which is the same Berlin day in summer and winter.
 * - `earliestMeetingDate` and `latestInvitationDate` are exact inverses: a notice sent on
 *   day L is in time for meeting day M iff earliestMeetingDate(L) ≤ M iff
 *   L ≤ latestInvitationDate(M). The Nachtrag deadline is the same rule run backwards.
 * - Pure: no clock, no Nest, no database. Invalid input throws a RangeError; the guards
 *   validate payloads before they call in here.
 */
import { addDays, berlinDate, berlinMidnight, dayMs, formatUtcDay, isWorkingDay, parseDate, toMs, type CalendarDate } from '../../shared/berlin-calendar';
import type { PeriodKind, RulesOfProcedure } from './meeting.types';

export { addDays, berlinDate, berlinMidnight, isWorkingDay, type CalendarDate };

function assertDays(days: number): void {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer: ${days}`);
}

/**
 * The earliest meeting day for a notice (invitation or Nachtrag) sent on `sentOn`:
 * - 'calendar': sentOn + days (0: the same day);
 * - 'full' (volle Tage): `days` whole days strictly between: sentOn + days + 1;
 * - 'working': at least `days` working days strictly between; the meeting day itself
 *   may be any day after them (0: the next day).
 */
export function earliestMeetingDate(sentOn: CalendarDate, days: number, kind: PeriodKind): CalendarDate {
  assertDays(days);
  switch (kind) {
    case 'calendar':
      return addDays(sentOn, days);
    case 'full':
      return addDays(sentOn, days + 1);
    case 'working': {
      let day = addDays(sentOn, 1);
      let between = 0;
      while (between < days) {
        if (isWorkingDay(day)) between++;
        day = addDays(day, 1);
      }
      return day;
    }
    default:
      throw new RangeError(`unknown period kind: ${String(kind)}`);
  }
}

/** The inverse of `earliestMeetingDate`: the last day a notice for `meetingDate` may be sent. */
export function latestInvitationDate(meetingDate: CalendarDate, days: number, kind: PeriodKind): CalendarDate {
  assertDays(days);
  switch (kind) {
    case 'calendar':
      return addDays(meetingDate, -days);
    case 'full':
      return addDays(meetingDate, -days - 1);
    case 'working': {
      let day = addDays(meetingDate, -1);
      let between = 0;
      while (between < days) {
        if (isWorkingDay(day)) between++;
        day = addDays(day, -1);
      }
      return day;
    }
    default:
      throw new RangeError(`unknown period kind: ${String(kind)}`);
  }
}

function invitationDays(rules: RulesOfProcedure, urgent: boolean): number {
  return urgent ? rules.urgentInvitationPeriodDays : rules.invitationPeriodDays;
}

/** The earliest start (00:00 Berlin of the earliest meeting day) for an invitation sent at `invitedAt`. */
export function earliestStart(invitedAt: string, rules: RulesOfProcedure, urgent: boolean): string {
  return berlinMidnight(earliestMeetingDate(berlinDate(invitedAt), invitationDays(rules, urgent), rules.invitationPeriodKind));
}

/** The last Berlin day an invitation to a meeting starting at `start` may be sent. */
export function latestInvitationDay(start: string, rules: RulesOfProcedure, urgent: boolean): CalendarDate {
  return latestInvitationDate(berlinDate(start), invitationDays(rules, urgent), rules.invitationPeriodKind);
}

/** Whether an invitation sent at `invitedAt` keeps the (urgent) invitation period for `start`. */
export function invitationInTime(start: string, invitedAt: string, rules: RulesOfProcedure, urgent: boolean): boolean {
  return (
    berlinDate(start) >=
    earliestMeetingDate(berlinDate(invitedAt), invitationDays(rules, urgent), rules.invitationPeriodKind)
  );
}

/**
 * The Nachtrag deadline for a meeting starting at `start`, as an EXCLUSIVE bound: 00:00
 * Berlin of the day after the last day a late addition may be sent, i.e. the end of that
 * day. That day is `rules.lateAdditionDays` before the meeting day, counted like the
 * invitation period (`rules.invitationPeriodKind`). A Nachtrag is in time iff sent
 * strictly before the returned instant; after it, only the session itself may add items.
 */
export function lateAdditionDeadline(start: string, rules: RulesOfProcedure): string {
  const lastDay = latestInvitationDate(berlinDate(start), rules.lateAdditionDays, rules.invitationPeriodKind);
  return berlinMidnight(addDays(lastDay, 1));
}

/** Whether a Nachtrag sent at `at` is before `lateAdditionDeadline(start, rules)`. */
export function lateAdditionInTime(start: string, at: string, rules: RulesOfProcedure): boolean {
  return toMs(at) < toMs(lateAdditionDeadline(start, rules));
}

/**
 * Beschlussfähig: MORE than numerator/denominator of the `members` with a vote are
 * present. Counts must be integers with 0 ≤ present ≤ members and members > 0, the
 * denominator positive; anything else is not quorate.
 */
export function isQuorate(present: number, members: number, rules: RulesOfProcedure): boolean {
  if (!Number.isInteger(present) || !Number.isInteger(members)) return false;
  if (members <= 0 || present < 0 || present > members) return false;
  if (!Number.isInteger(rules.quorumNumerator) || !Number.isInteger(rules.quorumDenominator)) return false;
  if (rules.quorumDenominator <= 0) return false;
  return present * rules.quorumDenominator > members * rules.quorumNumerator;
}
