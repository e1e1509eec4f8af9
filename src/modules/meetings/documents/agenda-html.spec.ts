import type { AgendaItemDocument, MeetingDocument } from '../meeting.types';
import { renderAgendaHtml } from './agenda-html';

const SECRET_TITLE = 'Grundstücksankauf Geheimweg 7';
const SECRET_REFERENCE = '2021/987';
const SECRET_REPORTER = 'Frau Verschwiegen';

function item(overrides: Partial<AgendaItemDocument> & Pick<AgendaItemDocument, 'number' | 'title'>): AgendaItemDocument {
  return { public: true, lateAddition: false, status: 'open', biased: [], ...overrides };
}

function meeting(overrides: Partial<MeetingDocument> = {}): MeetingDocument {
  return {
    bodyName: 'Kreis Recklinghausen',
    organizationName: 'Ausschuss für Digitalisierung',
    start: '2021-08-31T15:00:00.000Z',
    end: '2021-08-31T18:00:00.000Z',
    location: 'Kreishaus Recklinghausen, Sitzungssaal',
    state: 'invited',
    items: [
      item({ number: '1', title: 'Eröffnung und Feststellung der Beschlussfähigkeit' }),
      item({ number: '2.a', title: 'Digitalisierungsstrategie', paperReference: '2021/119', reporter: 'Herr Haumann' }),
      item({ number: '3', title: SECRET_TITLE, public: false, paperReference: SECRET_REFERENCE, reporter: SECRET_REPORTER }),
    ],
    attendance: [],
    ...overrides,
  };
}

describe('renderAgendaHtml', () => {
  it('is a complete German HTML document with the date and time in Berlin', () => {
    const html = renderAgendaHtml(meeting(), { part: 'all' });
    expect(html.startsWith('<!doctype html>\n<html lang="de">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<title>Tagesordnung[^<]*<\/title>/);
    expect(html).toContain('Kreis Recklinghausen');
    expect(html).toContain('Ausschuss für Digitalisierung');
    expect(html).toContain('Sitzung am Dienstag, 31. August 2021, 17:00 Uhr');
    expect(html).toContain('Ort: Kreishaus Recklinghausen, Sitzungssaal');
    expect(html).toContain('<h2>Öffentlicher Teil</h2>');
    expect(html).toContain('<h2>Nichtöffentlicher Teil</h2>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('shows number, paper reference and reporter of an item', () => {
    const html = renderAgendaHtml(meeting(), { part: 'all' });
    expect(html).toContain('TOP 2.a');
    expect(html).toContain('Digitalisierungsstrategie');
    expect(html).toContain('Vorlage 2021/119');
    expect(html).toContain('Berichterstattung: Herr Haumann');
    // With part 'all' the non-public item is there, after the public one.
    expect(html.indexOf(SECRET_TITLE)).toBeGreaterThan(html.indexOf('Nichtöffentlicher Teil'));
    expect(html).toContain(`Vorlage ${SECRET_REFERENCE}`);
  });

  it('leaves out everything of a non-public item in the public part', () => {
    const html = renderAgendaHtml(meeting(), { part: 'public' });
    expect(html).toContain('Digitalisierungsstrategie');
    for (const secret of [SECRET_TITLE, 'Geheimweg', SECRET_REFERENCE, SECRET_REPORTER, 'TOP 3', 'Nichtöffentlich']) {
      expect(html).not.toContain(secret);
    }
    // Nor in an escaped form (a leak through an attribute or comment would be escaped too).
    expect(html).not.toContain('Grundst&uuml;cksankauf');
  });

  it('treats an item without a public flag as non-public', () => {
    const unflagged = { ...item({ number: '4', title: SECRET_TITLE }), public: undefined } as unknown as AgendaItemDocument;
    const html = renderAgendaHtml(meeting({ items: [unflagged] }), { part: 'public' });
    expect(html).not.toContain(SECRET_TITLE);
    expect(html).toContain('Keine Tagesordnungspunkte.');
  });

  it('escapes all interpolated text', () => {
    const html = renderAgendaHtml(
      meeting({
        organizationName: 'Rat & <Ausschuss>',
        location: '"Saal" \'B\'',
        items: [item({ number: '1<b>', title: '<script>alert("x")</script>', reporter: '<img src=x onerror=alert(1)>' })],
      }),
      { part: 'public' },
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('1<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Rat &amp; &lt;Ausschuss&gt;');
    expect(html).toContain('Ort: &quot;Saal&quot; &#39;B&#39;');
  });

  it('marks a Nachtrag with its urgency and strikes a removed item', () => {
    const html = renderAgendaHtml(
      meeting({
        items: [
          item({ number: '4', title: 'Eilantrag Breitband', lateAddition: true, urgentReason: 'Förderfrist endet am 15.09.' }),
          item({ number: '5', title: 'Radwegekonzept', status: 'removed' }),
        ],
      }),
      { part: 'all' },
    );
    expect(html).toMatch(/Eilantrag Breitband<\/span> <span class="marker">\(Nachtrag\)<\/span>/);
    expect(html).toContain('Dringlichkeit: Förderfrist endet am 15.09.');
    expect(html).toContain('<s><span class="title">Radwegekonzept</span></s> <span class="marker">(abgesetzt)</span>');
    expect(html).not.toMatch(/<s>[^]*Eilantrag/);
  });

  it('leaves the Nachträge out of the invited version', () => {
    const doc = meeting({
      invitedAt: '2021-08-20T08:30:00.000Z',
      items: [item({ number: '1', title: 'Eröffnung' }), item({ number: '4', title: 'Eilantrag Breitband', lateAddition: true })],
    });
    const html = renderAgendaHtml(doc, { part: 'all', version: 'invited' });
    expect(html).toContain('Eröffnung');
    expect(html).not.toContain('Eilantrag');
    expect(html).toContain('Stand der Einladung vom Freitag, 20. August 2021, 10:30 Uhr');
    expect(renderAgendaHtml(doc, { part: 'all', version: 'current' })).toContain('Eilantrag');
  });

  it('says that a cancelled meeting is cancelled, with the reason', () => {
    const html = renderAgendaHtml(meeting({ state: 'cancelled', cancelledReason: 'Beschlussunfähigkeit absehbar' }), { part: 'public' });
    expect(html).toContain('Die Sitzung ist abgesagt.\nGrund: Beschlussunfähigkeit absehbar');
    expect(renderAgendaHtml(meeting(), { part: 'public' })).not.toContain('abgesagt');
  });

  it('formats a winter date in CET', () => {
    const html = renderAgendaHtml(meeting({ start: '2021-12-14T16:00:00.000Z' }), { part: 'public' });
    expect(html).toContain('Sitzung am Dienstag, 14. Dezember 2021, 17:00 Uhr');
  });
});
