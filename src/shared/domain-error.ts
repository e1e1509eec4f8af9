/**
 * Every stable error code of ratsweg. Codes are part of the API (clients switch on
 * them); the exception filter maps each to an HTTP status with an exhaustive switch.
 */
export type DomainErrorCode =
  | 'AUTH.INVALID_CREDENTIALS'
  | 'AUTH.TOO_MANY_ATTEMPTS'
  | 'AUTH.UNAUTHENTICATED'
  | 'AUTH.FORBIDDEN'
  | 'AUTH.BODY_REQUIRED'
  | 'AUTH.CSRF_REQUIRED'
  | 'COMMON.NOT_FOUND'
  | 'COMMON.BAD_INPUT'
  | 'COMMON.SERVICE_UNAVAILABLE'
  | 'WORKFLOW.TRANSITION_NOT_ALLOWED'
  | 'WORKFLOW.STALE_VERSION'
  | 'WORKFLOW.UNKNOWN_MACHINE_VERSION'
  | 'PAPER.NOT_EDITABLE'
  | 'PAPER.ON_AGENDA'
  | 'PAPER.NO_SIGN_OFF'
  | 'ORGANIZATION.BELOW_MINIMUM'
  | 'PAPER.OBJECTION_WINDOW_CLOSED'
  | 'PAPER.OBJECTION_EXHAUSTED'
  | 'PAPER.NO_OBJECTION_WINDOW'
  | 'MEETING.INVITATION_TOO_LATE'
  | 'MEETING.AGENDA_CONFLICT'
  | 'TASK.PAPER_NOT_ADOPTED'
  | 'TASK.OBJECTION_WINDOW_OPEN'
  | 'TASK.DECISION_SUSPENDED'
  | 'TASK.DECISION_ANNULLED';

/**
 * A domain error: a plain class with a stable `code`, a human message and optional
 * details that are returned to the client as extra fields. Never an HttpException:
 * services do not know about HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('COMMON.NOT_FOUND', `${what} ${id} not found`);
  }
}

export class BadInputError extends DomainError {
  constructor(message: string, fields: { field: string; messages: string[] }[] = []) {
    super('COMMON.BAD_INPUT', message, fields.length ? { fields } : {});
  }
}
