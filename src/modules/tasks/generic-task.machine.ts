/**
 * Any other measure (Maßnahme) of a decision: open, in progress, done; or cancelled
 * before it is done. The due date set at creation or by SET_DUE_DATE is the task's own
 * and stays until the task ends (see task-machine-parts.ts for what all task machines share).
 */
import { assign, setup } from 'xstate';
import { initialTaskContext } from './task-context';
import { CANCELLABLE_ON, commonTaskActions, FINAL_STATE, taskGuards } from './task-machine-parts';
import type { GenericTaskEvent, TaskContext, TaskInput } from './task.types';

type Context = TaskContext<'generic'>;

export const genericTaskMachine = setup({
  types: {
    context: {} as Context,
    events: {} as GenericTaskEvent,
    input: {} as TaskInput,
  },
  guards: taskGuards,
  actions: {
    ...commonTaskActions<'generic'>(),

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
        ...CANCELLABLE_ON,
      },
    },
    inProgress: {
      on: {
        COMPLETE: { guard: 'permitted', target: 'done', actions: ['recordCompletion', 'bumpRevision'] },
        ...CANCELLABLE_ON,
      },
    },
    done: FINAL_STATE,
    cancelled: FINAL_STATE,
  },
});
