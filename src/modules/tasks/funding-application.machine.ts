/**
 * A funding application (Förderantrag, e.g. ZIRE funds for the concept phase of Vorlage
 * 2021/119): identified, drafted, submitted, then approved or rejected; after approval
 * the funds are called, the proof of use (Verwendungsnachweis) is requested and the
 * grant is settled. Cancelled only before a decision on it: once granted it is settled.
 *
 * Why it looks like this (see workshop.machine.ts for what all task machines share):
 * - The programme's submission deadline (START_DRAFTING) and the proof-of-use deadline
 *   (REQUEST_PROOF_OF_USE) become the due date; SUBMIT clears it (the deadline is met).
 * - A rejection is final: a new attempt is a new application (a new task).
 * - Funds are called up to the approved amount, not beyond.
 */
import { assertEvent, assign, enqueueActions, setup } from 'xstate';
import { initialTaskContext } from './task-context';
import { CANCEL_TASK_DUE, dueDateEffects } from './task-effects';
import { isTaskEventPermitted } from './task.guards';
import type { FundingApplicationEvent, TaskContext, TaskDeadline, TaskEffect, TaskInput } from './task.types';

type Context = TaskContext<'funding_application'>;

interface DueDateParams {
  dueDate: string | null;
}

export const fundingApplicationMachine = setup({
  types: {
    context: {} as Context,
    events: {} as FundingApplicationEvent,
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
    setDueDate: enqueueActions<Context, FundingApplicationEvent, DueDateParams, FundingApplicationEvent, never, TaskEffect, never>(
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

    recordDraftingStart: assign(({ context, event }) => {
      assertEvent(event, 'START_DRAFTING');
      return {
        details: {
          ...context.details,
          ...(event.submissionDeadline && { submissionDeadline: event.submissionDeadline }),
          draftingStartedAt: event.at,
        },
      };
    }),
    recordSubmission: assign(({ context, event }) => ({ details: { ...context.details, submittedAt: event.at } })),
    recordApproval: assign(({ context, event }) => {
      assertEvent(event, 'APPROVE');
      return {
        details: {
          ...context.details,
          approvedAmount: event.amount,
          ...(event.conditions && { conditions: event.conditions }),
          approvedAt: event.at,
        },
      };
    }),
    recordRejection: assign(({ context, event }) => {
      assertEvent(event, 'REJECT');
      return { details: { ...context.details, rejectionReason: event.reason, rejectedAt: event.at } };
    }),
    recordFundsCall: assign(({ context, event }) => {
      assertEvent(event, 'CALL_FUNDS');
      return { details: { ...context.details, calledAmount: event.amount, fundsCalledAt: event.at } };
    }),
    recordProofOfUseRequest: assign(({ context, event }) => {
      assertEvent(event, 'REQUEST_PROOF_OF_USE');
      return { details: { ...context.details, proofOfUseDueDate: event.dueDate, proofOfUseRequestedAt: event.at } };
    }),
    recordSettlement: assign(({ context, event }) => ({ details: { ...context.details, settledAt: event.at } })),
  },
}).createMachine({
  id: 'fundingApplicationTask',
  initial: 'identified',
  context: ({ input }) => initialTaskContext('funding_application', input),
  states: {
    identified: {
      on: {
        START_DRAFTING: {
          guard: 'permitted',
          target: 'drafting',
          actions: [
            { type: 'setDueDate', params: ({ context, event }) => ({ dueDate: event.submissionDeadline ?? context.dueDate }) },
            'recordDraftingStart',
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
    drafting: {
      on: {
        SUBMIT: {
          guard: 'permitted',
          target: 'submitted',
          actions: [{ type: 'setDueDate', params: { dueDate: null } }, 'recordSubmission', 'bumpRevision'],
        },
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    submitted: {
      on: {
        APPROVE: { guard: 'permitted', target: 'approved', actions: ['recordApproval', 'bumpRevision'] },
        REJECT: { guard: 'permitted', target: 'rejected', actions: ['recordRejection', 'bumpRevision'] },
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    approved: {
      on: {
        CALL_FUNDS: { guard: 'permitted', target: 'fundsCalled', actions: ['recordFundsCall', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    fundsCalled: {
      on: {
        REQUEST_PROOF_OF_USE: {
          guard: 'permitted',
          target: 'proofOfUseDue',
          actions: [
            { type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) },
            'recordProofOfUseRequest',
            'bumpRevision',
          ],
        },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    proofOfUseDue: {
      on: {
        SETTLE: { guard: 'permitted', target: 'settled', actions: ['recordSettlement', 'bumpRevision'] },
        SET_DUE_DATE: {
          guard: 'permitted',
          actions: [{ type: 'setDueDate', params: ({ event }) => ({ dueDate: event.dueDate }) }, 'bumpRevision'],
        },
        ASSIGN: { guard: 'permitted', actions: ['recordAssignment', 'bumpRevision'] },
      },
    },
    settled: { type: 'final', entry: CANCEL_TASK_DUE },
    rejected: { type: 'final', entry: CANCEL_TASK_DUE },
    cancelled: { type: 'final', entry: CANCEL_TASK_DUE },
  },
});
