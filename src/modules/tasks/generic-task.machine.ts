/**
 * Any other measure (Maßnahme) of a decision: open, in progress, done; or cancelled
 * before it is done. The due date set at creation or by SET_DUE_DATE is the task's own
 * and stays until the task ends (see workshop.machine.ts for what all task machines share).
 */
import { assertEvent, assign, enqueueActions, setup } from 'xstate';
import { initialTaskContext } from './task-context';
import { CANCEL_TASK_DUE, dueDateEffects } from './task-effects';
import { isTaskEventPermitted } from './task.guards';
import type { GenericTaskEvent, TaskContext, TaskDeadline, TaskEffect, TaskInput } from './task.types';

type Context = TaskContext<'generic'>;

interface DueDateParams {
  dueDate: string | null;
}

export const genericTaskMachine = setup({
  types: {
    context: {} as Context,
    events: {} as GenericTaskEvent,
    input: {} as TaskInput,
  },
  guards: {
    permitted: ({ context, event }) => isTaskEventPermitted(context, event),
  },
  actions: {
    // Effect markers: they do nothing here; the caller turns them into outbox rows.
    cancelDeadline: (_, _params: TaskDeadline) => {},
    scheduleDeadline: (_, _params: TaskDeadline) => {},

    // Moves the due date and emits the deadline effects of the move. Typed by hand:
    // inside setup() xstate cannot infer which actions `enqueue` may name.
    setDueDate: enqueueActions<Context, GenericTaskEvent, DueDateParams, GenericTaskEvent, never, TaskEffect, never>(
      ({ context, enqueue }, { dueDate }) => {
        for (const effect of dueDateEffects(context.dueDate, dueDate)) enqueue(effect);
        enqueue.assign({ dueDate });
      },
    ),
    bumpRevision: assign({ revision: ({ context }) => context.revision + 1 }),
    recordAssignment: assign(({ context, event }) => {
      assertEvent(event, 'ASSIGN');
      return { assigneeId: event.assigneeId, department: event.department === undefined ? context.department : event.department };
    }),
    recordCancellation: assign(({ event }) => {
      assertEvent(event, 'CANCEL');
      return { cancelReason: event.reason };
    }),

    recordStart: assign(({ context, event }) => ({ details: { ...context.details, startedAt: event.at } })),
    recordCompletion: assign(({ context, event }) => ({ details: { ...context.details, completedAt: event.at } })),
  },
}).createMachine({
  id: 'genericTask',
  initial: 'open',
  context: ({ input }) => initialTaskContext('generic', input),
  states: {
    open: {
      on: {
        START: { guard: 'permitted', target: 'inProgress', actions: ['recordStart', 'bumpRevision'] },
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    inProgress: {
      on: {
        COMPLETE: { guard: 'permitted', target: 'done', actions: ['recordCompletion', 'bumpRevision'] },
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    done: { type: 'final', entry: CANCEL_TASK_DUE },
    cancelled: { type: 'final', entry: CANCEL_TASK_DUE },
  },
});
