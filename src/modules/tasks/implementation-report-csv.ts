/**
 * The implementation report as CSV the way German spreadsheet programs open it: UTF-8
 * with a byte order mark, semicolons, CRLF, German headings and dates (TT.MM.JJJJ).
 */
import type { ImplementationReport } from './implementation-report.service';

const PAPER_STATES: Readonly<Record<string, string>> = {
  adopted: 'beschlossen',
  inImplementation: 'in Umsetzung',
  closed: 'abgeschlossen',
  deliberation: 'in Beratung',
  // § 39 Abs. 2 KrO NRW
  contested: 'beanstandet',
  awaitingSupervision: 'bei der Aufsichtsbehörde',
  annulled: 'aufgehoben',
};

const HEADER = ['Vorlage', 'Titel', 'Status', 'Maßnahmen', 'offen', 'erledigt', 'abgebrochen', 'überfällig', 'nächste Frist', 'vor Beschluss begonnen'];

export function implementationReportCsv(report: ImplementationReport): string {
  const lines = [HEADER, ...report.papers.map((p) => [
    p.reference ?? '',
    p.title,
    PAPER_STATES[p.state.split('.')[0]] ?? p.state,
    String(p.tasks.total),
    String(p.tasks.open),
    String(p.tasks.done),
    String(p.tasks.cancelled),
    String(p.tasks.overdue),
    p.nextDueDate ? germanDate(p.nextDueDate) : '',
    p.startedBeforeDecision ? 'ja' : 'nein',
  ])];
  return `\uFEFF${lines.map((cells) => cells.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** Quoted when it holds a separator, a quote or a line break; a leading = + - @ is defused (spreadsheet formulas). */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function germanDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}
