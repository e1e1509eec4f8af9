/**
 * A workshop (e.g. the MWIDE-funded Beratungsworkshop of Vorlage 2021/119, kick-off on
 * 30.08.2021): planned, invited, held, documented; or cancelled before it is held.
 *
 * Why it looks like this (the same for every task machine):
 * - Pure: time and actor come on the event; the `taskDue` deadline is returned as
 *   `cancelDeadline` / `scheduleDeadline` actions the workflow service writes to the outbox.
 * - One guard, `permitted` (role + payload, task.guards.ts), so a refused event is "not
 *   allowed now" and `taskPayloadProblems` says why.
 * - Every accepted event bumps `revision`, because the workflow service reads "same
 *   snapshot" as "refused"; SET_DUE_DATE and ASSIGN are targetless.
 * - The due date belongs to the current step: INVITE's workshop day becomes it, HOLD
 *   clears it (the day has come), a final state cancels the deadline.
 * - No root-level `on`: it would still fire in the final states.
 */
import { assertEvent, assign, enqueueActions, setup } from 'xstate';
import { initialTaskContext } from './task-context';
import { CANCEL_TASK_DUE, dueDateEffects } from './task-effects';
import { isTaskEventPermitted } from './task.guards';
import type { TaskContext, TaskDeadline, TaskEffect, TaskInput, WorkshopEvent } from './task.types';

type Context = TaskContext<'workshop'>;

interface DueDateParams {
  dueDate: string | null;
}

export const workshopMachine = setup({
  types: {
    context: {} as Context,
    events: {} as WorkshopEvent,
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
    setDueDate: enqueueActions<Context, WorkshopEvent, DueDateParams, WorkshopEvent, never, TaskEffect, never>(
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
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    invited: {
      on: {
        HOLD: {
          guard: 'permitted',
          target: 'held',
          actions: [{ type: 'setDueDate', params: { dueDate: null } }, 'recordHolding', 'bumpRevision'],
        },
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    held: {
      on: {
        DOCUMENT: { guard: 'permitted', target: 'documented', actions: ['recordDocumentation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    documented: { type: 'final', entry: CANCEL_TASK_DUE },
    cancelled: { type: 'final', entry: CANCEL_TASK_DUE },
  },
});
