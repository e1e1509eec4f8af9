/**
 * A Beschlussauszug as a self-contained HTML page: the decision on one item of signed
 * minutes (§ 37 KrO NRW: the Niederschrift, signed by the chair and the Schriftführer),
 * for the unit that carries it out. Pure: rendered once when the minutes are signed and
 * stored with its hash; it names the hash of the minutes it was cut from, so anyone can
 * check the two belong together.
 *
 * An extract of the non-public part says so at the top: it is internal and is never
 * published (no public document or route carries it).
 */
import type { DecisionExtractDocument } from '../meeting.types';
import { escapeHtml, formatDate, formatDateShort, formatDateTime, htmlPage } from '../../../shared/document-format';
import { biasLine, resultLabel, votesLine } from './minutes-html';

const CSS = [
  'body{font-family:Arial,Helvetica,sans-serif;color:#111;line-height:1.4;max-width:48rem;margin:2rem auto;padding:0 1rem}',
  'h1{font-size:1.6rem;margin:0 0 .5rem}h1 span{display:block}h1 .organization{font-size:1.2rem}',
  'h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:2rem}',
  '.body-name{color:#444;margin:0 0 .5rem}.meta p,.item p{margin:.2rem 0}',
  '.status{display:inline-block;padding:.2rem .6rem;font-weight:bold;border:2px solid;color:#b00;border-color:#b00}',
  '.text{white-space:pre-line;margin:.2rem 0 .2rem 1rem}',
  'footer{margin-top:3rem;border-top:1px solid #999;color:#444;font-size:.9rem;word-break:break-all}',
  '@media print{body{margin:0;max-width:none}}',
].join('\n');

/** "Beschlussauszug: TOP 5 – Kreistag am 29.09.2021" (the page title and the mail's subject). */
export function extractTitle(doc: Pick<DecisionExtractDocument, 'item' | 'organizationName' | 'meetingStart'>): string {
  return `Beschlussauszug: TOP ${doc.item.number} – ${doc.organizationName} am ${formatDateShort(doc.meetingStart)}`;
}

export function renderDecisionExtractHtml(doc: DecisionExtractDocument): string {
  const line = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const header = [
    '<header>',
    `<p class="body-name">${escapeHtml(doc.bodyName)}</p>`,
    `<h1><span>Beschlussauszug</span> <span class="organization">${escapeHtml(doc.organizationName)}</span></h1>`,
    ...(doc.item.public ? [] : ['<p class="status">Nichtöffentlich – nur für den Dienstgebrauch, nicht zur Veröffentlichung</p>']),
    '<div class="meta">',
    line(`Sitzung Nr. ${doc.meetingNumber} am ${formatDate(doc.meetingStart)}`),
    ...(doc.location ? [line(`Ort: ${doc.location}`)] : []),
    '</div>',
    '</header>',
  ];
  const { item, paper } = doc;
  const votes = votesLine(item.votes);
  const body = [
    '<section class="item">',
    `<h2>${escapeHtml(`TOP ${item.number} ${item.title}`)}</h2>`,
    line(item.public ? 'Öffentlicher Teil' : 'Nichtöffentlicher Teil'),
    line(paper.reference ? `Vorlage ${paper.reference}` : 'Vorlage ohne Nummer'),
    line(`Betreff: ${paper.title}`),
    line(`Zuständige Organisationseinheit: ${paper.responsibleUnit ?? 'nicht angegeben'}`),
    ...(item.result ? [line(`Ergebnis: ${resultLabel(item.result)}`)] : []),
    ...(votes !== null ? [line(`Abstimmungsergebnis: ${votes}`)] : []),
    ...(item.decisionText && item.decisionText.trim() !== ''
      ? ['<p><strong>Beschluss:</strong></p>', `<div class="text">${escapeHtml(item.decisionText)}</div>`]
      : []),
    ...item.biased.map((b) => line(biasLine(b))),
    '</section>',
  ];
  const signed = (label: string, s: { name: string; at: string }) => line(`${label}: ${s.name}, unterzeichnet am ${formatDateTime(s.at)}`);
  const signatures = [
    '<section class="signatures">',
    '<h2>Niederschrift unterzeichnet (§ 37 KrO NRW)</h2>',
    signed('Vorsitz', doc.signatures.chair),
    signed('Schriftführung', doc.signatures.recorder),
    '</section>',
  ];
  const footer = [
    '<footer>',
    line('Dieser Auszug stimmt mit der unterzeichneten Niederschrift überein.'),
    line(`SHA-256 der Niederschrift: ${doc.minutesSha256}`),
    line(`Erstellt am ${formatDateTime(doc.generatedAt)} (ratsweg)`),
    '</footer>',
  ];
  return htmlPage(extractTitle(doc), [...header, ...body, ...signatures, ...footer], { css: CSS });
}
