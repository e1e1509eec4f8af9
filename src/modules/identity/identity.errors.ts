import { DomainError } from '../../shared/domain-error';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('AUTH.INVALID_CREDENTIALS', 'Invalid username or password');
  }
}

export class TooManyLoginAttemptsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('AUTH.TOO_MANY_ATTEMPTS', `Too many failed logins; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super('AUTH.UNAUTHENTICATED', message);
  }
}

/** Shared with the workflow, which checks a transition's roles: `src/shared/forbidden-role.error.ts`. */
export { ForbiddenRoleError } from '../../shared/forbidden-role.error';

export class BodyRequiredError extends DomainError {
  constructor(bodies: { id: string; name: string }[]) {
    super('AUTH.BODY_REQUIRED', 'This user holds roles in several bodies: name one as bodyId', { bodies });
  }
}

/** A state-changing request authenticated by the console's session cookie came without its CSRF token. */
export class CsrfTokenError extends DomainError {
  constructor() {
    super('AUTH.CSRF_REQUIRED', 'A change made with the session cookie needs the session’s X-CSRF-Token header');
  }
}
