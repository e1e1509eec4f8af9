/**
 * The agenda (Tagesordnung) as a self-contained HTML page: no external assets, so it
 * can be mailed, archived or printed as is. With `part: 'public'` it is the version
 * published on the internet, which must not reveal anything of a non-public item.
 */
import type { AgendaItemDocument, MeetingDocument } from '../meeting.types';
import {
  agendaSections,
  isRemoved,
  itemDetailLines,
  itemNumberLabel,
  present,
  type AgendaPart,
  type AgendaSection,
  type AgendaVersion,
} from './agenda-sections';
import { escapeHtml, formatDateShort, formatDateTime, htmlPage, sessionLine } from '../../../shared/document-format';

export interface AgendaHtmlOptions {
  part: AgendaPart;
  version?: AgendaVersion;
}

const CSS = [
  'body{font-family:Arial,Helvetica,sans-serif;color:#111;line-height:1.4;max-width:48rem;margin:2rem auto;padding:0 1rem}',
  'h1{font-size:1.6rem;margin:0 0 .5rem}h1 span{display:block}h1 .organization{font-size:1.2rem}',
  'h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:2rem}',
  '.body-name{color:#444;margin:0 0 .5rem}.meta p{margin:.2rem 0}',
  '.notice{border:2px solid #b00;padding:.5rem 1rem;font-weight:bold;white-space:pre-line}',
  'ol.items{list-style:none;padding:0}ol.items>li{display:flex;gap:1rem;margin:.8rem 0}',
  '.number{flex:0 0 5rem;font-weight:bold}.title{font-weight:bold}.marker{color:#b00}',
  '.details{margin:.2rem 0 0;padding:0;list-style:none;color:#333;white-space:pre-line}',
  '.empty{color:#444}',
  '@media print{body{margin:0;max-width:none}}',
].join('\n');

export function renderAgendaHtml(doc: MeetingDocument, options: AgendaHtmlOptions): string {
  const sections = agendaSections(doc.items, options);
  const title = `Tagesordnung – ${doc.organizationName} – ${formatDateShort(doc.start)}`;
  return htmlPage(title, [renderHeader(doc, options), ...sections.map(renderSection)], { css: CSS });
}

function renderHeader(doc: MeetingDocument, options: AgendaHtmlOptions): string {
  const lines = [
    '<header>',
    `<p class="body-name">${escapeHtml(doc.bodyName)}</p>`,
    `<h1><span>Tagesordnung</span> <span class="organization">${escapeHtml(doc.organizationName)}</span></h1>`,
    '<div class="meta">',
    `<p>${escapeHtml(sessionLine(doc.start))}</p>`,
  ];
  if (present(doc.location)) lines.push(`<p>Ort: ${escapeHtml(doc.location)}</p>`);
  if (options.version === 'invited' && present(doc.invitedAt)) {
    lines.push(`<p>Stand der Einladung vom ${escapeHtml(formatDateTime(doc.invitedAt))}</p>`);
  }
  if (present(doc.urgentInvitationReason)) {
    lines.push(`<p>Dringliche Einladung: ${escapeHtml(doc.urgentInvitationReason)}</p>`);
  }
  lines.push('</div>', '</header>');
  if (doc.state === 'cancelled') {
    const reason = present(doc.cancelledReason) ? `\nGrund: ${doc.cancelledReason}` : '';
    lines.push(`<p class="notice" role="alert">${escapeHtml(`Die Sitzung ist abgesagt.${reason}`)}</p>`);
  }
  return lines.join('\n');
}

function renderSection(section: AgendaSection): string {
  const body =
    section.items.length === 0
      ? '<p class="empty">Keine Tagesordnungspunkte.</p>'
      : `<ol class="items">\n${section.items.map(renderItem).join('\n')}\n</ol>`;
  return `<section>\n<h2>${escapeHtml(section.heading)}</h2>\n${body}\n</section>`;
}

function renderItem(item: AgendaItemDocument): string {
  const removed = isRemoved(item);
  let number = escapeHtml(itemNumberLabel(item));
  let title = `<span class="title">${escapeHtml(item.title)}</span>`;
  if (removed) {
    // <s> is not announced by screen readers, hence the spelled-out marker as well.
    number = `<s>${number}</s>`;
    title = `<s>${title}</s>`;
  }
  const markers: string[] = [];
  if (item.lateAddition) markers.push(' <span class="marker">(Nachtrag)</span>');
  if (removed) markers.push(' <span class="marker">(abgesetzt)</span>');
  const details = itemDetailLines(item);
  const detailList =
    details.length === 0 ? '' : `<ul class="details">${details.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
  return `<li><span class="number">${number}</span><div>${title}${markers.join('')}${detailList}</div></li>`;
}
