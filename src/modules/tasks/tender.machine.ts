/**
 * A tender (Vergabe of services, e.g. the consulting that Vorlage 2021/119 puts out to
 * tender after the workshop): prepared, published with an offer deadline, offers closed,
 * evaluated, awarded; or cancelled (Aufhebung) at any point before the award.
 *
 * Why it looks like this (see task-machine-parts.ts for what all task machines share):
 * - PUBLISH keeps the minimum offer period (`minOfferPeriodDays`, copied from the
 *   configuration when the task was created, so a later change of configuration does
 *   not move the rules under a running tender); the offer deadline becomes the due date.
 * - Offers are closed from the day after the deadline on: the whole deadline day,
 *   in Berlin, belongs to the bidders. Closing clears the due date (it was the bidders').
 */
import { assertEvent, assign, setup } from 'xstate';
import { initialTaskContext } from './task-context';
import { CANCELLABLE_ON, commonTaskActions, FINAL_STATE, taskGuards } from './task-machine-parts';
import type { TaskContext, TaskInput, TenderEvent } from './task.types';

type Context = TaskContext<'tender'>;

export const tenderMachine = setup({
  types: {
    context: {} as Context,
    events: {} as TenderEvent,
    input: {} as TaskInput,
  },
  guards: taskGuards,
  actions: {
    ...commonTaskActions<'tender'>(),

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
        ...CANCELLABLE_ON,
      },
    },
    published: {
      on: {
        CLOSE_OFFERS: {
          guard: 'permitted',
          target: 'offersClosed',
          actions: [{ type: 'setDueDate', params: { dueDate: null } }, 'recordOffersClosed', 'bumpRevision'],
        },
        ...CANCELLABLE_ON,
      },
    },
    offersClosed: {
      on: {
        START_EVALUATION: { guard: 'permitted', target: 'evaluating', actions: ['recordEvaluationStart', 'bumpRevision'] },
        ...CANCELLABLE_ON,
      },
    },
    evaluating: {
      on: {
        AWARD: { guard: 'permitted', target: 'awarded', actions: ['recordAward', 'bumpRevision'] },
        ...CANCELLABLE_ON,
      },
    },
    awarded: FINAL_STATE,
    cancelled: FINAL_STATE,
  },
});
