import type { EffectAction, WorkflowDefinition } from './workflow-definition';

/** Every effect a definition declares: written as outbox rows, or run in the transition's transaction. */
export function declaredEffects(definition: Pick<WorkflowDefinition, 'outboxEffects' | 'transactionEffects'>): readonly string[] {
  return [...definition.outboxEffects, ...(definition.transactionEffects ?? [])];
}

/**
 * The effects among the actions `transition()` returned, as plain data (type, and params
 * when there are any): the kinds given, in the order the machine emitted them; `exec`
 * and every other action dropped. The workflow service writes exactly these, and the
 * machines' specs read them through the same function.
 */
export function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>, kinds: readonly string[]): EffectAction[] {
  const wanted: ReadonlySet<string> = new Set(kinds);
  return actions.filter((a) => wanted.has(a.type)).map((a) => (a.params === undefined ? { type: a.type } : { type: a.type, params: a.params }));
}
