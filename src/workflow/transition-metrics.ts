import type { Metrics } from '../infrastructure/metrics/metrics';
import { DomainError } from '../shared/domain-error';

export type TransitionOutcomeLabel = 'committed' | 'refused' | 'conflict' | 'failed';

/**
 * How a transition that threw is counted: refused by the machine or the role rules,
 * lost to a concurrent change (stale version), or failed unexpectedly (the database
 * is down). Other domain errors (unknown subject, bad input) are the request's, not
 * the transition's: not counted.
 */
export function failedTransitionOutcome(error: unknown): Exclude<TransitionOutcomeLabel, 'committed'> | undefined {
  if (!(error instanceof DomainError)) return 'failed';
  switch (error.code) {
    case 'WORKFLOW.TRANSITION_NOT_ALLOWED':
    case 'AUTH.FORBIDDEN':
      return 'refused';
    case 'WORKFLOW.STALE_VERSION':
      return 'conflict';
    default:
      return undefined;
  }
}

/** Runs one transition and records its outcome, and its latency when it committed. */
export async function measureTransition<T>(metrics: Metrics, machine: string, event: string, run: () => Promise<T>): Promise<T> {
  const stop = metrics.transitionSeconds.startTimer({ machine });
  try {
    const result = await run();
    stop();
    metrics.transitions.inc({ machine, outcome: 'committed' });
    return result;
  } catch (error) {
    const outcome = failedTransitionOutcome(error);
    if (outcome) metrics.transitions.inc({ machine, outcome });
    if (outcome === 'refused') metrics.refusedEvents.inc({ machine, event });
    throw error;
  }
}
