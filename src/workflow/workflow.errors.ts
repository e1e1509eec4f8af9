import { DomainError } from '../shared/domain-error';

/** The event is not possible in the subject's current state (or its payload does not satisfy the rules). */
export class TransitionNotAllowedError extends DomainError {
  constructor(subjectType: string, eventType: string, state: string, allowed: string[], problems: string[] = []) {
    super(
      'WORKFLOW.TRANSITION_NOT_ALLOWED',
      problems.length
        ? `${eventType} is refused: ${problems.join('; ')}`
        : `${eventType} is not allowed for this ${subjectType} in state ${state}`,
      { state, allowed, ...(problems.length ? { problems } : {}) },
    );
  }
}

/** The client's expectedVersion is not the current version: someone else changed it first. */
export class StaleVersionError extends DomainError {
  constructor(expected: number, currentVersion: number) {
    super('WORKFLOW.STALE_VERSION', `Version ${expected} is stale; the current version is ${currentVersion}`, {
      currentVersion,
    });
  }
}

export class UnknownMachineVersionError extends DomainError {
  constructor(subjectType: string, version: number) {
    super('WORKFLOW.UNKNOWN_MACHINE_VERSION', `No ${subjectType} machine of version ${version} is registered`);
  }
}
