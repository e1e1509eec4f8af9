import { DomainError } from '../../shared/domain-error';

/** The Ladungsfrist cannot be kept any more: names the earliest start an invitation sent now allows. */
export class InvitationTooLateError extends DomainError {
  constructor(start: string, earliestStart: string, urgent: boolean) {
    super(
      'MEETING.INVITATION_TOO_LATE',
      `An ${urgent ? 'urgent ' : ''}invitation sent now is too late for a meeting starting ${start}; ` +
        `the earliest allowed start is ${earliestStart}`,
      { earliestStart, urgent },
    );
  }
}

/** The agenda cannot take this change (a TOP number taken, a paper not due here, a non-public paper in public). */
export class AgendaConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('MEETING.AGENDA_CONFLICT', message, details);
  }
}
