/**
 * Mails along a paper's (Vorlage) way: sign-off requested or rejected, release, and a
 * committee's result. Before release a paper has no reference and is named by its title.
 */
import { facts, paragraph, type MailDraft } from './mail-layout';
import { paperLabel, paperPhrase, paperShortPhrase, resultLabel, shortDate, type ContentOf } from './template-format';

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

/** § 39 KrO NRW: the Landrat objected to (Abs. 1) or contested (Abs. 2) a decision; the office plans the new one. */
export function decisionChallenged(content: ContentOf<'decisionChallenged'>): MailDraft {
  const { paper, procedure, reason, byName, earliestSessionDay, latestSessionDay } = content;
  const objection = procedure === 'objection';
  const what = objection ? 'Widerspruch (§ 39 Abs. 1 KrO NRW)' : 'Beanstandung (§ 39 Abs. 2 KrO NRW)';
  const session =
    objection && earliestSessionDay && latestSessionDay
      ? `Die Angelegenheit ist in einer neuen Sitzung zwischen dem ${shortDate(earliestSessionDay)} und dem ${shortDate(latestSessionDay)} erneut zu beraten und zu beschließen. Bis dahin ruht die Ausführung des Beschlusses.`
      : 'Die Angelegenheit ist erneut zu beraten und zu beschließen. Bis dahin ruht die Ausführung des Beschlusses.';
  return {
    subject: `${objection ? 'Widerspruch' : 'Beanstandung'}: ${paperShortPhrase(paper)}`,
    blocks: [
      paragraph(`gegen den Beschluss zur ${paperPhrase(paper)} wurde ${what} eingelegt.`),
      facts(['Eingelegt von', byName], ['Begründung', reason]),
      paragraph(session),
    ],
    closing: 'automatic',
  };
}

/** § 39 Abs. 2 KrO NRW: the body kept a contested decision; the Landrat obtains the supervisory authority's decision at once. */
export function supervisionRequired(content: ContentOf<'supervisionRequired'>): MailDraft {
  const { paper } = content;
  return {
    subject: `Entscheidung der Aufsichtsbehörde einholen: ${paperShortPhrase(paper)}`,
    blocks: [
      paragraph(`das Gremium ist bei seinem beanstandeten Beschluss zur ${paperPhrase(paper)} geblieben.`),
      paragraph('Nach § 39 Abs. 2 KrO NRW ist unverzüglich die Entscheidung der Aufsichtsbehörde einzuholen; die aufschiebende Wirkung bleibt bis dahin bestehen.'),
    ],
    closing: 'automatic',
  };
}
