import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

interface InertScope {
  scope: Parameters<AnyStateMachine['transition']>[2];
  collected: unknown[];
}

const scopes = new WeakMap<AnyStateMachine, InertScope>();

/**
 * XState's pure `transition(machine, snapshot, event)`, without its per-call cost:
 * xstate builds a throwaway actor for every call, which evaluates the machine's
 * initial state each time. Here one inert scope per machine is kept; nothing is
 * executed, the actions are collected and returned. Synchronous, so sharing the
 * scope is safe. For machines that invoke or spawn no actors (ours do not).
 */
export function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: unknown): [AnyMachineSnapshot, unknown[]] {
  let inert = scopes.get(machine);
  if (!inert) {
    const self = createActor(machine);
    const collected: unknown[] = [];
    inert = {
      collected,
      scope: {
        self,
        defer: () => undefined,
        id: '',
        logger: () => undefined,
        sessionId: '',
        stopChild: () => undefined,
        system: self.system,
        emit: () => undefined,
        actionExecutor: (action: unknown) => collected.push(action),
      } as unknown as InertScope['scope'],
    };
    scopes.set(machine, inert);
  }
  inert.collected.length = 0;
  const next = machine.transition(snapshot, event as never, inert.scope);
  return [next, inert.collected.splice(0)];
}
