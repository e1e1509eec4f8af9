import { implementationReportCsv } from './implementation-report-csv';
import type { ImplementationReport } from './implementation-report.service';

const counts = (open: number, done: number, cancelled: number, overdue: number) => ({ total: open + done + cancelled, open, done, cancelled, overdue });

const report: ImplementationReport = {
  asOf: '2021-10-04',
  totals: { papers: 2, ...counts(2, 1, 1, 1) },
  papers: [
    {
      paperId: 'p1',
      reference: '2021/119',
      title: 'Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen',
      state: 'inImplementation',
      tasks: counts(2, 1, 0, 1),
      nextDueDate: '2021-08-30',
      startedBeforeDecision: false,
      items: [],
    },
    {
      paperId: 'p2',
      reference: null,
      title: '=HYPERLINK("x"); Radwege "Emscher-Lippe"',
      state: 'adopted',
      tasks: counts(0, 0, 1, 0),
      nextDueDate: null,
      startedBeforeDecision: false,
      items: [],
    },
    {
      paperId: 'p3',
      reference: '2021/120',
      title: 'Workshop vor dem Beschluss',
      state: 'deliberation.scheduled',
      tasks: counts(1, 0, 0, 0),
      nextDueDate: '2021-08-30',
      startedBeforeDecision: true,
      items: [],
    },
  ],
};

describe('implementationReportCsv', () => {
  const csv = implementationReportCsv(report);

  it('opens in German spreadsheets: BOM, semicolons, CRLF, German headings, states and dates', () => {
    expect(csv.startsWith('\uFEFFVorlage;Titel;Status;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(5); // heading, three papers, the empty string after the last CRLF
    expect(lines[0]).toBe('Vorlage;Titel;Status;Maßnahmen;offen;erledigt;abgebrochen;überfällig;nächste Frist;vor Beschluss begonnen');
    expect(lines[1]).toBe('2021/119;Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen;in Umsetzung;3;2;1;0;1;30.08.2021;nein');
    expect(lines[4]).toBe('');
  });

  it('marks a paper still in deliberation whose measure started before the decision', () => {
    expect(csv.slice(1).split('\r\n')[3]).toBe('2021/120;Workshop vor dem Beschluss;in Beratung;1;1;0;0;0;30.08.2021;ja');
  });

  it('quotes separators and quotes, and defuses what a spreadsheet would run as a formula', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines[2]).toBe(`;"'=HYPERLINK(""x""); Radwege ""Emscher-Lippe""";beschlossen;1;0;0;1;0;;nein`);
  });
});
