/**
 * Beschlussauszüge: the extract to the mailbox of the unit responsible for the paper, and,
 * when it cannot go there (the paper names no unit, or the unit has no mailbox), a notice
 * to the committee office, so no extract stays unsent without anyone knowing. Both carry
 * the extract as an attachment (the notifications service adds it).
 */
import { facts, paragraph, type MailDraft } from './mail-layout';
import { paperIdentity, type ContentOf } from './template-format';
import type { ExtractRef } from '../notification.types';

function extractFacts(extract: ExtractRef) {
  return facts(
    ['Vorlage', paperIdentity(extract.paper)],
    ['Teil', extract.public ? 'öffentlich' : 'nichtöffentlich – nur für den Dienstgebrauch'],
    ['SHA-256 des Auszugs', extract.sha256],
  );
}

export function decisionExtract(content: ContentOf<'decisionExtract'>): MailDraft {
  const { extract } = content;
  return {
    subject: extract.title,
    blocks: [
      paragraph(
        `anbei erhalten Sie den Beschlussauszug zu TOP ${extract.itemNumber} aus der unterzeichneten Niederschrift` +
          `${extract.unit ? ` für die Organisationseinheit „${extract.unit}“` : ''} zur weiteren Veranlassung.`,
      ),
      extractFacts(extract),
      paragraph('Der Auszug ist dieser Nachricht als HTML-Datei beigefügt; in ratsweg steht er bei den Beschlussauszügen der Sitzung.'),
    ],
    closing: 'service',
  };
}

export function decisionExtractUndeliverable(content: ContentOf<'decisionExtractUndeliverable'>): MailDraft {
  const { extract } = content;
  const why = extract.unit
    ? `für die Organisationseinheit „${extract.unit}“ ist kein Postfach hinterlegt`
    : 'die Vorlage nennt keine zuständige Organisationseinheit';
  return {
    subject: `Nicht versandt: ${extract.title}`,
    blocks: [
      paragraph(`der Beschlussauszug zu TOP ${extract.itemNumber} konnte nicht versandt werden: ${why}.`),
      extractFacts(extract),
      paragraph(
        'Der Auszug ist gespeichert und dieser Nachricht beigefügt. Bitte leiten Sie ihn an die zuständige Stelle weiter; ' +
          'das Postfach einer Organisationseinheit hinterlegt die Administration.',
      ),
    ],
    closing: 'automatic',
  };
}
