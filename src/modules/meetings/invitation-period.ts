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
import { isHoliday } from 'feiertagejs';
import type { PeriodKind, RulesOfProcedure } from './meeting.types';

/** A calendar day, 'YYYY-MM-DD'. */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

const BERLIN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function toMs(instant: string | Date): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return ms;
}

function berlinWallTime(ms: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of BERLIN.formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** How far Berlin's wall clock is ahead of UTC at this instant (+1 h or +2 h). */
function berlinOffsetMs(ms: number): number {
  const w = berlinWallTime(ms);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(ms / 1000) * 1000;
}

function parseDate(date: CalendarDate): [number, number, number] {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (formatUtcDay(Date.UTC(year, month - 1, day)) !== date) throw new RangeError(`no such day: ${date}`);
  return [year, month, day];
}

function formatUtcDay(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayMs(date: CalendarDate): number {
  const [year, month, day] = parseDate(date);
  return Date.UTC(year, month - 1, day);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return formatUtcDay(dayMs(date) + days * MS_PER_DAY);
}

function assertDays(days: number): void {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer: ${days}`);
}

/** The Berlin calendar day of an instant. */
export function berlinDate(instant: string | Date): CalendarDate {
  const w = berlinWallTime(toMs(instant));
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** 00:00 Europe/Berlin on `date`, as an ISO instant in UTC ('…Z'). */
export function berlinMidnight(date: CalendarDate): string {
  const wallMidnight = dayMs(date);
  // The offset at the guessed instant, then once more at the corrected one: midnight is
  // never inside a DST gap in Berlin (the clocks change at 02:00/03:00), so two steps settle.
  const guess = wallMidnight - berlinOffsetMs(wallMidnight);
  return new Date(wallMidnight - berlinOffsetMs(guess)).toISOString();
}

/** Answers of feiertagejs by day: it recomputes the year's holidays on every call. */
const nrwHolidays = new Map<CalendarDate, boolean>();

function isNrwHoliday(date: CalendarDate, year: number, month: number, day: number): boolean {
  let holiday = nrwHolidays.get(date);
  if (holiday === undefined) {
    holiday = isHoliday(new Date(Date.UTC(year, month - 1, day, 12)), 'NW');
    nrwHolidays.set(date, holiday);
  }
  return holiday;
}

/** Monday to Friday and not a public holiday in NRW. */
export function isWorkingDay(date: CalendarDate): boolean {
  const [year, month, day] = parseDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !isNrwHoliday(date, year, month, day);
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
