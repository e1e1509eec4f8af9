import type { AgendaItemDocument, MeetingDocument } from '../meeting.types';
import { renderMinutesHtml, resultLabel, votesLine, withApprovalNote } from './minutes-html';

const GENERATED_AT = '2021-09-01T07:15:00.000Z';

function item(overrides: Partial<AgendaItemDocument> & Pick<AgendaItemDocument, 'number' | 'title'>): AgendaItemDocument {
  return { public: true, lateAddition: false, status: 'decided', biased: [], ...overrides };
}

function meeting(overrides: Partial<MeetingDocument> = {}): MeetingDocument {
  return {
    bodyName: 'Kreis Recklinghausen',
    organizationName: 'Kreisausschuss',
    start: '2021-08-31T15:00:00.000Z',
    end: null,
    location: 'Kreishaus, Raum 1',
    state: 'held',
    openedAt: '2021-08-31T15:02:00.000Z',
    closedAt: '2021-08-31T16:45:00.000Z',
    attendance: [
      { name: 'Anna Becker', present: true },
      { name: 'Jonas Wolff', present: true, substituteFor: 'Petra Schulz' },
      { name: 'Petra Schulz', present: false },
    ],
    items: [
      item({
        number: '2.a',
        title: 'Digitalisierungsstrategie',
        paperReference: '2021/119',
        result: 'adopted',
        votes: { yes: 10, no: 2, abstain: 1 },
        decisionText: 'Der Kreisausschuss beschließt die Strategie.\nDie Verwaltung berichtet jährlich.',
        biased: [{ name: 'Frau Anna Becker', reason: 'Inhaberin des Auftragnehmers' }, { name: 'Herr Jonas Wolff' }],
      }),
      item({ number: '3', title: 'Radwegekonzept', status: 'removed' }),
      item({ number: '4', title: 'Personalangelegenheit', public: false, result: 'noted', votes: { unanimous: true } }),
    ],
    ...overrides,
  };
}

describe('renderMinutesHtml', () => {
  it('marks unapproved minutes as a draft', () => {
    const html = renderMinutesHtml(meeting(), { generatedAt: GENERATED_AT });
    expect(html.startsWith('<!doctype html>\n<html lang="de">')).toBe(true);
    expect(html).toContain('<title>Niederschrift (Entwurf)');
    expect(html).toContain('Entwurf – noch nicht genehmigt');
    expect(html).not.toContain('genehmigt am');
  });

  it('shows the approval date on approved minutes and no draft marker', () => {
    const html = renderMinutesHtml(meeting({ minutesApprovedAt: '2021-09-14T15:30:00.000Z', state: 'minutesApproved' }), {
      generatedAt: GENERATED_AT,
    });
    expect(html).toContain('genehmigt am 14. September 2021');
    expect(html).not.toContain('Entwurf');
  });

  it('shows organization, date, opening and closing time in Berlin, and location', () => {
    const html = renderMinutesHtml(meeting(), { generatedAt: GENERATED_AT });
    expect(html).toContain('Kreisausschuss');
    expect(html).toContain('Sitzung am Dienstag, 31. August 2021');
    expect(html).toContain('Beginn: 17:02 Uhr');
    expect(html).toContain('Ende: 18:45 Uhr');
    expect(html).toContain('Ort: Kreishaus, Raum 1');
    expect(html).toContain('Erstellt am Mittwoch, 1. September 2021, 09:15 Uhr (ratsweg)');
  });

  it('names the closing day when a session ends after midnight', () => {
    const html = renderMinutesHtml(meeting({ closedAt: '2021-08-31T22:30:00.000Z' }), { generatedAt: GENERATED_AT });
    expect(html).toContain('Ende: Mittwoch, 1. September 2021, 00:30 Uhr');
  });

  it('lists who was present and absent, with substitutes', () => {
    const html = renderMinutesHtml(meeting(), { generatedAt: GENERATED_AT });
    const present = html.slice(html.indexOf('<h3>Anwesend</h3>'), html.indexOf('<h3>Abwesend</h3>'));
    const absent = html.slice(html.indexOf('<h3>Abwesend</h3>'), html.indexOf('</section>', html.indexOf('<h3>Abwesend</h3>')));
    expect(present).toContain('<li>Anna Becker</li>');
    expect(present).toContain('<li>Jonas Wolff (in Vertretung für Petra Schulz)</li>');
    expect(present).not.toContain('<li>Petra Schulz</li>');
    expect(absent).toContain('<li>Petra Schulz</li>');
    expect(absent).not.toContain('Anna Becker');
  });

  it('shows results, votes, decision text and biased members per item', () => {
    const html = renderMinutesHtml(meeting(), { generatedAt: GENERATED_AT });
    expect(html).toContain('TOP 2.a Digitalisierungsstrategie');
    expect(html).toContain('Vorlage 2021/119');
    expect(html).toContain('Ergebnis: beschlossen');
    expect(html).toContain('Abstimmungsergebnis: Ja: 10, Nein: 2, Enthaltungen: 1');
    expect(html).toContain('<strong>Beschluss:</strong>');
    expect(html).toContain('Der Kreisausschuss beschließt die Strategie.\nDie Verwaltung berichtet jährlich.');
    expect(html).toContain(
      '<p>Frau Anna Becker hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen (Grund: Inhaberin des Auftragnehmers).</p>',
    );
    expect(html).toContain('<p>Herr Jonas Wolff hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen.</p>');
    expect(html).toMatch(/TOP 3 Radwegekonzept<\/h3>\n<p>Ergebnis: abgesetzt<\/p>/);
    // The minutes contain the non-public part.
    const nonPublic = html.slice(html.indexOf('<h2>Nichtöffentlicher Teil</h2>'));
    expect(nonPublic).toContain('TOP 4 Personalangelegenheit');
    expect(nonPublic).toContain('Ergebnis: zur Kenntnis genommen');
    expect(nonPublic).toContain('Abstimmungsergebnis: einstimmig');
  });

  it('words every known result in German and shows unknown ones as stored', () => {
    expect(resultLabel('recommended')).toBe('empfohlen');
    expect(resultLabel('not_recommended')).toBe('nicht empfohlen');
    expect(resultLabel('adopted')).toBe('beschlossen');
    expect(resultLabel('adopted_amended')).toBe('mit Änderungen beschlossen');
    expect(resultLabel('rejected')).toBe('abgelehnt');
    expect(resultLabel('postponed')).toBe('vertagt');
    expect(resultLabel('referred')).toBe('verwiesen');
    expect(resultLabel('noted')).toBe('zur Kenntnis genommen');
    expect(resultLabel('withdrawn')).toBe('withdrawn');
    expect(resultLabel('toString')).toBe('toString');
  });

  it('formats votes', () => {
    expect(votesLine({ unanimous: true })).toBe('einstimmig');
    expect(votesLine({ unanimous: true, yes: 12 })).toBe('einstimmig');
    expect(votesLine({ unanimous: true, yes: 11, abstain: 1 })).toBe('einstimmig bei 1 Enthaltung');
    expect(votesLine({ unanimous: true, yes: 10, abstain: 2 })).toBe('einstimmig bei 2 Enthaltungen');
    expect(votesLine({ yes: 10, no: 2, abstain: 1 })).toBe('Ja: 10, Nein: 2, Enthaltungen: 1');
    expect(votesLine({ yes: 7, no: 5 })).toBe('Ja: 7, Nein: 5, Enthaltungen: 0');
    // no vote against: einstimmig (bei Enthaltungen), with the counts
    expect(votesLine({ yes: 12, no: 0, abstain: 2 })).toBe('einstimmig bei 2 Enthaltungen (Ja: 12, Nein: 0, Enthaltungen: 2)');
    expect(votesLine({ yes: 9, no: 0, abstain: 0 })).toBe('einstimmig (Ja: 9, Nein: 0, Enthaltungen: 0)');
    expect(votesLine({ yes: 0, no: 0, abstain: 3 })).toBe('Ja: 0, Nein: 0, Enthaltungen: 3');
    expect(votesLine({})).toBeNull();
    expect(votesLine(null)).toBeNull();
  });

  it('escapes everything', () => {
    const html = renderMinutesHtml(
      meeting({
        organizationName: '<b>Rat</b>',
        attendance: [{ name: '<script>x()</script>', present: true, substituteFor: 'A & B' }],
        items: [
          item({
            number: '1',
            title: '<iframe src=x>',
            result: '<em>odd</em>',
            decisionText: '</div><script>alert(1)</script>',
            biased: [{ name: '<u>Name</u>', reason: '<i>Grund</i>' }],
          }),
        ],
      }),
      { generatedAt: GENERATED_AT },
    );
    for (const raw of ['<b>Rat', '<script>', '<iframe', '<em>', '<u>', '</div><script']) expect(html).not.toContain(raw);
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt; (in Vertretung für A &amp; B)');
    expect(html).toContain('Ergebnis: &lt;em&gt;odd&lt;/em&gt;');
    expect(html).toContain('&lt;u&gt;Name&lt;/u&gt; hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen (Grund: &lt;i&gt;Grund&lt;/i&gt;).');
  });
});

describe('renderMinutesHtml: signed minutes (§ 37 KrO NRW, Niederschrift)', () => {
  const signatures = {
    chair: { name: 'landrat', at: '2021-09-02T08:00:00.000Z' },
    recorder: { name: 'schriftfuehrer', at: '2021-09-01T14:00:00.000Z' },
  };

  it('says signed, not draft, and lists who signed as chair and as Schriftführer', () => {
    const html = renderMinutesHtml(meeting({ signatures }), { generatedAt: GENERATED_AT });
    expect(html).toContain('Unterzeichnet – Genehmigung in der nächsten Sitzung ausstehend');
    expect(html).not.toContain('Entwurf');
    expect(html).toContain('Vorsitz: landrat, unterzeichnet am');
    expect(html).toContain('Schriftführung: schriftfuehrer, unterzeichnet am');
  });

  it('the public version leaves out the non-public part', () => {
    const html = renderMinutesHtml(meeting({ signatures }), { generatedAt: GENERATED_AT, part: 'public' });
    expect(html).toContain('Digitalisierungsstrategie');
    expect(html).not.toContain('Personalangelegenheit');
    expect(renderMinutesHtml(meeting({ signatures }), { generatedAt: GENERATED_AT })).toContain('Personalangelegenheit');
  });

  it('the approval note turns the stored signed record into the approved one, with the Einwendungen, changing nothing else', () => {
    const signed = renderMinutesHtml(meeting({ signatures }), { generatedAt: GENERATED_AT });
    const approved = withApprovalNote(signed, { at: '2021-09-28T15:30:00.000Z', objections: 'Zu TOP 2.a: <Nachtrag>' });
    expect(approved).toContain('genehmigt am 28. September 2021');
    expect(approved).not.toContain('Genehmigung in der nächsten Sitzung ausstehend');
    expect(approved).not.toContain('(unterzeichnet)');
    expect(approved).toContain('Einwendungen bei der Genehmigung');
    expect(approved).toContain('Zu TOP 2.a: &lt;Nachtrag&gt;');
    expect(approved.slice(approved.indexOf('<body>'), approved.indexOf('<section class="objections">'))).toBe(
      signed.slice(signed.indexOf('<body>'), signed.indexOf('<footer>')).replace(
        '<p class="status signed">Unterzeichnet – Genehmigung in der nächsten Sitzung ausstehend</p>',
        '<p class="status approved">genehmigt am 28. September 2021</p>',
      ),
    );
    expect(withApprovalNote(signed, { at: '2021-09-28T15:30:00.000Z' })).toContain('<p>Keine.</p>');
  });
});
