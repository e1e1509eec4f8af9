/**
 * The minutes (Niederschrift) as a self-contained HTML page. Until the council
 * approves them they are a draft, and the page says so at the top: a printed draft
 * must never pass for the approved record.
 *
 * The full minutes contain the non-public part, for members and staff; `part: 'public'`
 * leaves it out. Once signed they are stored and served as stored (meeting_minutes).
 */
import type { AgendaItemDocument, AttendanceDocument, MeetingDocument, VotesView } from '../meeting.types';
import { agendaSections, isRemoved, itemNumberLabel, present, type AgendaSection } from './agenda-sections';
import {
  escapeHtml,
  formatDate,
  formatDateShort,
  formatDateTime,
  formatDateWithoutWeekday,
  formatTime,
  htmlPage,
  sameBerlinDay,
} from '../../../shared/document-format';
import { CONSULTATION_RESULT_LABELS } from '../../papers/paper.types';

export interface MinutesHtmlOptions {
  /** ISO instant the document is generated at (the service's clock). */
  generatedAt: string;
  /** `public`: without anything of the non-public part (default `all`). */
  part?: 'all' | 'public';
}

/** Kept under its old name for the renderers here; the labels are the papers module's. */
export const RESULT_LABELS: Readonly<Record<string, string>> = CONSULTATION_RESULT_LABELS;

const AMENDMENT_STATE_LABELS: Readonly<Record<string, string>> = {
  proposed: 'gestellt, nicht abgestimmt',
  adopted: 'angenommen',
  rejected: 'abgelehnt',
  withdrawn: 'zurückgezogen',
};

const CSS = [
  'body{font-family:Arial,Helvetica,sans-serif;color:#111;line-height:1.4;max-width:48rem;margin:2rem auto;padding:0 1rem}',
  'h1{font-size:1.6rem;margin:0 0 .5rem}h1 span{display:block}h1 .organization{font-size:1.2rem}',
  'h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:2rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}',
  '.status{display:inline-block;padding:.2rem .6rem;font-weight:bold;border:2px solid}',
  '.draft{color:#b00;border-color:#b00}.approved{color:#060;border-color:#060}.signed{color:#036;border-color:#036}',
  '.body-name{color:#444;margin:0 0 .5rem}.meta p{margin:.2rem 0}',
  '.notice{border:2px solid #b00;padding:.5rem 1rem;font-weight:bold;white-space:pre-line}',
  '.item p{margin:.2rem 0}.text{white-space:pre-line;margin:.2rem 0 .2rem 1rem}.marker{color:#b00}',
  'footer{margin-top:3rem;border-top:1px solid #999;color:#444;font-size:.9rem}',
  '@media print{body{margin:0;max-width:none}}',
].join('\n');

export function renderMinutesHtml(doc: MeetingDocument, options: MinutesHtmlOptions): string {
  const approved = present(doc.minutesApprovedAt);
  const signed = !approved && !!doc.signatures;
  const part = options.part ?? 'all';
  const kind = approved ? '' : signed ? ' (unterzeichnet)' : ' (Entwurf)';
  const title = `Niederschrift${part === 'public' ? ' – öffentlicher Teil' : ''}${kind} – ${doc.organizationName} – ${formatDateShort(doc.start)}`;
  return htmlPage(
    title,
    [
      renderHeader(doc),
      renderAttendance(doc.attendance),
      ...agendaSections(doc.items, { part }).map(renderSection),
      ...(doc.signatures ? [renderSignatures(doc.signatures)] : []),
      `<footer><p>${escapeHtml(`Erstellt am ${formatDateTime(options.generatedAt)} (ratsweg)`)}</p></footer>`,
    ],
    { css: CSS },
  );
}

/** The status line of signed, not yet approved minutes; replaced by the approval note (`withApprovalNote`). */
const SIGNED_STATUS = '<p class="status signed">Unterzeichnet – Genehmigung in der nächsten Sitzung ausstehend</p>';

function renderSignatures(signatures: NonNullable<MeetingDocument['signatures']>): string {
  const line = (label: string, s: { name: string; at: string }) =>
    `<p>${escapeHtml(`${label}: ${s.name}, unterzeichnet am ${formatDateTime(s.at)}`)}</p>`;
  return ['<section class="signatures">', '<h2>Unterschriften</h2>', line('Vorsitz', signatures.chair), line('Schriftführung', signatures.recorder), '</section>'].join('\n');
}

/**
 * The approved Niederschrift: the signed, stored record with the approval note and any
 * Einwendungen added — never rendered again from the live tables.
 */
export function withApprovalNote(signedHtml: string, approval: { at: string; objections?: string | null }): string {
  const status = `<p class="status approved">${escapeHtml(`genehmigt am ${formatDateWithoutWeekday(approval.at)}`)}</p>`;
  const objections = present(approval.objections)
    ? `<section class="objections">\n<h2>Einwendungen bei der Genehmigung</h2>\n<div class="text">${escapeHtml(approval.objections)}</div>\n</section>\n`
    : '<section class="objections">\n<h2>Einwendungen bei der Genehmigung</h2>\n<p>Keine.</p>\n</section>\n';
  return signedHtml
    .replace(SIGNED_STATUS, status)
    .replace(/(<title>[^<]*?) \(unterzeichnet\)/, '$1')
    .replace('<footer>', `${objections}<footer>`);
}

function renderHeader(doc: MeetingDocument): string {
  const status = present(doc.minutesApprovedAt)
    ? `<p class="status approved">${escapeHtml(`genehmigt am ${formatDateWithoutWeekday(doc.minutesApprovedAt)}`)}</p>`
    : doc.signatures
      ? SIGNED_STATUS
      : '<p class="status draft">Entwurf – noch nicht genehmigt</p>';
  const lines = [
    '<header>',
    `<p class="body-name">${escapeHtml(doc.bodyName)}</p>`,
    `<h1><span>Niederschrift</span> <span class="organization">${escapeHtml(doc.organizationName)}</span></h1>`,
    status,
    '<div class="meta">',
    `<p>${escapeHtml(`Sitzung am ${formatDate(doc.start)}`)}</p>`,
  ];
  if (present(doc.openedAt)) lines.push(`<p>Beginn: ${escapeHtml(formatTime(doc.openedAt))} Uhr</p>`);
  if (present(doc.closedAt)) {
    // A session past midnight ends on another day; say which.
    const end =
      present(doc.openedAt) && !sameBerlinDay(doc.openedAt, doc.closedAt)
        ? formatDateTime(doc.closedAt)
        : `${formatTime(doc.closedAt)} Uhr`;
    lines.push(`<p>Ende: ${escapeHtml(end)}</p>`);
  }
  if (present(doc.location)) lines.push(`<p>Ort: ${escapeHtml(doc.location)}</p>`);
  lines.push('</div>', '</header>');
  if (doc.state === 'cancelled') {
    const reason = present(doc.cancelledReason) ? `\nGrund: ${doc.cancelledReason}` : '';
    lines.push(`<p class="notice" role="alert">${escapeHtml(`Die Sitzung ist abgesagt.${reason}`)}</p>`);
  }
  return lines.join('\n');
}

export function attendeeName(entry: AttendanceDocument): string {
  return present(entry.substituteFor) ? `${entry.name} (in Vertretung für ${entry.substituteFor})` : entry.name;
}

function renderAttendance(attendance: readonly AttendanceDocument[]): string {
  const list = (heading: string, entries: AttendanceDocument[]): string => {
    const body =
      entries.length === 0
        ? '<p>—</p>'
        : `<ul>\n${entries.map((entry) => `<li>${escapeHtml(attendeeName(entry))}</li>`).join('\n')}\n</ul>`;
    return `<h3>${heading}</h3>\n${body}`;
  };
  return [
    '<section class="attendance">',
    '<h2>Teilnehmende</h2>',
    list('Anwesend', attendance.filter((entry) => entry.present)),
    list('Abwesend', attendance.filter((entry) => !entry.present)),
    '</section>',
  ].join('\n');
}

function renderSection(section: AgendaSection): string {
  const body = section.items.length === 0 ? '<p>Keine Tagesordnungspunkte.</p>' : section.items.map(renderItem).join('\n');
  return `<section>\n<h2>${escapeHtml(section.heading)}</h2>\n${body}\n</section>`;
}

export function resultLabel(result: string): string {
  return Object.prototype.hasOwnProperty.call(RESULT_LABELS, result) ? RESULT_LABELS[result] : result;
}

/** "einstimmig", "einstimmig bei 1 Enthaltung" or "Ja: 10, Nein: 2, Enthaltungen: 1"; null without votes. */
/** The minutes' sentence for a Befangenheit: the person left for deliberation and vote, and why. */
export function biasLine(b: { name: string; reason?: string | null }): string {
  const reason = b.reason && b.reason.trim() ? ` (Grund: ${b.reason.trim()})` : '';
  return `${b.name} hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen${reason}.`;
}

export function votesLine(votes: VotesView | null | undefined): string | null {
  if (!votes) return null;
  const { yes, no, abstain, unanimous } = votes;
  if (unanimous) {
    if (!abstain) return 'einstimmig';
    return `einstimmig bei ${abstain} ${abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}`;
  }
  if (yes === undefined && no === undefined && abstain === undefined) return null;
  const counts = `Ja: ${yes ?? 0}, Nein: ${no ?? 0}, Enthaltungen: ${abstain ?? 0}`;
  // No vote against: einstimmig (bei Enthaltungen), with the counts as recorded.
  if ((yes ?? 0) > 0 && !no) return `${votesLine({ unanimous: true, abstain })} (${counts})`;
  return counts;
}

function renderItem(item: AgendaItemDocument): string {
  const markers = `${item.lateAddition ? ' <span class="marker">(Nachtrag)</span>' : ''}`;
  const lines = [
    '<article class="item">',
    `<h3>${escapeHtml(`${itemNumberLabel(item)} ${item.title}`)}${markers}</h3>`,
  ];
  if (present(item.paperReference)) lines.push(`<p>Vorlage ${escapeHtml(item.paperReference)}</p>`);
  if (isRemoved(item)) {
    const reason = present(item.decisionText) ? ` (${item.decisionText})` : '';
    lines.push(`<p>Ergebnis: abgesetzt${escapeHtml(reason)}</p>`, '</article>');
    return lines.join('\n');
  }
  // Änderungsanträge come first: they were voted before the main motion (GO des Kreistags).
  for (const a of item.amendments ?? []) {
    const outcome = AMENDMENT_STATE_LABELS[a.state] ?? a.state;
    lines.push(`<p>${escapeHtml(`${a.label}: ${outcome}`)}</p>`);
    if (present(a.change)) lines.push(`<div class="text">${escapeHtml(a.change)}</div>`);
    lines.push(`<div class="text">${escapeHtml(`Fassung: ${a.text}`)}</div>`);
    const amendmentVotes = votesLine(a.votes);
    if (amendmentVotes !== null) lines.push(`<p>${escapeHtml(`Abstimmungsergebnis zum ${a.label.split(' (')[0]}: ${amendmentVotes}`)}</p>`);
    if (present(a.withdrawnReason)) lines.push(`<p>${escapeHtml(`Grund der Rücknahme: ${a.withdrawnReason}`)}</p>`);
  }
  const adopted = (item.amendments ?? []).filter((a) => a.state === 'adopted');
  const result = present(item.result) ? resultLabel(item.result) : item.status === 'postponed' ? 'vertagt' : null;
  if (result !== null) lines.push(`<p>Ergebnis: ${escapeHtml(result)}</p>`);
  const votes = votesLine(item.votes);
  if (votes !== null) lines.push(`<p>Abstimmungsergebnis: ${escapeHtml(votes)}</p>`);
  if (present(item.decisionText)) {
    // The text as voted: in the version of the last Änderungsantrag adopted, if any.
    const heading = adopted.length ? `Beschluss (in der Fassung des ${adopted.at(-1)!.label.replace('Änderungsantrag', 'Änderungsantrags')}):` : 'Beschluss:';
    lines.push(`<p><strong>${escapeHtml(heading)}</strong></p>`, `<div class="text">${escapeHtml(item.decisionText)}</div>`);
  }
  for (const b of item.biased) lines.push(`<p>${escapeHtml(biasLine(b))}</p>`);
  lines.push('</article>');
  return lines.join('\n');
}
