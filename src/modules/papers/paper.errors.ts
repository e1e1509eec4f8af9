import { DomainError } from '../../shared/domain-error';

export class PaperNotEditableError extends DomainError {
  constructor(state: string) {
    super('PAPER.NOT_EDITABLE', `Only a draft can be edited; this paper is in state ${state}`, { state });
  }
}
