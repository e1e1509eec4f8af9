/**
 * Mails along a paper's (Vorlage) way: sign-off requested or rejected, release, and a
 * committee's result. Before release a paper has no reference and is named by its title.
 */
import { facts, paragraph, type MailDraft } from './mail-layout';
import { paperLabel, paperPhrase, paperShortPhrase, resultLabel, type ContentOf } from './template-format';

export function signOffRequested(content: ContentOf<'signOffRequested'>): MailDraft {
  const { paper, roleLabel } = content;
  return {
    subject: `Mitzeichnung erbeten: ${paperLabel(paper)}`,
    blocks: [
      paragraph(`für die ${paperPhrase(paper)} wird Ihre Mitzeichnung erbeten.`),
      facts(['Mitzeichnung durch', roleLabel]),
      paragraph('Bitte zeichnen Sie die Vorlage in ratsweg mit oder lehnen Sie die Mitzeichnung mit Begründung ab.'),
    ],
    closing: 'automatic',
  };
}

export function signOffRejected(content: ContentOf<'signOffRejected'>): MailDraft {
  const { paper, roleLabel, reason } = content;
  return {
    subject: `Mitzeichnung abgelehnt: ${paperLabel(paper)}`,
    blocks: [
      paragraph(`die Mitzeichnung der ${paperPhrase(paper)} wurde abgelehnt.`),
      facts(['Abgelehnt durch', roleLabel], ['Begründung', reason]),
    ],
    closing: 'automatic',
  };
}

export function released(content: ContentOf<'released'>): MailDraft {
  const { paper } = content;
  return {
    subject: `${paperShortPhrase(paper)} freigegeben`,
    blocks: [paragraph(`die ${paperPhrase(paper)} wurde freigegeben.`)],
    closing: 'automatic',
  };
}

export function resultRecorded(content: ContentOf<'resultRecorded'>): MailDraft {
  const { paper, organizationName, result } = content;
  const label = resultLabel(result);
  return {
    subject: `Beratungsergebnis: ${paperShortPhrase(paper)} – ${label}`,
    blocks: [
      paragraph(`zur ${paperPhrase(paper)} liegt ein Beratungsergebnis vor.`),
      facts(['Gremium', organizationName], ['Ergebnis', label]),
    ],
    closing: 'automatic',
  };
}
