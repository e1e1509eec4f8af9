import { DomainError } from '../../shared/domain-error';
import type { ObjectionRefusal } from './paper.guards';

/** The current consultation sits on a meeting's agenda: it moves through that meeting, not directly. */
export class PaperOnAgendaError extends DomainError {
  constructor(eventType: string, meetingId: string) {
    super(
      'PAPER.ON_AGENDA',
      `${eventType} is refused: the paper is on the agenda of meeting ${meetingId}; change it through that meeting's agenda`,
      { meetingId },
    );
  }
}

export class PaperNotEditableError extends DomainError {
  constructor(state: string) {
    super('PAPER.NOT_EDITABLE', `Only a draft can be edited; this paper is in state ${state}`, { state });
  }
}

/** An Antrag or Anfrage of a Fraktion or member has no administrative sign-off chain to sign or reject. */
export class NoSignOffError extends DomainError {
  constructor(eventType: string, paperType: string, originator: string) {
    super(
      'PAPER.NO_SIGN_OFF',
      `${eventType} is refused: this ${paperType} of ${originator} was registered as received and has no administrative sign-off (Mitzeichnung); the administration does not sign what a Fraktion or member proposes`,
      { paperType },
    );
  }
}

/** A Widerspruch refused for a reason of § 39 Abs. 1 KrO NRW (window closed, none, already raised): the code says which. */
export class ObjectionRefusedError extends DomainError {
  constructor(refusal: ObjectionRefusal) {
    super(refusal.code, `OBJECT is refused: ${refusal.message}`, {
      ...(refusal.objectionWindowEndsAt !== undefined && { objectionWindowEndsAt: refusal.objectionWindowEndsAt }),
    });
  }
}
