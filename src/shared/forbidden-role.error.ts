import { DomainError } from './domain-error';

/** 403: the caller holds none of the roles a route or a transition needs. */
export class ForbiddenRoleError extends DomainError {
  constructor(required: readonly string[]) {
    super('AUTH.FORBIDDEN', `This needs one of the roles: ${required.join(', ')}`, { requiredRoles: required });
  }
}
