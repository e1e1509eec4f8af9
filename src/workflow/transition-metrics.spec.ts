import { Metrics } from '../infrastructure/metrics/metrics';
import { ForbiddenRoleError } from '../modules/identity/identity.errors';
import { BadInputError, NotFoundError } from '../shared/domain-error';
import { failedTransitionOutcome, measureTransition } from './transition-metrics';
import { StaleVersionError, TransitionNotAllowedError } from './workflow.errors';

describe('transition metrics', () => {
  it('counts refusals, conflicts and failures, but not the request’s own errors', () => {
    expect(failedTransitionOutcome(new TransitionNotAllowedError('paper', 'SIGN', 'draft', ['SUBMIT']))).toBe('refused');
    expect(failedTransitionOutcome(new ForbiddenRoleError(['clerk']))).toBe('refused');
    expect(failedTransitionOutcome(new StaleVersionError(2, 3))).toBe('conflict');
    expect(failedTransitionOutcome(new Error('Connection terminated unexpectedly'))).toBe('failed');
    expect(failedTransitionOutcome(new NotFoundError('Paper', 'x'))).toBeUndefined();
    expect(failedTransitionOutcome(new BadInputError('assigneeId is required'))).toBeUndefined();
  });

  it('records committed transitions with their latency and refused ones by event', async () => {
    const metrics = new Metrics();
    await measureTransition(metrics, 'paper', 'SUBMIT', async () => 'ok');
    await expect(
      measureTransition(metrics, 'paper', 'SIGN', async () => {
        throw new TransitionNotAllowedError('paper', 'SIGN', 'draft', ['SUBMIT']);
      }),
    ).rejects.toThrow(TransitionNotAllowedError);
    const text = await metrics.render();
    expect(text).toContain('ratsweg_transitions_total{machine="paper",outcome="committed"} 1');
    expect(text).toContain('ratsweg_transitions_total{machine="paper",outcome="refused"} 1');
    expect(text).toContain('ratsweg_refused_events_total{machine="paper",event="SIGN"} 1');
    expect(text).toContain('ratsweg_transition_duration_seconds_count{machine="paper"} 1');
  });
});
