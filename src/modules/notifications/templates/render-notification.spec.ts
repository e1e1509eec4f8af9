import { escapeHtml } from '../../../shared/document-format';
import type { ExtractRef, MeetingRef, NotificationContent, NotificationKind, PaperRef, Recipient, TaskRef } from '../notification.types';
import { renderNotification } from './render-notification';
import type { ContentOf } from './template-format';

const recipient: Recipient = { name: 'AWD-Mitglied 01', email: 'awd-01@example.org' };

const awd: MeetingRef = {
  organizationName: 'Ausschuss für Wirtschaftspolitik und Digitales',
  start: '2021-08-31T15:00:00.000Z',
  location: 'Kreishaus Recklinghausen, Großer Sitzungssaal',
};
const kreistag: MeetingRef = {
  organizationName: 'Kreistag',
  start: '2021-12-13T16:00:00.000Z',
  location: 'Kreishaus Recklinghausen, Großer Sitzungssaal',
};
const released: PaperRef = { reference: '2021/119', title: 'Digitalisierungsstrategie für Schulen und Verwaltung' };
const draft: PaperRef = { reference: null, title: 'Digitalisierungsstrategie für Schulen und Verwaltung' };
const workshop: TaskRef = {
  title: 'Kick-off-Workshop Digitalisierungsstrategie',
  kindLabel: 'Workshop',
  paper: released,
  assigneeName: 'Sachbearbeitung',
  department: 'Stabsstelle Digitalisierung',
};

// One sample per kind; a kind added to NotificationContent without a sample fails to compile.
const SAMPLES: { readonly [K in NotificationKind]: ContentOf<K> } = {
  meetingInvitation: {
    kind: 'meetingInvitation',
    meeting: awd,
    urgent: false,
    publicItems: ['TOP 1 Eröffnung und Feststellung der Beschlussfähigkeit', 'TOP 2 Digitalisierungsstrategie (Vorlage 2021/119)'],
    nonPublicItemCount: 2,
  },
  meetingCancelled: { kind: 'meetingCancelled', meeting: awd, reason: 'Beschlussunfähigkeit absehbar' },
  meetingRescheduled: {
    kind: 'meetingRescheduled',
    meeting: { ...awd, start: '2021-09-07T15:00:00.000Z' },
    previousStart: awd.start,
    reason: 'Terminüberschneidung mit dem Kreistag',
  },
  signOffRequested: { kind: 'signOffRequested', paper: draft, roleLabel: 'Kämmerei' },
  signOffRejected: { kind: 'signOffRejected', paper: draft, roleLabel: 'Kämmerei', reason: 'Finanzierung ungeklärt' },
  released: { kind: 'released', paper: released },
  resultRecorded: { kind: 'resultRecorded', paper: released, organizationName: awd.organizationName, result: 'recommended' },
  decisionChallenged: {
    kind: 'decisionChallenged',
    paper: released,
    procedure: 'objection',
    reason: 'Die Finanzierung gefährdet das Wohl des Kreises.',
    byName: 'Klimpel',
    earliestSessionDay: '2021-10-04',
    latestSessionDay: '2021-10-29',
  },
  supervisionRequired: { kind: 'supervisionRequired', paper: released },
  invitationDue: { kind: 'invitationDue', meeting: awd, lastDay: '2021-08-23' },
  documentsDue: { kind: 'documentsDue', meeting: awd, paper: draft, paperState: 'signOff' },
  signOffWaiting: { kind: 'signOffWaiting', paper: draft, roleLabel: 'Kämmerei', waitingSince: '2021-08-02T08:00:00.000Z', workingDays: 2 },
  signOffEscalation: {
    kind: 'signOffEscalation',
    paper: draft,
    roleLabel: 'Kämmerei',
    waitingSince: '2021-08-02T08:00:00.000Z',
    workingDays: 5,
  },
  urgentDecisionApproval: { kind: 'urgentDecisionApproval', paper: released, decidedAt: '2021-08-20T10:30:00.000Z', nextMeeting: kreistag },
  taskDueSoon: { kind: 'taskDueSoon', task: workshop, dueDate: '2021-08-30' },
  taskOverdue: { kind: 'taskOverdue', task: { ...workshop, assigneeName: null, department: null }, dueDate: '2021-08-30' },
  decisionExtract: { kind: 'decisionExtract', extract: extract() },
  decisionExtractUndeliverable: { kind: 'decisionExtractUndeliverable', extract: extract({ unit: null }) },
};

function extract(overrides: Partial<ExtractRef> = {}): ExtractRef {
  return {
    title: 'Beschlussauszug: TOP 11 – Kreistag am 29.09.2021',
    itemNumber: '11',
    public: true,
    paper: released,
    unit: 'Kreisdirektor – Digitalisierung',
    sha256: 'a'.repeat(64),
    ...overrides,
  };
}

const EXPECTED_SUBJECTS: { readonly [K in NotificationKind]: string } = {
  meetingInvitation: 'Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 31.08.2021, 17:00 Uhr',
  meetingCancelled: 'Abgesagt: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 31.08.2021, 17:00 Uhr',
  meetingRescheduled:
    'Verlegt: Sitzung Ausschuss für Wirtschaftspolitik und Digitales vom 31.08.2021, 17:00 Uhr auf den 07.09.2021, 17:00 Uhr',
  signOffRequested: 'Mitzeichnung erbeten: Digitalisierungsstrategie für Schulen und Verwaltung',
  signOffRejected: 'Mitzeichnung abgelehnt: Digitalisierungsstrategie für Schulen und Verwaltung',
  released: 'Vorlage 2021/119 freigegeben',
  resultRecorded: 'Beratungsergebnis: Vorlage 2021/119 – empfohlen',
  decisionChallenged: 'Widerspruch: Vorlage 2021/119',
  supervisionRequired: 'Entscheidung der Aufsichtsbehörde einholen: Vorlage 2021/119',
  invitationDue: 'Erinnerung: Ladungsfrist endet am Montag, 23.08.2021',
  documentsDue:
    'Erinnerung: Unterlagen für die Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 31.08.2021, 17:00 Uhr fehlen noch',
  signOffWaiting:
    'Erinnerung: Vorlage „Digitalisierungsstrategie für Schulen und Verwaltung“ wartet seit 2 Arbeitstagen auf Mitzeichnung',
  signOffEscalation:
    'Eskalation: Vorlage „Digitalisierungsstrategie für Schulen und Verwaltung“ wartet seit 5 Arbeitstagen auf Mitzeichnung (Kämmerei)',
  urgentDecisionApproval:
    'Dringlichkeitsentscheidung zur Genehmigung: Vorlage 2021/119 – Digitalisierungsstrategie für Schulen und Verwaltung',
  taskDueSoon: 'Erinnerung: Workshop „Kick-off-Workshop Digitalisierungsstrategie“ ist am 30.08.2021 fällig',
  taskOverdue: 'Überfällig: Workshop „Kick-off-Workshop Digitalisierungsstrategie“ (fällig seit 30.08.2021)',
  decisionExtract: 'Beschlussauszug: TOP 11 – Kreistag am 29.09.2021',
  decisionExtractUndeliverable: 'Nicht versandt: Beschlussauszug: TOP 11 – Kreistag am 29.09.2021',
};

const ALL = Object.values(SAMPLES) as NotificationContent[];
const HTML_TAG = /<\/?[a-z][^>]*>/i;

function render(content: NotificationContent, appUrl?: string) {
  return renderNotification(content, recipient, appUrl === undefined ? {} : { appUrl });
}

describe('renderNotification', () => {
  it.each(ALL.map((content) => [content.kind, content] as const))('%s: German subject, salutation, closing, both parts', (kind, content) => {
    const mail = render(content);

    expect(mail.subject).toBe(EXPECTED_SUBJECTS[kind]);
    expect(mail.text.startsWith('Guten Tag AWD-Mitglied 01,\n\n')).toBe(true);
    expect(mail.text).toMatch(/(Mit freundlichen Grüßen\nIhr Sitzungsdienst|Diese Nachricht wurde automatisch von ratsweg erzeugt\.)\n$/);
    expect(mail.text).not.toMatch(HTML_TAG);
    expect(mail.text).not.toContain('&amp;');
    expect(mail.text).not.toMatch(/undefined|null|NaN|\[object/);

    expect(mail.html.startsWith('<!doctype html>\n<html lang="de">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
    expect(mail.html).toContain('<p>Guten Tag AWD-Mitglied 01,</p>');
    expect(mail.html.trimEnd().endsWith('</body>\n</html>')).toBe(true);
    expect(mail.html).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it('keeps umlauts and ß as they are in subject, text and HTML', () => {
    const mail = render(SAMPLES.meetingInvitation);
    expect(mail.subject).toContain('Ausschuss für Wirtschaftspolitik');
    expect(mail.text).toContain('Großer Sitzungssaal');
    expect(mail.text).toContain('Beschlussfähigkeit');
    expect(mail.html).toContain('Großer Sitzungssaal');
    expect(mail.html).toContain('nichtöffentlichen Teil');
  });

  it('shows dates and times in Europe/Berlin, in summer and in winter', () => {
    const summer = render(SAMPLES.meetingInvitation);
    expect(summer.text).toContain('Termin: Dienstag, 31. August 2021, 17:00 Uhr');
    expect(summer.subject).toContain('31.08.2021, 17:00 Uhr');

    const winter = render({ ...SAMPLES.meetingCancelled, meeting: { ...awd, start: '2021-12-01T16:00:00.000Z' } });
    expect(winter.subject).toContain('01.12.2021, 17:00 Uhr');

    // 22:00 UTC on the 22nd is midnight of the 23rd in Berlin.
    const late = render({ ...SAMPLES.invitationDue, lastDay: '2021-08-22T22:00:00.000Z' });
    expect(late.subject).toBe('Erinnerung: Ladungsfrist endet am Montag, 23.08.2021');
  });

  it('lists the public items of an invitation and only counts the non-public ones', () => {
    const mail = render(SAMPLES.meetingInvitation);
    expect(mail.text).toContain('Tagesordnung, öffentlicher Teil:\n- TOP 1 Eröffnung und Feststellung der Beschlussfähigkeit\n- TOP 2');
    expect(mail.text).toContain('sowie 2 Punkte im nichtöffentlichen Teil');
    expect(mail.html).toContain('<li>TOP 2 Digitalisierungsstrategie (Vorlage 2021/119)</li>');
    expect(mail.html).toContain('sowie 2 Punkte im nichtöffentlichen Teil');

    expect(render({ ...SAMPLES.meetingInvitation, nonPublicItemCount: 1 }).text).toContain('sowie 1 Punkt im nichtöffentlichen Teil');
    expect(render({ ...SAMPLES.meetingInvitation, nonPublicItemCount: 0 }).text).not.toContain('nichtöffentlich');
    expect(render({ ...SAMPLES.meetingInvitation, publicItems: [] }).text).toContain('Die Tagesordnung umfasst 2 Punkte im nichtöffentlichen Teil.');
  });

  it('marks an urgent invitation in the subject and gives the reason', () => {
    const mail = render({ ...SAMPLES.meetingInvitation, urgent: true, reason: 'Förderfrist endet am 15.09.2021' });
    expect(mail.subject).toBe('Dringliche Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 31.08.2021, 17:00 Uhr');
    expect(mail.text).toContain('Grund der Dringlichkeit: Förderfrist endet am 15.09.2021');
  });

  it('gives the old and the new time of a rescheduled meeting', () => {
    const mail = render(SAMPLES.meetingRescheduled);
    expect(mail.text).toContain('Bisheriger Termin: Dienstag, 31. August 2021, 17:00 Uhr');
    expect(mail.text).toContain('Neuer Termin: Dienstag, 7. September 2021, 17:00 Uhr');
    expect(mail.text).toContain('Grund: Terminüberschneidung mit dem Kreistag');
  });

  it('§ 39 KrO NRW: a Widerspruch names its reasons and the days the new session must lie between; a Beanstandung says the decision is suspended', () => {
    const objection = render(SAMPLES.decisionChallenged);
    expect(objection.text).toContain('Widerspruch (§ 39 Abs. 1 KrO NRW)');
    expect(objection.text).toContain('Begründung: Die Finanzierung gefährdet das Wohl des Kreises.');
    expect(objection.text).toContain('zwischen dem 04.10.2021 und dem 29.10.2021');
    const contest = render({ ...SAMPLES.decisionChallenged, procedure: 'contest', earliestSessionDay: undefined, latestSessionDay: undefined });
    expect(contest.subject).toBe('Beanstandung: Vorlage 2021/119');
    expect(contest.text).toContain('Beanstandung (§ 39 Abs. 2 KrO NRW)');
    expect(contest.text).toContain('ruht die Ausführung');
  });

  it('names a released paper by reference and title', () => {
    expect(render({ ...SAMPLES.signOffRequested, paper: released }).subject).toBe(
      'Mitzeichnung erbeten: Vorlage 2021/119 – Digitalisierungsstrategie für Schulen und Verwaltung',
    );
    expect(render({ ...SAMPLES.signOffWaiting, paper: released }).subject).toBe(
      'Erinnerung: Vorlage 2021/119 – Digitalisierungsstrategie für Schulen und Verwaltung wartet seit 2 Arbeitstagen auf Mitzeichnung',
    );
    expect(render({ ...SAMPLES.signOffWaiting, workingDays: 1 }).subject).toContain('wartet seit 1 Arbeitstag auf');
  });

  it.each([
    ['recommended', 'empfohlen'],
    ['not_recommended', 'nicht empfohlen'],
    ['adopted', 'beschlossen'],
    ['adopted_amended', 'mit Änderungen beschlossen'],
    ['rejected', 'abgelehnt'],
    ['postponed', 'vertagt'],
    ['referred', 'verwiesen'],
    ['noted', 'zur Kenntnis genommen'],
  ])('labels the result %s as "%s"', (result, label) => {
    const mail = render({ ...SAMPLES.resultRecorded, result });
    expect(mail.subject).toBe(`Beratungsergebnis: Vorlage 2021/119 – ${label}`);
    expect(mail.text).toContain(`Ergebnis: ${label}`);
    expect(mail.text).toContain('Gremium: Ausschuss für Wirtschaftspolitik und Digitales');
  });

  it.each([
    ['draft', 'Entwurf'],
    ['signOff', 'in der Mitzeichnung'],
  ])('translates the paper state %s in the documents reminder', (paperState, label) => {
    const mail = render({ ...SAMPLES.documentsDue, paperState });
    expect(mail.text).toContain(`Stand: ${label}`);
    expect(mail.text).toContain('Vorlage: Digitalisierungsstrategie für Schulen und Verwaltung');
  });

  it('names the next Kreistag session for an urgent decision, or says there is none', () => {
    const planned = render(SAMPLES.urgentDecisionApproval);
    expect(planned.text).toContain('am Freitag, 20. August 2021, 12:30 Uhr eine Dringlichkeitsentscheidung');
    expect(planned.text).toContain('Nächste Sitzung: Sitzung Kreistag am Montag, 13. Dezember 2021, 17:00 Uhr');

    const none = render({ ...SAMPLES.urgentDecisionApproval, nextMeeting: null });
    expect(none.text).toContain('Eine nächste Sitzung des Kreistags ist noch nicht geplant.');
    expect(none.text).not.toContain('Nächste Sitzung:');
  });

  it('escapes every interpolated value in the HTML part', () => {
    const evil = '<script>alert("x")</script> & Co';
    const mail = renderNotification(
      { ...SAMPLES.signOffRejected, paper: { reference: null, title: evil }, reason: '<b>nein</b>' },
      { name: '<img src=x onerror=alert(1)>', email: 'x@example.org' },
      {},
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.html).toContain('<title>Mitzeichnung abgelehnt: &lt;script&gt;');
    // The text part is plain text: the title is shown as written.
    expect(mail.text).toContain(evil);
  });

  it('keeps subject and list items on one line and reasons on several', () => {
    const mail = render({ ...SAMPLES.meetingCancelled, meeting: { ...awd, organizationName: 'Kreis-\nausschuss' }, reason: 'Erstens.\r\nZweitens.' });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('Grund: Erstens.\nZweitens.');
    expect(mail.html).toContain('Erstens.<br>\nZweitens.');
  });

  it('adds a link to the app when an appUrl is given', () => {
    const mail = render(SAMPLES.released, 'https://ratsweg.kreis-re.de/');
    expect(mail.text).toContain('ratsweg öffnen: https://ratsweg.kreis-re.de/');
    expect(mail.html).toContain('<a href="https://ratsweg.kreis-re.de/">ratsweg öffnen</a>');
    expect(render(SAMPLES.released).text).not.toContain('ratsweg öffnen');
    expect(() => render(SAMPLES.released, 'javascript:alert(1)')).toThrow(RangeError);
  });

  it('names the task, its decision, its due day and who is responsible, or that nobody is', () => {
    const soon = render(SAMPLES.taskDueSoon);
    expect(soon.text).toContain('Umsetzung der Vorlage 2021/119 – Digitalisierungsstrategie für Schulen und Verwaltung ist am Montag, 30.08.2021 fällig.');
    expect(soon.text).toContain('Maßnahme: Workshop: Kick-off-Workshop Digitalisierungsstrategie');
    expect(soon.text).toContain('Zuständig: Sachbearbeitung, Stabsstelle Digitalisierung');
    const overdue = render(SAMPLES.taskOverdue);
    expect(overdue.text).toContain('ist überfällig: sie war am Montag, 30.08.2021 fällig.');
    expect(overdue.text).toContain('Zuständig: nicht zugewiesen');
  });
  it('Beschlussauszug: to the unit, naming it, the paper, the part and the extract’s hash', () => {
    const mail = render(SAMPLES.decisionExtract);
    expect(mail.text).toContain('Beschlussauszug zu TOP 11 aus der unterzeichneten Niederschrift für die Organisationseinheit „Kreisdirektor – Digitalisierung“');
    expect(mail.text).toContain('Vorlage: 2021/119 – Digitalisierungsstrategie für Schulen und Verwaltung');
    expect(mail.text).toContain('Teil: öffentlich');
    expect(mail.text).toContain(`SHA-256 des Auszugs: ${'a'.repeat(64)}`);
    expect(mail.text).toContain('als HTML-Datei beigefügt');
    const internal = render({ kind: 'decisionExtract', extract: extract({ public: false }) });
    expect(internal.text).toContain('Teil: nichtöffentlich – nur für den Dienstgebrauch');
  });

  it('Beschlussauszug not sent: tells the committee office why (no unit named, or no mailbox for the unit)', () => {
    expect(render(SAMPLES.decisionExtractUndeliverable).text).toContain(
      'der Beschlussauszug zu TOP 11 konnte nicht versandt werden: die Vorlage nennt keine zuständige Organisationseinheit.',
    );
    const noMailbox = render({ kind: 'decisionExtractUndeliverable', extract: extract({ unit: 'Kämmerei' }) });
    expect(noMailbox.text).toContain('konnte nicht versandt werden: für die Organisationseinheit „Kämmerei“ ist kein Postfach hinterlegt.');
    expect(noMailbox.text).toContain('Bitte leiten Sie ihn an die zuständige Stelle weiter');
  });
});
