/**
 * Calendar days as German administrations count them: every business date is a day in
 * Europe/Berlin, whatever TZ the process runs in. Days are 'YYYY-MM-DD' strings, computed
 * with Intl (instant → Berlin day) or with UTC arithmetic on the day itself (day → day),
 * never with the local-time Date methods. Working days are Monday to Friday except NRW's
 * public holidays (feiertagejs, region 'NW'; it reads a Date as a Berlin day, so a day is
 * handed to it as 12:00 UTC, the same Berlin day in summer and winter).
 *
 * Shared by meetings (Ladungsfrist), deadlines (reminders) and tasks (due days). Pure: no
 * clock, no Nest, no database; invalid input throws a RangeError.
 */
import { isHoliday } from 'feiertagejs';

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

export function toMs(instant: string | Date): number {
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

export function parseDate(date: CalendarDate): [number, number, number] {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (formatUtcDay(Date.UTC(year, month - 1, day)) !== date) throw new RangeError(`no such day: ${date}`);
  return [year, month, day];
}

export function formatUtcDay(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayMs(date: CalendarDate): number {
  const [year, month, day] = parseDate(date);
  return Date.UTC(year, month - 1, day);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return formatUtcDay(dayMs(date) + days * MS_PER_DAY);
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
