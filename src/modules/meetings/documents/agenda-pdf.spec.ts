import type { AgendaItemDocument, MeetingDocument } from '../meeting.types';
import { renderAgendaPdf } from './agenda-pdf';

const SECRET_TITLE = 'Grundstücksankauf Geheimweg';
const SECRET_REFERENCE = '2021/987';
const SECRET_REPORTER = 'Frau Verschwiegen';
const PUBLIC_TITLE = 'Digitalisierungsstrategie für Schulen';

function item(overrides: Partial<AgendaItemDocument> & Pick<AgendaItemDocument, 'number' | 'title'>): AgendaItemDocument {
  return { public: true, lateAddition: false, status: 'open', biased: [], ...overrides };
}

function meeting(overrides: Partial<MeetingDocument> = {}): MeetingDocument {
  return {
    bodyName: 'Kreis Recklinghausen',
    organizationName: 'Ausschuss für Digitalisierung',
    start: '2021-08-31T15:00:00.000Z',
    end: null,
    location: 'Kreishaus, Sitzungssaal',
    state: 'invited',
    invitedAt: '2021-08-20T08:30:00.000Z',
    items: [
      item({ number: '1', title: 'Eröffnung und Begrüßung' }),
      item({ number: '2.a', title: PUBLIC_TITLE, paperReference: '2021/119', reporter: 'Herr Haumann' }),
      item({ number: '2.b', title: 'Eilantrag Breitband', lateAddition: true, urgentReason: 'Förderfrist' }),
      item({ number: '2.c', title: 'Radwegekonzept', status: 'removed' }),
      item({ number: '3', title: SECRET_TITLE, public: false, paperReference: SECRET_REFERENCE, reporter: SECRET_REPORTER }),
    ],
    attendance: [],
    ...overrides,
  };
}

/**
 * The text pdfkit drew, read back from uncompressed content streams. pdfkit writes
 * each line (or `continued` segment) as one `[<hex> kerning <hex> …] TJ`: the glyph
 * codes in WinAnsiEncoding as hex, split wherever a kerning pair moves the next
 * glyph. Joining the hex parts of one TJ restores the line.
 */
function drawnText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/\[((?:\s*<[0-9a-f]*>\s*-?[\d.]*)*)\s*\]\s*TJ/gi)) {
    const hex = [...match[1].matchAll(/<([0-9a-f]*)>/gi)].map((part) => part[1]).join('');
    lines.push(decodeWinAnsi(Buffer.from(hex, 'hex')));
  }
  return lines;
}

// WinAnsiEncoding is Latin-1 except 0x80-0x9F (Node's TextDecoder('windows-1252')
// decodes those as C1 controls). Only the ones these documents can contain.
const WIN_ANSI_HIGH: Record<number, string> = { 0x80: '€', 0x84: '„', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—' };

function decodeWinAnsi(bytes: Buffer): string {
  return [...bytes].map((byte) => WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte)).join('');
}

/** Drawn text without whitespace, so a title wrapped over two lines still matches. */
function flat(lines: string[]): string {
  return lines.join('').replace(/\s+/g, '');
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('renderAgendaPdf', () => {
  it('produces a non-trivial PDF', async () => {
    const pdf = await renderAgendaPdf(meeting(), { part: 'all' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1500);
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('draws the German headings, date and items, umlauts included', async () => {
    const lines = drawnText(await renderAgendaPdf(meeting(), { part: 'all', compress: false }));
    expect(lines).toEqual(
      expect.arrayContaining([
        'Kreis Recklinghausen',
        'Tagesordnung',
        'Ausschuss für Digitalisierung',
        'Sitzung am Dienstag, 31. August 2021, 17:00 Uhr',
        'Ort: Kreishaus, Sitzungssaal',
        'Öffentlicher Teil',
        'Nichtöffentlicher Teil',
        'TOP 2.a',
        'Vorlage 2021/119',
        'Berichterstattung: Herr Haumann',
        'Eilantrag Breitband',
        ' (Nachtrag)',
        'Dringlichkeit: Förderfrist',
        ' (abgesetzt)',
      ]),
    );
    expect(flat(lines)).toContain(squeeze('Eröffnung und Begrüßung'));
    expect(flat(lines)).toContain(squeeze(PUBLIC_TITLE));
    // The positive control for the next test: with part 'all' the secret is drawn and found.
    expect(flat(lines)).toContain(squeeze(SECRET_TITLE));
    expect(lines).toContain(`Vorlage ${SECRET_REFERENCE}`);
  });

  it('draws nothing of a non-public item in the public variant', async () => {
    const pdf = await renderAgendaPdf(meeting(), { part: 'public', compress: false });
    const text = flat(drawnText(pdf));
    expect(text).toContain(squeeze(PUBLIC_TITLE));
    for (const secret of [SECRET_TITLE, 'Geheimweg', SECRET_REFERENCE, SECRET_REPORTER, 'TOP3', 'Nichtöffentlich']) {
      expect(text).not.toContain(squeeze(secret));
    }
    // Nor anywhere else in the file (metadata, outlines), as plain bytes.
    const raw = pdf.toString('latin1');
    expect(raw).not.toContain('Geheimweg');
    expect(raw).not.toContain(SECRET_REFERENCE);
    expect(raw).not.toContain('Verschwiegen');
  });

  it('shows a cancellation with its reason', async () => {
    const lines = drawnText(
      await renderAgendaPdf(meeting({ state: 'cancelled', cancelledReason: 'Beschlussunfähigkeit' }), { part: 'public', compress: false }),
    );
    expect(lines).toEqual(expect.arrayContaining(['Die Sitzung ist abgesagt.', 'Grund: Beschlussunfähigkeit']));
  });

  it('sets title, author and a creation date from the document, so output is reproducible', async () => {
    const first = await renderAgendaPdf(meeting(), { part: 'public', compress: false });
    const raw = first.toString('latin1');
    expect(raw).toContain('/Author');
    expect(raw).toContain('(Kreis Recklinghausen)');
    expect(raw).toContain('(D:20210820083000Z)');
    expect(raw).toContain('/Lang (de-DE)');
    const second = await renderAgendaPdf(meeting(), { part: 'public', compress: false });
    expect(second.equals(first)).toBe(true);
    const stamped = await renderAgendaPdf(meeting(), { part: 'public', compress: false, generatedAt: '2021-08-25T10:00:00.000Z' });
    expect(stamped.toString('latin1')).toContain('(D:20210825100000Z)');
  });

  it('numbers the pages of a long agenda', async () => {
    const items = Array.from({ length: 60 }, (_, index) =>
      item({ number: String(index + 1), title: `Punkt ${index + 1} mit einem längeren Titel`, paperReference: `2021/${index + 100}` }),
    );
    const pdf = await renderAgendaPdf(meeting({ items }), { part: 'public', compress: false });
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    const lines = drawnText(pdf);
    expect(lines).toContain(`Tagesordnung Ausschuss für Digitalisierung, 31.08.2021 – Seite 1 von ${pages.length}`);
    expect(lines).toContain(`Tagesordnung Ausschuss für Digitalisierung, 31.08.2021 – Seite ${pages.length} von ${pages.length}`);
    expect(flat(lines)).toContain(squeeze('Punkt 60 mit einem längeren Titel'));
  });
});
