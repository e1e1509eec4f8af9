import { ROLES } from '../identity/role';
import { isTaskEventPermitted, mayActOnTask, TASK_EVENT_ROLES, taskPayloadProblems } from './task.guards';
import { TASK_EVENT_TYPES, type TaskActor, type TaskContext, type TaskEvent, type TaskEventType } from './task.types';
import { ACTORS, APPROVED_AMOUNT, ASSIGNEE_ID, AT, DAYS, event, initial, MIN_OFFER_PERIOD_DAYS, NO_TASK_ROLES, reach, ROLE_ACTORS } from '../../../test/fixtures/task.fixtures';

/**
 * The task guards on their own: who may carry out or call off a measure of Vorlage
 * 2021/119, and every reason a payload is refused, with the happy path next to it. The
 * tender's minimum offer period is configuration (`TENDER_MIN_OFFER_PERIOD_DAYS`, 30 days
 * in these fixtures); every date is a Berlin calendar day.
 */

const ctx = (kind: Parameters<typeof initial>[0], state?: string): TaskContext =>
  (state ? reach(kind, state) : initial(kind)).context as TaskContext;

/** The sample event of `type` with `fields` over it, as a client might send them (any field may be wrong). */
function ev(type: TaskEventType, fields: Record<string, unknown> = {}, by: TaskActor = ACTORS.clerk): TaskEvent {
  return { ...event(type, by), ...fields } as TaskEvent;
}

const problems = (context: TaskContext, type: TaskEventType, fields: Record<string, unknown> = {}) => taskPayloadProblems(context, ev(type, fields));

describe('task guards', () => {
  describe('roles (who may send what)', () => {
    it('lets the clerk and the department head carry a task out, but only the department head call it off', () => {
      for (const type of TASK_EVENT_TYPES) {
        expect(mayActOnTask(type, ACTORS.fbl)).toBe(true);
        expect(mayActOnTask(type, ACTORS.clerk)).toBe(type !== 'CANCEL');
        expect(mayActOnTask(type, ACTORS.admin)).toBe(true);
      }
    });

    it('refuses every other role every event, and an actor without roles', () => {
      expect(NO_TASK_ROLES).toEqual(expect.arrayContaining(['auditor', 'committee_office', 'operator', 'district_administrator']));
      for (const role of NO_TASK_ROLES) {
        for (const type of TASK_EVENT_TYPES) expect(mayActOnTask(type, ROLE_ACTORS[role])).toBe(false);
      }
      expect(mayActOnTask('START', undefined)).toBe(false);
      expect(mayActOnTask('START', { id: 'x', roles: 'clerk' } as unknown as TaskActor)).toBe(false);
    });

    it('lists roles for every event type, and only known roles', () => {
      expect(Object.keys(TASK_EVENT_ROLES).sort()).toEqual([...TASK_EVENT_TYPES].sort());
      for (const roles of Object.values(TASK_EVENT_ROLES)) for (const role of roles) expect(ROLES).toContain(role);
    });
  });

  describe('any event', () => {
    it('accepts the sample of every event type in a context of its kind', () => {
      const kindOf: Record<TaskEventType, Parameters<typeof initial>[0]> = {
        INVITE: 'workshop',
        HOLD: 'workshop',
        DOCUMENT: 'workshop',
        PUBLISH: 'tender',
        CLOSE_OFFERS: 'tender',
        START_EVALUATION: 'tender',
        AWARD: 'tender',
        START_DRAFTING: 'funding_application',
        SUBMIT: 'funding_application',
        APPROVE: 'funding_application',
        REJECT: 'funding_application',
        CALL_FUNDS: 'funding_application',
        REQUEST_PROOF_OF_USE: 'funding_application',
        SETTLE: 'funding_application',
        START: 'generic',
        COMPLETE: 'generic',
        CANCEL: 'generic',
        SET_DUE_DATE: 'generic',
        ASSIGN: 'generic',
      };
      const published = ctx('tender', 'published');
      const approved = ctx('funding_application', 'approved');
      for (const type of TASK_EVENT_TYPES) {
        const kind = kindOf[type];
        const context = type === 'CLOSE_OFFERS' ? published : type === 'CALL_FUNDS' ? approved : ctx(kind);
        expect([type, taskPayloadProblems(context, ev(type))]).toEqual([type, []]);
      }
    });

    it('needs an instant with an offset, and refuses an event type it does not know', () => {
      expect(problems(ctx('generic'), 'START', { at: '2021-10-04' })).toEqual(['at must be an ISO instant']);
      expect(problems(ctx('generic'), 'START', { at: '2021-10-04T09:00:00' })).toEqual(['at must be an ISO instant']);
      expect(taskPayloadProblems(ctx('generic'), { ...ev('START'), type: 'TELEPORT' } as unknown as TaskEvent)).toEqual(['unknown event']);
    });
  });

  describe('workshop', () => {
    it('INVITE takes an optional day that exists', () => {
      expect(problems(ctx('workshop'), 'INVITE', { date: null })).toEqual([]);
      expect(problems(ctx('workshop'), 'INVITE', { date: undefined })).toEqual([]);
      expect(problems(ctx('workshop'), 'INVITE', { date: '30.08.2021' })).toEqual(['date must be a calendar date (YYYY-MM-DD)']);
      expect(problems(ctx('workshop'), 'INVITE', { date: '2021-02-30' })).toEqual(['date must be a calendar date (YYYY-MM-DD)']);
    });

    it('DOCUMENT needs the documentation', () => {
      expect(problems(ctx('workshop', 'held'), 'DOCUMENT', { documentation: '  ' })).toEqual(['documentation is required']);
    });
  });

  describe('tender: the offer period (Angebotsfrist) is at least the configured minimum, counted from the Berlin day of publication', () => {
    it('publishes on Fri 15.10.2021 with offers until 14.11. (30 calendar days) and refuses 13.11., naming the earliest deadline', () => {
      expect(problems(ctx('tender'), 'PUBLISH', { offerDeadline: '2021-11-14' })).toEqual([]);
      expect(problems(ctx('tender'), 'PUBLISH', { offerDeadline: '2021-11-13' })).toEqual([
        `the offer period must be at least ${MIN_OFFER_PERIOD_DAYS} calendar days: published on 2021-10-15, the offer deadline must be 2021-11-14 or later, not 2021-11-13`,
      ]);
    });

    it('counts from the Berlin day, not the UTC one: 00:30 on 15.10. in Berlin is still 14.10. in UTC', () => {
      expect(problems(ctx('tender'), 'PUBLISH', { at: '2021-10-14T22:30:00.000Z', offerDeadline: '2021-11-13' })).toEqual([
        'the offer period must be at least 30 calendar days: published on 2021-10-15, the offer deadline must be 2021-11-14 or later, not 2021-11-13',
      ]);
    });

    it('names a missing reference, a bad deadline and a task without a valid minimum', () => {
      expect(problems(ctx('tender'), 'PUBLISH', { platformReference: '', offerDeadline: '15.11.2021' })).toEqual([
        'platformReference is required',
        'offerDeadline must be a calendar date (YYYY-MM-DD)',
      ]);
      expect(problems({ ...ctx('tender'), minOfferPeriodDays: -1 }, 'PUBLISH')).toEqual(['the task has no valid minimum offer period']);
    });

    it('closes offers from the day after the deadline (the deadline day belongs to the bidders)', () => {
      const published = ctx('tender', 'published');
      expect(DAYS.offerDeadline).toBe('2021-11-15');
      expect(problems(published, 'CLOSE_OFFERS', { at: '2021-11-15T22:59:00.000Z' })).toEqual([
        'offers can be closed from 2021-11-16 on, the day after the offer deadline 2021-11-15',
      ]); // 23:59 on 15.11. in Berlin
      expect(problems(published, 'CLOSE_OFFERS', { at: '2021-11-15T23:00:00.000Z' })).toEqual([]); // 00:00 on 16.11.
      expect(problems(ctx('tender'), 'CLOSE_OFFERS', { at: AT.CLOSE_OFFERS })).toEqual(['the tender has no offer deadline']);
    });

    it('AWARD names the contractor and a positive amount', () => {
      const evaluating = ctx('tender', 'evaluating');
      expect(problems(evaluating, 'AWARD', { contractor: ' ', amount: 0 })).toEqual(['contractor is required', 'amount must be a positive number']);
      for (const amount of [-1, Number.NaN, Number.POSITIVE_INFINITY, '48500']) {
        expect(problems(evaluating, 'AWARD', { amount })).toEqual(['amount must be a positive number']);
      }
    });
  });

  describe('funding application', () => {
    it('START_DRAFTING takes an optional submission deadline that is a day', () => {
      expect(problems(ctx('funding_application'), 'START_DRAFTING', { submissionDeadline: null })).toEqual([]);
      expect(problems(ctx('funding_application'), 'START_DRAFTING', { submissionDeadline: '2021-10-32' })).toEqual([
        'submissionDeadline must be a calendar date (YYYY-MM-DD)',
      ]);
    });

    it('APPROVE needs a positive amount; conditions, when given, are not blank', () => {
      const submitted = ctx('funding_application', 'submitted');
      expect(problems(submitted, 'APPROVE', { conditions: null })).toEqual([]);
      expect(problems(submitted, 'APPROVE', { amount: 0, conditions: ' ' })).toEqual(['amount must be a positive number', 'conditions must not be blank']);
    });

    it('REJECT needs a reason', () => {
      expect(problems(ctx('funding_application', 'submitted'), 'REJECT', { reason: '' })).toEqual(['reason is required']);
    });

    it('CALL_FUNDS calls at most the approved amount', () => {
      const approved = ctx('funding_application', 'approved');
      expect(problems(approved, 'CALL_FUNDS', { amount: APPROVED_AMOUNT })).toEqual([]);
      expect(problems(approved, 'CALL_FUNDS', { amount: APPROVED_AMOUNT + 0.01 })).toEqual([`amount must not exceed the approved amount of ${APPROVED_AMOUNT}`]);
      expect(problems(approved, 'CALL_FUNDS', { amount: 0 })).toEqual(['amount must be a positive number']);
    });

    it('REQUEST_PROOF_OF_USE needs the day the proof is due', () => {
      expect(problems(ctx('funding_application', 'fundsCalled'), 'REQUEST_PROOF_OF_USE', { dueDate: undefined })).toEqual([
        'dueDate must be a calendar date (YYYY-MM-DD)',
      ]);
    });
  });

  describe('every kind', () => {
    it('CANCEL needs a reason', () => {
      expect(taskPayloadProblems(ctx('tender', 'published'), ev('CANCEL', { reason: ' ' }, ACTORS.fbl))).toEqual(['reason is required']);
    });

    it('SET_DUE_DATE takes a day or null to clear it', () => {
      expect(problems(ctx('generic'), 'SET_DUE_DATE', { dueDate: null })).toEqual([]);
      expect(problems(ctx('generic'), 'SET_DUE_DATE', { dueDate: '2021-12-17T00:00:00Z' })).toEqual(['dueDate must be a calendar date (YYYY-MM-DD) or null']);
    });

    it('ASSIGN takes a user id or null, and a department that is not blank (null clears it, absent keeps it)', () => {
      expect(problems(ctx('generic'), 'ASSIGN', { assigneeId: null, department: null })).toEqual([]);
      expect(problems(ctx('generic'), 'ASSIGN', { assigneeId: ASSIGNEE_ID, department: undefined })).toEqual([]);
      expect(problems(ctx('generic'), 'ASSIGN', { assigneeId: 'clerk', department: ' ' })).toEqual(['assigneeId must be a UUID or null', 'department must not be blank']);
      expect(problems(ctx('generic'), 'ASSIGN', { assigneeId: undefined })).toEqual(['assigneeId must be a UUID or null']);
    });
  });

  describe('isTaskEventPermitted: role and payload together', () => {
    it('permits the department head to call off with a reason, and refuses the clerk or a blank reason', () => {
      const generic = ctx('generic');
      expect(isTaskEventPermitted(generic, ev('CANCEL', {}, ACTORS.fbl))).toBe(true);
      expect(isTaskEventPermitted(generic, ev('CANCEL', {}, ACTORS.clerk))).toBe(false);
      expect(isTaskEventPermitted(generic, ev('CANCEL', { reason: '' }, ACTORS.fbl))).toBe(false);
    });
  });
});
