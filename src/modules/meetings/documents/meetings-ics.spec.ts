// ical.js ships ESM and a CommonJS build; under jest `require` resolves to the latter
// through the package's "exports", so no transform is needed.
import ICAL from 'ical.js';
import type { CalendarMeeting } from '../meeting.types';
import { escapeText, foldLine, renderMeetingsIcs } from './meetings-ics';

const NOW = '2021-08-25T09:00:00.000Z';
const HOST = 'ratsweg.kreis-re.de';

function calendarMeeting(overrides: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    id: '7f1c2d3e',
    organizationName: 'Ausschuss für Digitalisierung',
    start: '2021-08-31T15:00:00.000Z',
    end: '2021-08-31T17:30:00.000Z',
    location: 'Kreishaus, Raum 1; Kurt-Schumacher-Allee 1',
    cancelled: false,
    publicItems: ['1 Eröffnung', '2.a 2021/119 Digitalisierung, Schulen; Förderung'],
    sequence: 3,
    updatedAt: '2021-08-24T12:00:00.000Z',
    ...overrides,
  };
}

function parse(ics: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(ics));
}

function events(ics: string): ICAL.Event[] {
  return parse(ics)
    .getAllSubcomponents('vevent')
    .map((component) => new ICAL.Event(component));
}

describe('renderMeetingsIcs', () => {
  const meetings = [
    calendarMeeting(),
    calendarMeeting({
      id: 'a9b8',
      organizationName: 'Kreistag',
      start: '2021-12-14T16:00:00.000Z',
      end: null,
      location: null,
      cancelled: true,
      publicItems: [],
      sequence: 5,
    }),
  ];
  const ics = renderMeetingsIcs('Sitzungen: Ausschuss für Digitalisierung, Kreis RE', meetings, { now: NOW, host: HOST });

  it('writes a calendar an independent parser reads, with one event per meeting', () => {
    const calendar = parse(ics);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//ratsweg//Sitzungskalender//DE');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // ical.js does not know X-WR-CALNAME and hands back the raw value; clients read it as TEXT.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Sitzungen: Ausschuss für Digitalisierung\\, Kreis RE');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    const [first, second] = events(ics);
    expect(events(ics)).toHaveLength(2);
    expect(first.uid).toBe(`meeting-7f1c2d3e@${HOST}`);
    expect(second.uid).toBe(`meeting-a9b8@${HOST}`);
  });

  it('writes start, end, stamp and modification time as UTC instants', () => {
    const [first, second] = events(ics);
    expect(first.startDate.toJSDate().toISOString()).toBe('2021-08-31T15:00:00.000Z');
    expect(first.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(first.endDate.toJSDate().toISOString()).toBe('2021-08-31T17:30:00.000Z');
    // Without an end, three hours.
    expect(second.endDate.toJSDate().toISOString()).toBe('2021-12-14T19:00:00.000Z');
    const component = first.component;
    expect((component.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe(NOW);
    expect((component.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().toISOString()).toBe('2021-08-24T12:00:00.000Z');
    expect(ics).toContain('\r\nDTSTART:20210831T150000Z\r\n');
    expect(first.sequence).toBe(3);
    expect(second.sequence).toBe(5);
  });

  it('round-trips summary, location and description with umlauts, commas, semicolons and newlines', () => {
    const [first, second] = events(ics);
    expect(first.summary).toBe('Sitzung Ausschuss für Digitalisierung');
    expect(first.location).toBe('Kreishaus, Raum 1; Kurt-Schumacher-Allee 1');
    expect(first.description).toBe('Tagesordnung (öffentlicher Teil):\n1 Eröffnung\n2.a 2021/119 Digitalisierung, Schulen; Förderung');
    expect(second.location).toBeNull();
    expect(ics).toContain('LOCATION:Kreishaus\\, Raum 1\\; Kurt-Schumacher-Allee 1\r\n');
  });

  it('keeps a cancelled meeting with its UID and STATUS:CANCELLED', () => {
    const [first, second] = events(ics);
    expect(first.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(second.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(second.uid).toBe(`meeting-a9b8@${HOST}`);
    expect(second.description.startsWith('Die Sitzung ist abgesagt.\n\n')).toBe(true);
  });

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('folds a long description with umlauts and unfolds it back exactly', () => {
    const long = Array.from({ length: 12 }, (_, index) => `${index + 1} Überörtliche Prüfung der Gebührenbedarfsberechnung ä ö ü ß – Straßenreinigung €`);
    const text = renderMeetingsIcs('Kalender', [calendarMeeting({ publicItems: long })], { now: NOW, host: HOST });
    const lines = text.split('\r\n');
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(10);
    for (const line of lines) {
      const bytes = Buffer.from(line, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      // No character was cut in half: the line is valid UTF-8 on its own.
      expect(bytes.toString('utf8')).not.toContain('\uFFFD');
      expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(true);
    }
    const [event] = events(text);
    expect(event.description).toBe(['Tagesordnung (öffentlicher Teil):', ...long].join('\n'));
    // And unfolding by hand (RFC 5545 3.1) gives back the unfolded line.
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:${escapeText(['Tagesordnung (öffentlicher Teil):', ...long].join('\n'))}\r\n`);
  });

  it('folds at exactly 75 octets and never splits a multi-byte character', () => {
    // 12 + 63 = 75 octets fit; the "ü" does not. Then " " + 2 + 71 = 74, and the 4-byte emoji moves on whole.
    const line = `DESCRIPTION:${'a'.repeat(63)}ü${'b'.repeat(71)}😀${'c'.repeat(10)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.map((part) => Buffer.byteLength(part, 'utf8'))).toEqual([75, 74, 15]);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    // 74 + a 2-byte "ü" would be 76: the "ü" moves to the next line whole.
    const edge = foldLine(`${'x'.repeat(74)}ü`);
    expect(edge).toBe(`${'x'.repeat(74)}\r\n ü`);
  });

  it('escapes backslash, semicolon, comma and line breaks in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg\u0007h\ti')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng' + 'h\ti');
    const tricky = renderMeetingsIcs('Kalender', [calendarMeeting({ organizationName: 'A\\B;C,D\nE' })], { now: NOW, host: HOST });
    expect(events(tricky)[0].summary).toBe('Sitzung A\\B;C,D\nE');
  });
});
