/**
 * The two shapes business times take on the wire: a calendar day `YYYY-MM-DD` (a Berlin
 * day: a due day, a planned session day) and an instant with its offset
 * (`2021-08-31T17:00:00+02:00`). Exact forms only: a day with a time, an instant without
 * an offset, or 31.02. would each be read as something the client did not say.
 */
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** A YYYY-MM-DD that names a real day (no 31.02.). */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DAY_PATTERN.exec(value) : null;
  if (!match) return false;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** An ISO 8601 instant with a time and an offset (Z or ±hh:mm), on a real day. */
export function isInstant(value: unknown): value is string {
  const match = typeof value === 'string' ? INSTANT_PATTERN.exec(value) : null;
  return match !== null && isCalendarDate(match[1]) && Number.isFinite(Date.parse(value as string));
}

const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/Berlin calendar day (YYYY-MM-DD) of an instant. */
export function berlinDay(instant: Date | string): string {
  return BERLIN_DAY.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** A calendar day moved by `days` (negative: back). */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
