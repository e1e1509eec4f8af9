/**
 * Text helpers shared by the German meeting documents. Every instant is shown in
 * Europe/Berlin explicitly: the server (and jest, with TZ=UTC) runs in UTC, and a
 * council meeting at 17:00 must never print as 15:00.
 */

const ZONE = 'Europe/Berlin';

// Intl formatters are costly to build; one each is enough.
const DATE_LONG = new Intl.DateTimeFormat('de-DE', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const DATE_NO_WEEKDAY = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const DATE_SHORT = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
// h23, not hour12:false: some ICU versions print midnight as "24:00" with the latter.
const TIME = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function instant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO instant: ${JSON.stringify(iso)}`);
  return date;
}

/** "Dienstag, 31. August 2021" */
export function formatDate(iso: string): string {
  return DATE_LONG.format(instant(iso));
}

/** "31. August 2021" */
export function formatDateWithoutWeekday(iso: string): string {
  return DATE_NO_WEEKDAY.format(instant(iso));
}

/** "31.08.2021" */
export function formatDateShort(iso: string): string {
  return DATE_SHORT.format(instant(iso));
}

/** "17:00" (callers add "Uhr"). */
export function formatTime(iso: string): string {
  return TIME.format(instant(iso));
}

/** "Dienstag, 31. August 2021, 17:00 Uhr" */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)}, ${formatTime(iso)} Uhr`;
}

/** Whether two instants fall on the same calendar day in Berlin. */
export function sameBerlinDay(a: string, b: string): boolean {
  return formatDateShort(a) === formatDateShort(b);
}

/** "Sitzung am Dienstag, 31. August 2021, 17:00 Uhr" */
export function sessionLine(start: string): string {
  return `Sitzung am ${formatDateTime(start)}`;
}

/**
 * Escapes text for HTML element content and quoted attribute values. C0 control
 * characters other than tab, newline, form feed and carriage return are dropped:
 * they are parse errors in HTML and never meant to be shown.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A self-contained German HTML page: title escaped here, body parts already escaped by
 * the caller. `style` goes into the head (documents) or onto <body> (mails, whose
 * clients often drop <style> elements).
 */
export function htmlPage(title: string, body: readonly string[], style: { css?: string; bodyStyle?: string } = {}): string {
  return [
    '<!doctype html>',
    '<html lang="de">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    ...(style.css ? [`<style>\n${style.css}\n</style>`] : []),
    '</head>',
    style.bodyStyle ? `<body style="${style.bodyStyle}">` : '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const GERMAN_DAY = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });

/** "02.10.2021" for a window ending at 00:00 on 03.10.2021 (Berlin): the last day of the window. */
export function lastDayOfWindow(endsAt: string): string {
  return GERMAN_DAY.format(new Date(Date.parse(endsAt) - 1));
}

/** "05.10.2021" for "2021-10-05". */
export function germanDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}
