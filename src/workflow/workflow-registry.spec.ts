import type { WorkflowDefinition } from './workflow-definition';
import { WorkflowRegistry } from './workflow-registry';
import { OutboxHandlers } from './outbox/outbox-handlers';

const definition = (subjectType: string, outboxEffects: string[]) => ({ subjectType, outboxEffects }) as unknown as WorkflowDefinition;

describe('WorkflowRegistry start-up check: every outbox effect has a handler', () => {
  it('refuses to start when a definition declares an effect nobody handles, naming it', () => {
    const handlers = new OutboxHandlers();
    handlers.register('notify', async () => undefined);
    const registry = new WorkflowRegistry(handlers);
    registry.register(definition('paper', ['notify', 'scheduleDeadline']));
    expect(() => registry.onApplicationBootstrap()).toThrow('no handler registered for outbox kinds: scheduleDeadline');
  });

  it('starts when every declared effect of every definition has its handler', () => {
    const handlers = new OutboxHandlers();
    for (const kind of ['notify', 'scheduleDeadline', 'cancelDeadline']) handlers.register(kind, async () => undefined);
    const registry = new WorkflowRegistry(handlers);
    registry.register(definition('paper', ['notify', 'scheduleDeadline', 'cancelDeadline']));
    registry.register(definition('meeting', ['notify']));
    expect(() => registry.onApplicationBootstrap()).not.toThrow();
    expect([...registry.outboxEffects()].sort()).toEqual(['cancelDeadline', 'notify', 'scheduleDeadline']);
  });
});
