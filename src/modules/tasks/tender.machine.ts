/**
 * A tender (Vergabe of services, e.g. the consulting that Vorlage 2021/119 puts out to
 * tender after the workshop): prepared, published with an offer deadline, offers closed,
 * evaluated, awarded; or cancelled (Aufhebung) at any point before the award.
 *
 * Why it looks like this (see workshop.machine.ts for what all task machines share):
 * - PUBLISH keeps the minimum offer period (`minOfferPeriodDays`, copied from the
 *   configuration when the task was created, so a later change of configuration does
 *   not move the rules under a running tender); the offer deadline becomes the due date.
 * - Offers are closed from the day after the deadline on: the whole deadline day,
 *   in Berlin, belongs to the bidders. Closing clears the due date (it was the bidders').
 */
import { assertEvent, assign, enqueueActions, setup } from 'xstate';
import { initialTaskContext } from './task-context';
import { CANCEL_TASK_DUE, dueDateEffects } from './task-effects';
import { isTaskEventPermitted } from './task.guards';
import type { TaskContext, TaskDeadline, TaskEffect, TaskInput, TenderEvent } from './task.types';

type Context = TaskContext<'tender'>;

interface DueDateParams {
  dueDate: string | null;
}

export const tenderMachine = setup({
  types: {
    context: {} as Context,
    events: {} as TenderEvent,
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
    setDueDate: enqueueActions<Context, TenderEvent, DueDateParams, TenderEvent, never, TaskEffect, never>(
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

    recordPublication: assign(({ context, event }) => {
      assertEvent(event, 'PUBLISH');
      return {
        details: { ...context.details, platformReference: event.platformReference, offerDeadline: event.offerDeadline, publishedAt: event.at },
      };
    }),
    recordOffersClosed: assign(({ context, event }) => ({ details: { ...context.details, offersClosedAt: event.at } })),
    recordEvaluationStart: assign(({ context, event }) => ({ details: { ...context.details, evaluationStartedAt: event.at } })),
    recordAward: assign(({ context, event }) => {
      assertEvent(event, 'AWARD');
      return { details: { ...context.details, contractor: event.contractor, amount: event.amount, awardedAt: event.at } };
    }),
  },
}).createMachine({
  id: 'tenderTask',
  initial: 'preparing',
  context: ({ input }) => initialTaskContext('tender', input),
  states: {
    preparing: {
      on: {
        PUBLISH: {
          guard: 'permitted',
          target: 'published',
          actions: [
            { type: 'setDueDate', params: ({ event }) => ({ dueDate: event.offerDeadline }) },
            'recordPublication',
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
    published: {
      on: {
        CLOSE_OFFERS: {
          guard: 'permitted',
          target: 'offersClosed',
          actions: [{ type: 'setDueDate', params: { dueDate: null } }, 'recordOffersClosed', 'bumpRevision'],
        },
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    offersClosed: {
      on: {
        START_EVALUATION: { guard: 'permitted', target: 'evaluating', actions: ['recordEvaluationStart', 'bumpRevision'] },
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    evaluating: {
      on: {
        AWARD: { guard: 'permitted', target: 'awarded', actions: ['recordAward', 'bumpRevision'] },
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    awarded: { type: 'final', entry: CANCEL_TASK_DUE },
    cancelled: { type: 'final', entry: CANCEL_TASK_DUE },
  },
});
