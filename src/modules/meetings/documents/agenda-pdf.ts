/**
 * The agenda (Tagesordnung) as a PDF, with the same content and the same public /
 * non-public rule as the HTML agenda (both take their items from agenda-sections).
 * Standard PDF fonts (Helvetica) cover German umlauts and ß through WinAnsiEncoding,
 * so no font file is embedded.
 */
import PDFDocument from 'pdfkit';
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
import { formatDateShort, formatDateTime, sessionLine } from '../../../shared/document-format';

export interface AgendaPdfOptions {
  part: AgendaPart;
  version?: AgendaVersion;
  /**
   * Compress content streams (default true). Tests turn it off to read the text.
   */
  compress?: boolean;
  /**
   * ISO instant for the PDF's CreationDate. Defaults to the invitation time, else the
   * meeting start, so the same meeting renders to the same bytes without a clock.
   */
  generatedAt?: string;
}

const MARGIN = { top: 56, bottom: 64, left: 62, right: 56 };
const NUMBER_WIDTH = 58;
const GAP = 8;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

type Pdf = PDFKit.PDFDocument;

export function renderAgendaPdf(doc: MeetingDocument, options: AgendaPdfOptions): Promise<Buffer> {
  const createdAt = new Date(options.generatedAt ?? doc.invitedAt ?? doc.start);
  if (Number.isNaN(createdAt.getTime())) return Promise.reject(new RangeError('invalid generatedAt for the agenda PDF'));
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    compress: options.compress ?? true,
    bufferPages: true, // page numbers are written once the page count is known
    lang: 'de-DE',
    displayTitle: true,
    info: {
      Title: `Tagesordnung ${doc.organizationName} ${formatDateShort(doc.start)}`,
      Author: doc.bodyName,
      Subject: sessionLine(doc.start),
      Creator: 'ratsweg',
      CreationDate: createdAt,
    },
  });
  const result = collect(pdf);
  drawHeader(pdf, doc, options);
  for (const section of agendaSections(doc.items, options)) drawSection(pdf, section);
  drawPageNumbers(pdf, `Tagesordnung ${doc.organizationName}, ${formatDateShort(doc.start)}`);
  pdf.end();
  return result;
}

function collect(pdf: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - MARGIN.left - MARGIN.right;
}

function drawHeader(pdf: Pdf, doc: MeetingDocument, options: AgendaPdfOptions): void {
  const width = contentWidth(pdf);
  pdf.font(REGULAR).fontSize(10).fillColor('#444444').text(doc.bodyName, MARGIN.left, MARGIN.top, { width });
  pdf.moveDown(0.5).fillColor('black');
  pdf.font(BOLD).fontSize(20).text('Tagesordnung', { width });
  pdf.fontSize(14).text(doc.organizationName, { width });
  pdf.moveDown(0.5).font(REGULAR).fontSize(11).text(sessionLine(doc.start), { width });
  if (present(doc.location)) pdf.text(`Ort: ${doc.location}`, { width });
  if (options.version === 'invited' && present(doc.invitedAt)) {
    pdf.text(`Stand der Einladung vom ${formatDateTime(doc.invitedAt)}`, { width });
  }
  if (present(doc.urgentInvitationReason)) pdf.text(`Dringliche Einladung: ${doc.urgentInvitationReason}`, { width });
  if (doc.state === 'cancelled') {
    pdf.moveDown(0.8).font(BOLD).fontSize(13).fillColor('#bb0000').text('Die Sitzung ist abgesagt.', { width });
    if (present(doc.cancelledReason)) pdf.font(REGULAR).fontSize(11).text(`Grund: ${doc.cancelledReason}`, { width });
    pdf.fillColor('black');
  }
}

function drawSection(pdf: Pdf, section: AgendaSection): void {
  const width = contentWidth(pdf);
  pdf.font(BOLD).fontSize(13);
  // Keep a heading together with at least one line of its first item.
  ensureSpace(pdf, pdf.currentLineHeight(true) * 3 + 24);
  pdf.moveDown(1.2).text(section.heading, MARGIN.left, pdf.y, { width });
  const lineY = pdf.y + 2;
  pdf.moveTo(MARGIN.left, lineY).lineTo(MARGIN.left + width, lineY).lineWidth(0.5).stroke('#999999');
  pdf.moveDown(0.6);
  if (section.items.length === 0) {
    pdf.font(REGULAR).fontSize(11).text('Keine Tagesordnungspunkte.', MARGIN.left, pdf.y, { width });
    return;
  }
  for (const item of section.items) drawItem(pdf, item);
}

function drawItem(pdf: Pdf, item: AgendaItemDocument): void {
  const textX = MARGIN.left + NUMBER_WIDTH + GAP;
  const textWidth = contentWidth(pdf) - NUMBER_WIDTH - GAP;
  const removed = isRemoved(item);
  const markers = `${item.lateAddition ? ' (Nachtrag)' : ''}${removed ? ' (abgesetzt)' : ''}`;
  const details = itemDetailLines(item);

  // Start the item on a new page rather than split its number from its title.
  pdf.font(BOLD).fontSize(11);
  const titleHeight = pdf.heightOfString(item.title + markers, { width: textWidth });
  pdf.font(REGULAR).fontSize(10);
  const detailHeight = details.reduce((sum, line) => sum + pdf.heightOfString(line, { width: textWidth }), 0);
  ensureSpace(pdf, titleHeight + detailHeight + 10);

  const top = pdf.y;
  pdf.font(BOLD).fontSize(11).text(itemNumberLabel(item), MARGIN.left, top, { width: NUMBER_WIDTH, strike: removed });
  if (markers === '') {
    pdf.text(item.title, textX, top, { width: textWidth, strike: removed });
  } else {
    // Only the title is struck through, the markers stay readable.
    pdf.text(item.title, textX, top, { width: textWidth, strike: removed, continued: true });
    pdf.font(REGULAR).fillColor('#bb0000').text(markers, { strike: false });
    pdf.fillColor('black');
  }
  pdf.font(REGULAR).fontSize(10);
  for (const line of details) pdf.text(line, textX, pdf.y, { width: textWidth });
  pdf.moveDown(0.6);
}

function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.y + height > pdf.page.height - MARGIN.bottom) pdf.addPage();
}

function drawPageNumbers(pdf: Pdf, label: string): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    // Writing inside the bottom margin would make pdfkit open a new page.
    const margins = pdf.page.margins;
    pdf.page.margins = { ...margins, bottom: 0 };
    pdf
      .font(REGULAR)
      .fontSize(8)
      .fillColor('#444444')
      .text(`${label} – Seite ${index + 1} von ${range.count}`, MARGIN.left, pdf.page.height - MARGIN.bottom + 24, {
        width: contentWidth(pdf),
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins = margins;
  }
}
