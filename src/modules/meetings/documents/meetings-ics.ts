/**
 * An organization's meetings as an iCalendar feed (RFC 5545), written by hand: the
 * format is small, and a library would add a dependency for three rules (escaping,
 * folding, CRLF). All times are UTC, so no VTIMEZONE is needed; X-WR-TIMEZONE tells
 * clients which zone to show them in.
 *
 * A cancelled meeting stays in the feed with its UID and STATUS:CANCELLED, so
 * subscribed calendars remove it instead of keeping a stale entry.
 */
import type { CalendarMeeting } from '../meeting.types';

export interface MeetingsIcsOptions {
  /** ISO instant the feed is generated at (DTSTAMP). */
  now: string;
  /** The right-hand side of every UID (`meeting-<id>@<host>`); keep it stable. */
  host: string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;
/** Without an end, a meeting is shown as three hours long. */
const DEFAULT_DURATION_MS = 3 * 60 * 60 * 1000;

export function renderMeetingsIcs(
  calendarName: string,
  meetings: readonly CalendarMeeting[],
  options: MeetingsIcsOptions,
): string {
  const stamp = utc(options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ratsweg//Sitzungskalender//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
    'X-WR-TIMEZONE:Europe/Berlin',
    ...meetings.flatMap((meeting) => eventLines(meeting, stamp, options.host)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(meeting: CalendarMeeting, stamp: string, host: string): string[] {
  const start = parseInstant(meeting.start);
  const end = meeting.end === null ? new Date(start.getTime() + DEFAULT_DURATION_MS) : parseInstant(meeting.end);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(`meeting-${meeting.id}@${host}`)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${formatUtc(start)}`,
    `DTEND:${formatUtc(end)}`,
    `SUMMARY:${escapeText(`Sitzung ${meeting.organizationName}`)}`,
  ];
  if (meeting.location !== null && meeting.location.trim() !== '') lines.push(`LOCATION:${escapeText(meeting.location)}`);
  lines.push(
    `DESCRIPTION:${escapeText(description(meeting))}`,
    `SEQUENCE:${Math.max(0, Math.trunc(meeting.sequence))}`,
    `LAST-MODIFIED:${utc(meeting.updatedAt)}`,
    `STATUS:${meeting.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  );
  return lines;
}

function description(meeting: CalendarMeeting): string {
  const agenda =
    meeting.publicItems.length === 0
      ? 'Tagesordnung (öffentlicher Teil): noch nicht veröffentlicht'
      : ['Tagesordnung (öffentlicher Teil):', ...meeting.publicItems].join('\n');
  return meeting.cancelled ? `Die Sitzung ist abgesagt.\n\n${agenda}` : agenda;
}

function parseInstant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO instant: ${JSON.stringify(iso)}`);
  return date;
}

/** `20210831T150000Z` */
function formatUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function utc(iso: string): string {
  return formatUtc(parseInstant(iso));
}

/**
 * TEXT escaping (RFC 5545 3.3.11). Control characters other than tab are not allowed
 * in TEXT; line breaks become `\n`, the rest is dropped.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');
}

/**
 * Folds a content line into lines of at most 75 octets of UTF-8 (RFC 5545 3.1); each
 * continuation starts with a space, which counts against its 75. Iterating by code
 * point keeps a multi-byte character (and a surrogate pair) on one line.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
