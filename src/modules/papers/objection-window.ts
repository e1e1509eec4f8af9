/**
 * The Widerspruchsfrist of § 39 Abs. 1 KrO NRW as an instant: the end of the N-th calendar
 * day (Europe/Berlin) after the session day, i.e. 00:00 Berlin time of the day after it.
 * Pure (no clock): the caller passes the session's day and when the result was recorded.
 */
import { addDays, berlinDate, berlinMidnight } from '../meetings/invitation-period';

/**
 * The session day is the day the consultation was scheduled for, or the day the result is
 * recorded if that is earlier (a result is not taken before its day).
 */
export function objectionWindowEndsAt(scheduledDate: string | undefined, recordedAt: string, days: number): string {
  const recorded = berlinDate(recordedAt);
  const sessionDay = scheduledDate && scheduledDate < recorded ? scheduledDate : recorded;
  return berlinMidnight(addDays(sessionDay, days + 1));
}

/** Frühestens am dritten Tag, spätestens vier Wochen nach dem Widerspruch (§ 39 Abs. 1 KrO NRW). */
export function redecisionBounds(objectedAt: string): { day: string; earliestSessionDay: string; latestSessionDay: string } {
  const day = berlinDate(objectedAt);
  return { day, earliestSessionDay: addDays(day, 3), latestSessionDay: addDays(day, 28) };
}
