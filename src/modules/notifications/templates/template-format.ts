/**
 * Wording shared by the notification templates: how a meeting, a paper, a result or a
 * waiting time reads in a German mail. Dates are formatted in Europe/Berlin
 * (document-format.ts); a calendar date without time ('2021-08-23') is taken as that day.
 */
import { formatDateShort, formatDateTime, formatTime } from '../../../shared/document-format';
import { CONSULTATION_RESULT_LABELS } from '../../papers/paper.types';
import type { MeetingRef, NotificationContent, NotificationKind, PaperRef } from '../notification.types';

const RESULT_LABELS: Readonly<Record<string, string>> = CONSULTATION_RESULT_LABELS;

/** The content of one kind, e.g. `ContentOf<'meetingInvitation'>`. */
export type ContentOf<K extends NotificationKind> = Extract<NotificationContent, { kind: K }>;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

const WEEKDAY_DATE_SHORT = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  weekday: 'long',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** Noon UTC is the same calendar day in Berlin all year, so a bare date keeps its day. */
function dayInstant(value: string): string {
  return CALENDAR_DATE.test(value) ? `${value}T12:00:00.000Z` : value;
}

/** "31.08.2021, 17:00 Uhr" */
export function shortDateTime(iso: string): string {
  return `${formatDateShort(iso)}, ${formatTime(iso)} Uhr`;
}

/** "Dienstag, 31. August 2021, 17:00 Uhr" */
export function longDateTime(iso: string): string {
  return formatDateTime(iso);
}

/** "Montag, 23.08.2021"; accepts an instant or a calendar date. */
export function weekdayDate(value: string): string {
  const date = new Date(dayInstant(value));
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO date: ${JSON.stringify(value)}`);
  return WEEKDAY_DATE_SHORT.format(date);
}

/** "31.08.2021"; accepts an instant or a calendar date. */
export function shortDate(value: string): string {
  return formatDateShort(dayInstant(value));
}

/** "Sitzung Ausschuss für Digitales am 31.08.2021, 17:00 Uhr" (subjects). */
export function meetingSubject(meeting: MeetingRef): string {
  return `Sitzung ${meeting.organizationName} am ${shortDateTime(meeting.start)}`;
}

/** "Sitzung Ausschuss für Digitales am Dienstag, 31. August 2021, 17:00 Uhr" (body text). */
export function meetingPhrase(meeting: MeetingRef): string {
  return `Sitzung ${meeting.organizationName} am ${longDateTime(meeting.start)}`;
}

/** "Vorlage 2021/119 – Titel", or just the title before release (no reference yet). */
export function paperLabel(paper: PaperRef): string {
  return paper.reference ? `Vorlage ${paper.reference} – ${paper.title}` : paper.title;
}

/** "2021/119 – Titel", or just the title: the value next to a "Vorlage" label. */
export function paperIdentity(paper: PaperRef): string {
  return paper.reference ? `${paper.reference} – ${paper.title}` : paper.title;
}

/** "Vorlage 2021/119 – Titel", or "Vorlage „Titel“": for sentences that name the paper. */
export function paperPhrase(paper: PaperRef): string {
  return paper.reference ? `Vorlage ${paper.reference} – ${paper.title}` : `Vorlage „${paper.title}“`;
}

/** "Vorlage 2021/119", or "Vorlage „Titel“" before release. */
export function paperShortPhrase(paper: PaperRef): string {
  return paper.reference ? `Vorlage ${paper.reference}` : `Vorlage „${paper.title}“`;
}

/** Consultation results in the words of the minutes; an unknown result is shown as stored. */
export function resultLabel(result: string): string {
  return RESULT_LABELS[result] ?? result;
}

const PAPER_STATE_LABELS: Readonly<Record<string, string>> = {
  draft: 'Entwurf',
  signOff: 'in der Mitzeichnung',
};

/** The states a paper can still be in when its documents are due; others are shown as stored. */
export function paperStateLabel(state: string): string {
  return PAPER_STATE_LABELS[state] ?? state;
}

/** "seit 1 Arbeitstag", "seit 2 Arbeitstagen" (dative after "seit"). */
export function sinceWorkingDays(days: number): string {
  return days === 1 ? 'seit 1 Arbeitstag' : `seit ${days} Arbeitstagen`;
}

/** "1 Punkt", "2 Punkte" */
export function itemCount(count: number): string {
  return count === 1 ? '1 Punkt' : `${count} Punkte`;
}
