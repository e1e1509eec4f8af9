import { DomainError } from '../../shared/domain-error';

/** Tasks carry out a decision: a paper takes them once adopted, and until it is closed. */
export class PaperNotAdoptedError extends DomainError {
  constructor(paperId: string, state: string) {
    super('TASK.PAPER_NOT_ADOPTED', `Paper ${paperId} is ${state}: tasks can be added once it is adopted, and until it is closed`, {
      paperState: state,
    });
  }
}
