/**
 * Reads a paper's measures (and its note on funding) as proposed tasks: which kind a
 * measure looks like, a short title, and a day named in it as the due date. Pure; a
 * proposal is only an offer — the clerk creates the tasks.
 */
import { isCalendarDate } from './task.guards';
import type { TaskKind } from './task.types';

export interface TaskProposal {
  kind: TaskKind;
  title: string;
  dueDate: string | null;
  programme: string | null;
  /** Where it comes from: `measures[i]` or `costs`. */
  source: string;
  text: string;
}

/**
 * In order of precedence: a measure that tenders something is a tender even when it
 * names the workshop it follows from ("Die Impulse aus dem Beratungsworkshop aufgreifend
 * wird eine Ausschreibung … auf den Weg gebracht").
 */
const KIND_PATTERNS: ReadonlyArray<[TaskKind, RegExp]> = [
  ['tender', /ausschreibung|vergabe/i],
  ['funding_application', /förder(mittel|antrag|programm|ung)|zuwendung/i],
  ['workshop', /workshop/i],
];

/** Known funding programmes of NRW named in papers. */
const PROGRAMMES: ReadonlyArray<RegExp> = [/\bZIRE\b/, /\bEFRE\b/, /\bREACT-EU\b/, /\bGFG\b/];

const MAX_TITLE = 160;

export function proposeTasks(measures: readonly string[], costs: string | null): TaskProposal[] {
  const proposals: TaskProposal[] = measures.map((text, i) => {
    const [kind, pattern] = KIND_PATTERNS.find(([, p]) => p.test(text)) ?? (['generic', null] as const);
    return {
      kind,
      title: shortTitle(text, pattern),
      dueDate: kind === 'workshop' || kind === 'generic' ? firstGermanDate(text) : null,
      programme: kind === 'funding_application' ? programmeIn(text) : null,
      source: `measures[${i}]`,
      text,
    };
  });
  // "Zur Finanzierung werden geeignete Fördermittel eingeworben": a funding application, unless a measure is one already.
  if (costs && /förder|zuwendung/i.test(costs) && !proposals.some((p) => p.kind === 'funding_application')) {
    const programme = programmeIn(costs);
    proposals.push({
      kind: 'funding_application',
      title: programme ? `Förderantrag ${programme}` : shortTitle(costs, /förder/i),
      dueDate: null,
      programme,
      source: 'costs',
      text: costs,
    });
  }
  return proposals;
}

/**
 * The sentence that names the kind (or the first), up to the end of the clause that
 * names it, cut at a word before MAX_TITLE characters.
 */
function shortTitle(text: string, pattern: RegExp | null): string {
  const sentences = text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-ZÄÖÜ])/);
  const sentence = ((pattern && sentences.find((s) => pattern.test(s))) || sentences[0]).trim();
  const at = pattern ? Math.max(0, sentence.search(pattern)) : 0;
  const boundary = sentence.slice(at).search(/,\s|\s[–-]\s|;/);
  const clause = (boundary < 0 ? sentence : sentence.slice(0, at + boundary)).replace(/[.:;,]$/, '');
  if (clause.length <= MAX_TITLE) return clause;
  const cut = clause.slice(0, MAX_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[,;:–-]\s*$/, '')}…`;
}

/** "Auftakt ist am 30.08.2021." → 2021-08-30 */
function firstGermanDate(text: string): string | null {
  const m = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

function programmeIn(text: string): string | null {
  for (const p of PROGRAMMES) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return null;
}
