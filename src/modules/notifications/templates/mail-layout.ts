/**
 * One mail body, two renderings: the templates describe a mail as blocks of plain text
 * and this file turns them into the text part and a self-contained HTML document. Every
 * value reaches HTML through `escapeHtml`, so a title like "<script>" stays text.
 */
import { escapeHtml, htmlPage } from '../../../shared/document-format';
import type { Recipient, RenderedMail } from '../notification.types';

export type MailBlock =
  /** A paragraph; line breaks inside are kept. */
  | { type: 'paragraph'; text: string }
  /** A bulleted list under a heading line, e.g. the public agenda items. */
  | { type: 'list'; heading: string; items: readonly string[] }
  /** "Label: value" lines, e.g. Termin, Ort, Grund. */
  | { type: 'facts'; rows: ReadonlyArray<readonly [label: string, value: string]> };

/**
 * `service`: a letter signed by the Sitzungsdienst (meeting mails to members).
 * `automatic`: a workflow notification or reminder.
 */
export type MailClosing = 'service' | 'automatic';

export interface MailDraft {
  subject: string;
  blocks: readonly MailBlock[];
  closing: MailClosing;
}

export interface LayoutOptions {
  appUrl?: string;
}

const CLOSINGS: Readonly<Record<MailClosing, string>> = {
  service: 'Mit freundlichen Grüßen\nIhr Sitzungsdienst',
  automatic: 'Diese Nachricht wurde automatisch von ratsweg erzeugt.',
};

const APP_LINK_LABEL = 'ratsweg öffnen';

export const paragraph = (text: string): MailBlock => ({ type: 'paragraph', text });
export const list = (heading: string, items: readonly string[]): MailBlock => ({ type: 'list', heading, items });
export const facts = (...rows: Array<readonly [string, string] | null>): MailBlock => ({
  type: 'facts',
  rows: rows.filter((row): row is readonly [string, string] => row !== null),
});

export function composeMail(draft: MailDraft, recipient: Recipient, options: LayoutOptions): RenderedMail {
  const subject = oneLine(draft.subject);
  const appUrl = options.appUrl === undefined ? undefined : checkedAppUrl(options.appUrl);
  return {
    subject,
    text: renderText(draft, recipient, appUrl),
    html: renderHtml(subject, draft, recipient, appUrl),
  };
}

function renderText(draft: MailDraft, recipient: Recipient, appUrl: string | undefined): string {
  const parts = [`Guten Tag ${oneLine(recipient.name)},`, ...draft.blocks.map(textBlock)];
  if (appUrl !== undefined) parts.push(`${APP_LINK_LABEL}: ${appUrl}`);
  parts.push(CLOSINGS[draft.closing]);
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}

function textBlock(block: MailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return plain(block.text);
    case 'list':
      return [oneLine(block.heading), ...block.items.map((item) => `- ${oneLine(item)}`)].join('\n');
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${plain(value)}`).join('\n');
  }
}

function renderHtml(subject: string, draft: MailDraft, recipient: Recipient, appUrl: string | undefined): string {
  const body = [`<p>Guten Tag ${escapeHtml(oneLine(recipient.name))},</p>`, ...draft.blocks.map(htmlBlock)];
  if (appUrl !== undefined) body.push(`<p><a href="${escapeHtml(appUrl)}">${APP_LINK_LABEL}</a></p>`);
  body.push(`<p>${htmlText(CLOSINGS[draft.closing])}</p>`);
  // Inline style only: many mail clients drop <style> elements.
  return htmlPage(
    subject,
    body.filter((part) => part !== ''),
    { bodyStyle: 'font-family:Arial,Helvetica,sans-serif;color:#111;line-height:1.4' },
  );
}

function htmlBlock(block: MailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${htmlText(block.text)}</p>`;
    case 'list':
      return [
        `<p style="margin-bottom:0">${escapeHtml(oneLine(block.heading))}</p>`,
        '<ul style="margin-top:0">',
        ...block.items.map((item) => `<li>${escapeHtml(oneLine(item))}</li>`),
        '</ul>',
      ].join('\n');
    case 'facts':
      if (block.rows.length === 0) return '';
      return [
        '<table role="presentation" style="border-collapse:collapse">',
        ...block.rows.map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:0 1em 0 0">${escapeHtml(label)}:</th>` +
            `<td>${htmlText(value)}</td></tr>`,
        ),
        '</table>',
      ].join('\n');
  }
}

/** Multi-line text (a reason, say) with normalised line breaks. */
function plain(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** Subjects, names and list items must stay on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function htmlText(text: string): string {
  return escapeHtml(plain(text)).replace(/\n/g, '<br>\n');
}

/** Only http(s) links: the URL comes from configuration, but it ends up in an href. */
function checkedAppUrl(appUrl: string): string {
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    throw new RangeError(`appUrl is not a URL: ${JSON.stringify(appUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`appUrl must be an http(s) URL: ${JSON.stringify(appUrl)}`);
  }
  return appUrl;
}
