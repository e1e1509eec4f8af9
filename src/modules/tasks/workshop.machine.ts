/**
 * A workshop (e.g. the MWIDE-funded Beratungsworkshop of Vorlage 2021/119, kick-off on
 * 30.08.2021): planned, invited, held, documented; or cancelled before it is held.
 *
 * Why it looks like this (see task-machine-parts.ts for what all task machines share):
 * - The due date belongs to the current step: INVITE's workshop day becomes it, HOLD
 *   clears it (the day has come), a final state cancels the deadline.
 */
import { assertEvent, assign, setup } from 'xstate';
import { initialTaskContext } from './task-context';
import { CANCELLABLE_ON, COMMON_ON, commonTaskActions, FINAL_STATE, taskGuards } from './task-machine-parts';
import type { TaskContext, TaskInput, WorkshopEvent } from './task.types';

type Context = TaskContext<'workshop'>;

export const workshopMachine = setup({
  types: {
    context: {} as Context,
    events: {} as WorkshopEvent,
    input: {} as TaskInput,
  },
  guards: taskGuards,
  actions: {
    ...commonTaskActions<'workshop'>(),

    recordInvitation: assign(({ context, event }) => {
      assertEvent(event, 'INVITE');
      return { details: { ...context.details, ...(event.date && { date: event.date }), invitedAt: event.at } };
    }),
    recordHolding: assign(({ context, event }) => ({ details: { ...context.details, heldAt: event.at } })),
    recordDocumentation: assign(({ context, event }) => {
      assertEvent(event, 'DOCUMENT');
      return { details: { ...context.details, documentation: event.documentation, documentedAt: event.at } };
    }),
  },
}).createMachine({
  id: 'workshopTask',
  initial: 'planned',
  context: ({ input }) => initialTaskContext('workshop', input),
  states: {
    planned: {
      on: {
        INVITE: {
          guard: 'permitted',
          target: 'invited',
          actions: [
            { type: 'setDueDate', params: ({ context, event }) => ({ dueDate: event.date ?? context.dueDate }) },
            'recordInvitation',
            'bumpRevision',
          ],
        },
        ...CANCELLABLE_ON,
      },
    },
    invited: {
      on: {
        HOLD: {
          guard: 'permitted',
          target: 'held',
          actions: [{ type: 'setDueDate', params: { dueDate: null } }, 'recordHolding', 'bumpRevision'],
        },
        ...CANCELLABLE_ON,
      },
    },
    held: {
      on: {
        DOCUMENT: { guard: 'permitted', target: 'documented', actions: ['recordDocumentation', 'bumpRevision'] },
        ...COMMON_ON,
      },
    },
    documented: FINAL_STATE,
    cancelled: FINAL_STATE,
  },
});
