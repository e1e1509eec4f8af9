/**
 * What every task machine shares, so that each machine file keeps only what is particular
 * to its kind: the guard, the common actions, the transitions of the common events
 * (CANCEL, SET_DUE_DATE, ASSIGN) and the final states.
 *
 * Why the task machines look like this:
 * - Pure: time and actor come on the event; the `taskDue` deadline is returned as
 *   `cancelDeadline` / `scheduleDeadline` actions the workflow service writes to the outbox.
 * - One guard, `permitted` (role + payload, task.guards.ts), so a refused event is "not
 *   allowed now" and `taskPayloadProblems` says why.
 * - Every accepted event bumps `revision`, because the workflow service reads "same
 *   snapshot" as "refused"; SET_DUE_DATE and ASSIGN are targetless.
 * - The due date belongs to the current step: the kind's own events set or clear it,
 *   SET_DUE_DATE moves it, a final state cancels the deadline.
 * - No root-level `on`: it would still fire in the final states. The common events are
 *   spread into the `on` of each non-final state instead (COMMON_ON, CANCELLABLE_ON).
 */
import { assertEvent, assign, enqueueActions } from 'xstate';
import { CANCEL_TASK_DUE, dueDateEffects } from './task-effects';
import { isTaskEventPermitted } from './task.guards';
import type { TaskContext, TaskDeadline, TaskEffect, TaskEvent, TaskEventOf, TaskKind } from './task.types';

// ---------------------------------------------------------------------------------------
// setup(): guards and actions
// ---------------------------------------------------------------------------------------

/** The guards of every task machine (setup's `guards`). */
export const taskGuards = {
  permitted: ({ context, event }: { context: TaskContext; event: TaskEvent }) => isTaskEventPermitted(context, event),
};

/** Params of `setDueDate`: the day the due date moves to, null to clear it. */
interface DueDateParams {
  dueDate: string | null;
}

/**
 * The actions every task machine has, spread into its setup's `actions` before the
 * kind's own. A function of the kind rather than one shared object: xstate types an
 * action by its machine's context and events (and through `self` will not take one
 * typed for another machine), so each machine builds its own set, typed for
 * `TaskContext<K>` and `TaskEventOf<K>` exactly as if written in the machine file.
 */
export function commonTaskActions<K extends TaskKind>() {
  type Context = TaskContext<K>;
  type Event = TaskEventOf<K>;

  return {
    // Effect markers: they do nothing here; the caller turns them into outbox rows.
    cancelDeadline: (_: unknown, _params: TaskDeadline) => {},
    scheduleDeadline: (_: unknown, _params: TaskDeadline) => {},

    // Moves the due date and emits the deadline effects of the move. Typed by hand:
    // inside setup() xstate cannot infer which actions `enqueue` may name.
    setDueDate: enqueueActions<Context, Event, DueDateParams, Event, never, TaskEffect, never>(
      ({ context, enqueue }, { dueDate }) => {
        for (const effect of dueDateEffects(context.dueDate, dueDate)) enqueue(effect);
        enqueue.assign({ dueDate });
      },
    ),
    bumpRevision: assign<Context, Event, undefined, Event, never>({ revision: ({ context }) => context.revision + 1 }),

    // The one type-level compromise: these two read their event as any `TaskEvent` (a
    // wider type than the machine's events, so still checked), because `assertEvent`
    // cannot narrow the generic `TaskEventOf<K>` to the ASSIGN / CANCEL event.
    recordAssignment: assign<Context, TaskEvent, undefined, Event, never>(({ context, event }) => {
      assertEvent(event, 'ASSIGN');
      return { assigneeId: event.assigneeId, department: event.department === undefined ? context.department : event.department };
    }),
    recordCancellation: assign<Context, TaskEvent, undefined, Event, never>(({ event }) => {
      assertEvent(event, 'CANCEL');
      return { cancelReason: event.reason };
    }),
  };
}

// ---------------------------------------------------------------------------------------
// createMachine(): transitions of the common events, final states
// ---------------------------------------------------------------------------------------

// Typed by shape (`as const`, the event only as far as read): each machine's createMachine()
// checks them against its own actions, guards, events and states where they are spread.
const SET_DUE_DATE = {
  guard: 'permitted',
  actions: [
    { type: 'setDueDate', params: ({ event }: { event: { dueDate: string | null } }) => ({ dueDate: event.dueDate }) },
    'bumpRevision',
  ],
} as const;

const ASSIGN = { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] } as const;

const CANCEL = { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] } as const;

/** Spread last into the `on` of every non-final state: SET_DUE_DATE and ASSIGN loop back to it. */
export const COMMON_ON = { SET_DUE_DATE, ASSIGN } as const;

/** COMMON_ON plus CANCEL, for the states the task can still be called off from (to `cancelled`). */
export const CANCELLABLE_ON = { CANCEL, ...COMMON_ON } as const;

/** Every final state: nothing is due any more. */
export const FINAL_STATE = { type: 'final', entry: CANCEL_TASK_DUE } as const;
