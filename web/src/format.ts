/**
 * German wording and formats of the console: dates as 31.08.2021, times in
 * Europe/Berlin whatever the browser's zone, numbers de-DE.
 */
const TIME_ZONE = 'Europe/Berlin';

const dateTime = new Intl.DateTimeFormat('de-DE', { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
const weekdayDate = new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' });
const numbers = new Intl.NumberFormat('de-DE');

/** A calendar day `YYYY-MM-DD` as `31.08.2021` (no time zone: it is a day, not an instant). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '–';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : day;
}

/** A calendar day with its weekday: `Di., 31.08.2021`. */
export function formatDayWithWeekday(day: string | null | undefined): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return formatDay(day);
  return weekdayDate.format(new Date(`${day}T00:00:00Z`));
}

/** An instant in Berlin time: `31.08.2021, 17:00`. */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '–';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : dateTime.format(date);
}

export function formatNumber(value: number): string {
  return numbers.format(value);
}

export const ROLE_LABELS: Record<string, string> = {
  clerk: 'Sachbearbeitung',
  department_head: 'Fachbereichsleitung',
  district_director: 'Kreisdirektor',
  district_administrator: 'Landrat',
  committee_office: 'Sitzungsdienst',
  auditor: 'Rechnungsprüfung',
  admin: 'Administration',
  operator: 'Systembetrieb',
};

export const PAPER_STATE_LABELS: Record<string, string> = {
  draft: 'Entwurf',
  signOff: 'In Mitzeichnung',
  deliberation: 'In Beratung',
  urgentlyDecided: 'Dringlich entschieden',
  adopted: 'Beschlossen',
  inImplementation: 'In Umsetzung',
  closed: 'Abgeschlossen',
  rejected: 'Abgelehnt',
  overturned: 'Aufgehoben',
  withdrawn: 'Zurückgezogen',
  noted: 'Zur Kenntnis genommen',
};

export const STATE_DETAIL_LABELS: Record<string, string> = {
  awaitingAgenda: 'wartet auf Tagesordnung',
  scheduled: 'auf der Tagesordnung',
};

export function paperStateLabel(state: string, detail?: string | null): string {
  const top = PAPER_STATE_LABELS[state] ?? state;
  return detail ? `${top} (${STATE_DETAIL_LABELS[detail] ?? detail})` : top;
}

export const CONSULTATION_ROLE_LABELS: Record<string, string> = {
  preliminary: 'Vorberatung',
  decisive: 'Entscheidung',
  info: 'Kenntnisnahme',
};

export const RESULT_LABELS: Record<string, string> = {
  recommended: 'empfohlen',
  not_recommended: 'nicht empfohlen',
  adopted: 'beschlossen',
  adopted_amended: 'geändert beschlossen',
  rejected: 'abgelehnt',
  postponed: 'vertagt',
  referred: 'verwiesen',
  noted: 'zur Kenntnis genommen',
};

export const CLIMATE_LABELS: Record<string, string> = {
  none: 'Keine unmittelbaren Auswirkungen',
  positive: 'Positive Auswirkungen',
  negative: 'Negative Auswirkungen',
};

/** Paper events: the button's label and, in the history, what happened. */
export const EVENT_LABELS: Record<string, { action: string; done: string }> = {
  CREATE: { action: 'Anlegen', done: 'angelegt' },
  UPDATE: { action: 'Bearbeiten', done: 'bearbeitet' },
  SUBMIT: { action: 'Zur Mitzeichnung einreichen', done: 'zur Mitzeichnung eingereicht' },
  SIGN: { action: 'Zeichnen', done: 'gezeichnet' },
  REJECT_SIGNOFF: { action: 'Zeichnung ablehnen', done: 'Zeichnung abgelehnt' },
  SCHEDULE: { action: 'Auf die Tagesordnung setzen', done: 'auf die Tagesordnung gesetzt' },
  UNSCHEDULE: { action: 'Von der Tagesordnung nehmen', done: 'von der Tagesordnung genommen' },
  RECORD_RESULT: { action: 'Ergebnis eintragen', done: 'Ergebnis eingetragen' },
  URGENT_DECISION: { action: 'Dringlichkeitsentscheidung', done: 'dringlich entschieden' },
  APPROVE_URGENT_DECISION: { action: 'Dringlichkeitsentscheidung genehmigen', done: 'Dringlichkeitsentscheidung genehmigt' },
  OVERTURN_URGENT_DECISION: { action: 'Dringlichkeitsentscheidung aufheben', done: 'Dringlichkeitsentscheidung aufgehoben' },
  WITHDRAW: { action: 'Zurückziehen', done: 'zurückgezogen' },
  START_IMPLEMENTATION: { action: 'Umsetzung beginnen', done: 'Umsetzung begonnen' },
  CLOSE: { action: 'Abschließen', done: 'abgeschlossen' },
  PREPARE_TASK: { action: 'Maßnahme vorbereiten', done: 'Maßnahme vor dem Beschluss vorbereitet' },
};

export function eventDone(type: string): string {
  return EVENT_LABELS[type]?.done ?? type;
}

export const MEETING_STATE_LABELS: Record<string, string> = {
  planned: 'geplant',
  invited: 'eingeladen',
  inSession: 'in Sitzung',
  held: 'durchgeführt',
  minutesSigned: 'Niederschrift unterzeichnet',
  minutesApproved: 'Niederschrift genehmigt',
  cancelled: 'abgesagt',
};

export const TASK_KIND_LABELS: Record<string, string> = {
  workshop: 'Workshop',
  tender: 'Ausschreibung',
  funding_application: 'Förderantrag',
  generic: 'Maßnahme',
};

/** What an error code means for the user; the API's own message is shown beside it. */
export const ERROR_CODE_LABELS: Record<string, string> = {
  'AUTH.INVALID_CREDENTIALS': 'Benutzername oder Passwort ist falsch.',
  'AUTH.TOO_MANY_ATTEMPTS': 'Zu viele fehlgeschlagene Anmeldungen. Bitte später erneut versuchen.',
  'AUTH.UNAUTHENTICATED': 'Die Sitzung ist abgelaufen. Bitte erneut anmelden.',
  'AUTH.FORBIDDEN': 'Dafür fehlt Ihnen die Berechtigung.',
  'AUTH.CSRF_REQUIRED': 'Die Anfrage konnte nicht bestätigt werden. Bitte die Seite neu laden.',
  'COMMON.BAD_INPUT': 'Die Eingabe ist unvollständig oder ungültig.',
  'COMMON.NOT_FOUND': 'Nicht gefunden.',
  'COMMON.SERVICE_UNAVAILABLE': 'Der Dienst ist kurz nicht erreichbar. Bitte gleich erneut versuchen.',
  'WORKFLOW.TRANSITION_NOT_ALLOWED': 'Dieser Schritt ist jetzt nicht möglich.',
  'WORKFLOW.STALE_VERSION': 'Die Vorlage wurde inzwischen geändert. Der aktuelle Stand ist geladen.',
  'PAPER.NOT_EDITABLE': 'Nur ein Entwurf kann bearbeitet werden.',
  'PAPER.ON_AGENDA': 'Die Vorlage steht auf einer Tagesordnung und wird über die Sitzung bewegt.',
};
