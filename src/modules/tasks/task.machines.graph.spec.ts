/**
 * Model-based tests: walk each task machine with `xstate/graph`, reach every state of its
 * kind by its shortest path, and replay each path through the pure `transition()`. The
 * expected routes come from the specification (test/fixtures/task.fixtures.ts), not from the
 * machines, so a transition added or lost shows up here. Along every path the deadline
 * effects must follow the due date: cancel-then-schedule when it moves to a day, cancel
 * when it is cleared, and one cancel on entering a final state.
 */
import { transition, type AnyMachineSnapshot } from 'xstate';
import { getShortestPaths, getStateNodes, type StatePath } from 'xstate/graph';
import { dueDateEffects } from './task-effects';
import { TASK_STATES, taskMachines, taskStateKey } from './task-machines';
import { toTaskEffects } from './task-workflow.definition';
import { TASK_EVENT_TYPES, TASK_KINDS, type TaskContext, type TaskEvent, type TaskKind } from './task.types';
import { ACTORS, event, initial, INPUTS, ROUTES } from '../../../test/fixtures/task.fixtures';

type Path = StatePath<AnyMachineSnapshot, TaskEvent>;

/**
 * Every event type, valid for the states that take it, by the department head (who may
 * send them all). Other kinds' events are offered too: the machine must ignore them.
 */
function candidateEvents(): TaskEvent[] {
  return TASK_EVENT_TYPES.map((type) => event(type, ACTORS.fbl));
}

/** Paths to states, not to contexts: SET_DUE_DATE and ASSIGN are self-loops in the graph. */
const byState = (snapshot: AnyMachineSnapshot) => JSON.stringify(snapshot.value);

function pathsOf(kind: TaskKind): Path[] {
  return getShortestPaths(taskMachines[kind], {
    input: INPUTS[kind],
    events: candidateEvents,
    serializeState: byState,
    limit: 1_000,
  }) as Path[];
}

function eventsOf(path: Path): TaskEvent[] {
  const [init, ...rest] = path.steps;
  if ((init?.event.type as string) !== 'xstate.init') throw new Error('a path starts at the initial snapshot');
  return rest.map((step) => step.event);
}

const context = (s: AnyMachineSnapshot) => s.context as TaskContext;

describe.each(TASK_KINDS)('%s machine graph', (kind) => {
  const machine = taskMachines[kind];
  const paths = pathsOf(kind);

  it('declares exactly the states of its kind, flat, with no root-level handlers', () => {
    const leaves = getStateNodes(machine.root).map((n) => n.path.join('.'));
    expect(new Set(leaves)).toEqual(new Set(TASK_STATES[kind]));
    expect(machine.root.ownEvents).toEqual([]);
    for (const s of TASK_STATES[kind]) {
      const node = machine.root.states[s];
      expect([s, node.type]).toEqual([s, Object.keys(node.on).length === 0 ? 'final' : 'atomic']);
    }
  });

  it('reaches every state of the kind', () => {
    const reached = new Set(paths.map((p) => taskStateKey(p.state.value)));
    expect([...reached].sort()).toEqual([...TASK_STATES[kind]].sort());
    expect(paths).toHaveLength(TASK_STATES[kind].length);
  });

  it('finds the shortest route of the specification to each state', () => {
    for (const path of paths) {
      const key = taskStateKey(path.state.value);
      expect([key, eventsOf(path).map((e) => e.type)]).toEqual([key, [...(ROUTES[kind] as Record<string, readonly string[]>)[key]]]);
    }
  });

  it('replays every path through transition(): each step accepted, changes the context, ends where the graph says', () => {
    for (const path of paths) {
      let snapshot = initial(kind);
      for (const { event: e, state } of path.steps.slice(1)) {
        const label = `${e.type} in ${taskStateKey(snapshot.value)}`;
        expect([label, snapshot.can(e)]).toEqual([label, true]);
        const [next] = transition(machine, snapshot, e);
        expect(next).not.toBe(snapshot);
        expect(context(next).revision).toBe(context(snapshot).revision + 1);
        expect(next.value).toEqual(state.value);
        snapshot = next;
      }
      expect(snapshot.value).toEqual(path.state.value);
      expect(snapshot.status).toBe(path.state.status);
      // Only the state is compared: with targetless self-loops the graph may keep a later context for it.
      expect(byState(snapshot)).toBe(byState(path.state));
    }
  });

  it('along every path the deadline effects follow the due date, and a final state cancels it once', () => {
    for (const path of paths) {
      let snapshot = initial(kind);
      for (const e of eventsOf(path)) {
        const [next, actions] = transition(machine, snapshot, e);
        const entersFinal = next.status === 'done';
        const expected = [
          ...dueDateEffects(context(snapshot).dueDate, context(next).dueDate),
          ...(entersFinal ? dueDateEffects('pending', null) : []),
        ];
        expect([e.type, toTaskEffects(actions)]).toEqual([e.type, expected]);
        snapshot = next;
      }
    }
  });

  it('from every reached state, SET_DUE_DATE and ASSIGN loop back to the same state unless it is final', () => {
    for (const path of paths) {
      const snapshot = path.state;
      for (const type of ['SET_DUE_DATE', 'ASSIGN'] as const) {
        const [next] = transition(machine, snapshot, event(type, ACTORS.clerk));
        if (snapshot.status === 'done') expect(next).toBe(snapshot);
        else {
          expect(next.value).toEqual(snapshot.value);
          expect(context(next).revision).toBe(context(snapshot).revision + 1);
        }
      }
    }
  });
});
