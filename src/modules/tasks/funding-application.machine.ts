/**
 * A funding application (Förderantrag, e.g. ZIRE funds for the concept phase of Vorlage
 * 2021/119): identified, drafted, submitted, then approved or rejected; after approval
 * the funds are called, the proof of use (Verwendungsnachweis) is requested and the
 * grant is settled. Cancelled only before a decision on it: once granted it is settled.
 *
 * Why it looks like this (see task-machine-parts.ts for what all task machines share):
 * - The programme's submission deadline (START_DRAFTING) and the proof-of-use deadline
 *   (REQUEST_PROOF_OF_USE) become the due date; SUBMIT clears it (the deadline is met).
 * - A rejection is final: a new attempt is a new application (a new task).
 * - Funds are called up to the approved amount, not beyond.
 */
import { assertEvent, assign, setup } from 'xstate';
import { initialTaskContext } from './task-context';
import { CANCELLABLE_ON, COMMON_ON, commonTaskActions, FINAL_STATE, taskGuards } from './task-machine-parts';
import type { FundingApplicationEvent, TaskContext, TaskInput } from './task.types';

type Context = TaskContext<'funding_application'>;

export const fundingApplicationMachine = setup({
  types: {
    context: {} as Context,
    events: {} as FundingApplicationEvent,
    input: {} as TaskInput,
  },
  guards: taskGuards,
  actions: {
    ...commonTaskActions<'funding_application'>(),

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
        ...CANCELLABLE_ON,
      },
    },
    drafting: {
      on: {
        SUBMIT: {
          guard: 'permitted',
          target: 'submitted',
          actions: [{ type: 'setDueDate', params: { dueDate: null } }, 'recordSubmission', 'bumpRevision'],
        },
        ...CANCELLABLE_ON,
      },
    },
    submitted: {
      on: {
        APPROVE: { guard: 'permitted', target: 'approved', actions: ['recordApproval', 'bumpRevision'] },
        REJECT: { guard: 'permitted', target: 'rejected', actions: ['recordRejection', 'bumpRevision'] },
        ...CANCELLABLE_ON,
      },
    },
    approved: {
      on: {
        CALL_FUNDS: { guard: 'permitted', target: 'fundsCalled', actions: ['recordFundsCall', 'bumpRevision'] },
        ...COMMON_ON,
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
        ...COMMON_ON,
      },
    },
    proofOfUseDue: {
      on: {
        SETTLE: { guard: 'permitted', target: 'settled', actions: ['recordSettlement', 'bumpRevision'] },
        ...COMMON_ON,
      },
    },
    settled: FINAL_STATE,
    rejected: FINAL_STATE,
    cancelled: FINAL_STATE,
  },
});
