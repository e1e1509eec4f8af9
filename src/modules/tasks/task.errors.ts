import { DomainError } from '../../shared/domain-error';
import { germanDay, lastDayOfWindow } from '../../shared/document-format';
import type { ImplementationHold } from '../papers/paper.types';

/** Tasks carry out a decision: a paper takes them once adopted, and until it is closed. */
export class PaperNotAdoptedError extends DomainError {
  constructor(paperId: string, state: string) {
    super('TASK.PAPER_NOT_ADOPTED', `Paper ${paperId} is ${state}: tasks can be added once it is adopted, and until it is closed`, {
      paperState: state,
    });
  }
}

const SUSPENDED: Record<Extract<ImplementationHold, { kind: 'suspended' }>['procedure'], string> = {
  objection:
    'Der Landrat hat dem Beschluss widersprochen (§ 39 Abs. 1 KrO NRW): seine Ausführung ist ausgesetzt, bis das Gremium in einer neuen Sitzung erneut beschlossen hat.',
  contest:
    'Der Landrat hat den Beschluss beanstandet (§ 39 Abs. 2 KrO NRW): seine Ausführung ist ausgesetzt, bis das Gremium erneut beschlossen hat.',
  supervision:
    'Das Gremium ist bei seinem beanstandeten Beschluss geblieben (§ 39 Abs. 2 KrO NRW): seine Ausführung ist ausgesetzt, bis die Aufsichtsbehörde entschieden hat.',
};

/** A decision § 39 KrO NRW holds back from being carried out; the code says why. */
export class DecisionHeldError extends DomainError {}

/**
 * Why a decision cannot be carried out now (§ 39 KrO NRW): the Widerspruchsfrist is still
 * open, a Widerspruch or Beanstandung suspends it, or the Aufsichtsbehörde annulled it.
 */
export function implementationHoldError(paperId: string, hold: ImplementationHold): DecisionHeldError {
  switch (hold.kind) {
    case 'windowOpen':
      return new DecisionHeldError(
        'TASK.OBJECTION_WINDOW_OPEN',
        `Die Widerspruchsfrist nach § 39 Abs. 1 KrO NRW läuft bis zum Ablauf des ${lastDayOfWindow(hold.endsAt)}: ` +
          'erst danach wird mit der Ausführung des Beschlusses begonnen.',
        { paperId, objectionWindowEndsAt: hold.endsAt },
      );
    case 'suspended':
      return new DecisionHeldError('TASK.DECISION_SUSPENDED', SUSPENDED[hold.procedure], { paperId, suspendedBy: hold.procedure, since: hold.since });
    case 'annulled':
      return new DecisionHeldError(
        'TASK.DECISION_ANNULLED',
        `Die Aufsichtsbehörde hat den Beschluss${hold.decidedOn ? ` am ${germanDay(hold.decidedOn)}` : ''} aufgehoben (§ 39 Abs. 2 KrO NRW): er wird nicht ausgeführt.`,
        { paperId },
      );
  }
}
