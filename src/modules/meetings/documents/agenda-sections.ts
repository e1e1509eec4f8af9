/**
 * What an agenda shows, decided once for the HTML and the PDF renderer. The
 * non-public items are dropped here, before any renderer sees them, so a public
 * document cannot leak one through markup, a hidden element or PDF metadata.
 */
import type { AgendaItemDocument } from '../meeting.types';

export type AgendaPart = 'all' | 'public';

/**
 * `current`: the agenda as it stands (Nachträge included, removed items struck).
 * `invited`: without the Nachträge, i.e. the items sent with the invitation. Items
 * are not reverted otherwise (a removal stays marked): the document model does not
 * say when an item was removed or what its title was at invitation time.
 */
export type AgendaVersion = 'current' | 'invited';

export interface AgendaSection {
  heading: 'Öffentlicher Teil' | 'Nichtöffentlicher Teil';
  public: boolean;
  items: AgendaItemDocument[];
}

export function agendaSections(
  items: readonly AgendaItemDocument[],
  options: { part: AgendaPart; version?: AgendaVersion },
): AgendaSection[] {
  const shown = options.version === 'invited' ? items.filter((item) => !item.lateAddition) : items;
  const sections: AgendaSection[] = [
    { heading: 'Öffentlicher Teil', public: true, items: shown.filter((item) => item.public === true) },
  ];
  if (options.part === 'all') {
    // `public !== true`: an item with a missing flag is treated as confidential.
    sections.push({ heading: 'Nichtöffentlicher Teil', public: false, items: shown.filter((item) => item.public !== true) });
  }
  return sections;
}

export function itemNumberLabel(item: AgendaItemDocument): string {
  return `TOP ${item.number}`;
}

export function isRemoved(item: AgendaItemDocument): boolean {
  return item.status === 'removed';
}

/** The notice a second summons carries: the invitation must point out that the attendance does not matter. */
export const SECOND_SUMMONS_NOTICE =
  'Zweite Ladung: Die Angelegenheit wurde wegen Beschlussunfähigkeit zurückgestellt. Das Gremium ist in dieser Angelegenheit ohne Rücksicht auf die Zahl der Erschienenen beschlussfähig.';

/** The lines under an item's title: paper, reporter, urgency of a Nachtrag, a second summons. */
export function itemDetailLines(item: AgendaItemDocument): string[] {
  const lines: string[] = [];
  if (present(item.paperReference)) lines.push(`Vorlage ${item.paperReference}`);
  if (present(item.reporter)) lines.push(`Berichterstattung: ${item.reporter}`);
  if (item.lateAddition && present(item.urgentReason)) lines.push(`Dringlichkeit: ${item.urgentReason}`);
  if (item.secondSummons) lines.push(SECOND_SUMMONS_NOTICE);
  return lines;
}

export function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
