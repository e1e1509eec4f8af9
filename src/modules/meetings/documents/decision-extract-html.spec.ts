import type { DecisionExtractDocument } from '../meeting.types';
import { extractTitle, renderDecisionExtractHtml } from './decision-extract-html';

/** TOP 11 of the Kreistag on 29.09.2021, Vorlage 2021/119 (the seed's decisive consultation). */
function doc(overrides: Partial<DecisionExtractDocument> = {}): DecisionExtractDocument {
  return {
    bodyName: 'Kreis Recklinghausen',
    organizationName: 'Kreistag',
    meetingStart: '2021-09-29T13:00:00.000Z',
    meetingNumber: 'KT/2021/4',
    location: 'Kreishaus Recklinghausen',
    item: {
      number: '11',
      title: 'Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen',
      public: true,
      result: 'adopted',
      votes: { yes: 20, no: 3, abstain: 2 },
      decisionText: 'Der Kreistag begrüßt die Vorgehensweise zur digitalen Zukunftsstrategie.',
      biased: [{ name: 'Herr Landrat Bodo Klimpel', reason: 'Verbandsvorsteher' }],
    },
    paper: { reference: '2021/119', title: 'Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen', responsibleUnit: 'Kreisdirektor – Digitalisierung' },
    signatures: {
      chair: { name: 'landrat', at: '2021-10-04T08:00:00.000Z' },
      recorder: { name: 'sitzungsdienst', at: '2021-10-04T07:30:00.000Z' },
    },
    minutesSha256: 'f'.repeat(64),
    generatedAt: '2021-10-04T08:00:00.000Z',
    ...overrides,
  };
}

describe('renderDecisionExtractHtml (Beschlussauszug, § 37 KrO NRW)', () => {
  it('prints body, organization, meeting number and day in Berlin, TOP, paper, unit, result, votes, text, Befangenheit, signatures and the minutes’ hash', () => {
    const html = renderDecisionExtractHtml(doc());
    expect(html.startsWith('<!doctype html>\n<html lang="de">')).toBe(true);
    expect(html).toContain('<title>Beschlussauszug: TOP 11 – Kreistag am 29.09.2021</title>');
    expect(html).toContain('Kreis Recklinghausen');
    expect(html).toContain('<span class="organization">Kreistag</span>');
    expect(html).toContain('Sitzung Nr. KT/2021/4 am Mittwoch, 29. September 2021');
    expect(html).toContain('TOP 11 Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen');
    expect(html).toContain('<p>Öffentlicher Teil</p>');
    expect(html).toContain('<p>Vorlage 2021/119</p>');
    expect(html).toContain('Betreff: Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen');
    expect(html).toContain('Zuständige Organisationseinheit: Kreisdirektor – Digitalisierung');
    expect(html).toContain('Ergebnis: beschlossen');
    expect(html).toContain('Abstimmungsergebnis: Ja: 20, Nein: 3, Enthaltungen: 2');
    expect(html).toContain('Der Kreistag begrüßt die Vorgehensweise');
    expect(html).toContain('Herr Landrat Bodo Klimpel hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen (Grund: Verbandsvorsteher).');
    expect(html).toContain('Vorsitz: landrat, unterzeichnet am Montag, 4. Oktober 2021, 10:00 Uhr');
    expect(html).toContain('Schriftführung: sitzungsdienst, unterzeichnet am Montag, 4. Oktober 2021, 09:30 Uhr');
    expect(html).toContain(`SHA-256 der Niederschrift: ${'f'.repeat(64)}`);
    expect(html).not.toContain('Nichtöffentlich');
  });

  it('marks an extract of the non-public part as internal', () => {
    const html = renderDecisionExtractHtml(doc({ item: { ...doc().item, public: false } }));
    expect(html).toContain('Nichtöffentlich – nur für den Dienstgebrauch, nicht zur Veröffentlichung');
    expect(html).toContain('<p>Nichtöffentlicher Teil</p>');
  });

  it('says so when the paper names no unit, and leaves out what was not recorded', () => {
    const html = renderDecisionExtractHtml(
      doc({ paper: { reference: null, title: 'Antrag', responsibleUnit: null }, location: null, item: { ...doc().item, votes: null, decisionText: null, biased: [] } }),
    );
    expect(html).toContain('Zuständige Organisationseinheit: nicht angegeben');
    expect(html).toContain('Vorlage ohne Nummer');
    expect(html).not.toContain('Abstimmungsergebnis');
    expect(html).not.toContain('Beschluss:');
    expect(html).not.toContain('Ort:');
  });

  it('escapes every value', () => {
    const html = renderDecisionExtractHtml(doc({ paper: { reference: '2021/119', title: '<script>alert(1)</script>', responsibleUnit: 'A & B' } }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('A &amp; B');
  });

  it('names TOP, organization and day in its title (the mail subject)', () => {
    expect(extractTitle({ item: { ...doc().item, number: '5' }, organizationName: 'Kreisausschuss', meetingStart: '2021-09-13T13:00:00.000Z' })).toBe(
      'Beschlussauszug: TOP 5 – Kreisausschuss am 13.09.2021',
    );
  });
});
