import { transition, type AnyMachineSnapshot } from 'xstate';
import { pureTransition } from '../../workflow/pure-transition';
import {
  allowedTaskEvents,
  initialTaskSnapshot,
  TASK_EVENT_FIELDS,
  TASK_EVENT_ROLES,
  TASK_MACHINE_VERSION,
  TASK_STATES,
  taskEffectTypes,
  taskMachines,
  taskOutcome,
  taskPayloadProblems,
  taskStateKey,
} from './task-machines';
import {
  TASK_EVENT_TYPES,
  TASK_EVENT_TYPES_BY_KIND,
  TASK_KINDS,
  type TaskActor,
  type TaskContext,
  type TaskEffect,
  type TaskEvent,
  type TaskEventType,
  type TaskKind,
  type TaskOutcome,
} from './task.types';
import {
  ACTORS,
  APPROVED_AMOUNT,
  ASSIGNEE_ID,
  AT,
  DAYS,
  DEPARTMENT,
  drive,
  event,
  initial,
  INPUTS,
  MIN_OFFER_PERIOD_DAYS,
  NO_TASK_ROLES,
  payloadFieldsOf,
  reach,
  ROLE_ACTORS,
  ROUTES,
} from '../../../test/fixtures/task.fixtures';
import { toTaskEffects } from './task-workflow.definition';

// ------------------------------------------------------------------ driving

interface Step {
  snapshot: AnyMachineSnapshot;
  effects: TaskEffect[];
}

const state = (s: AnyMachineSnapshot) => taskStateKey(s.value);
const context = (s: AnyMachineSnapshot) => s.context as TaskContext;
const fundingDetails = (s: AnyMachineSnapshot) => (s.context as TaskContext<'funding_application'>).details;

/** Sends one event as the service does (`can`, then pure `transition`); throws if refused. */
function send(kind: TaskKind, snapshot: AnyMachineSnapshot, e: TaskEvent): Step {
  if (!snapshot.can(e)) {
    throw new Error(`${e.type} refused in ${state(snapshot)}: ${taskPayloadProblems(context(snapshot), e).join('; ')}`);
  }
  const [next, actions] = transition(taskMachines[kind], snapshot, e);
  expect(next).not.toBe(snapshot);
  return { snapshot: next, effects: toTaskEffects(actions) };
}

/** A refused event changes nothing and emits nothing: the service reads `next === snapshot` as "refused". */
function expectRefused(kind: TaskKind, snapshot: AnyMachineSnapshot, e: TaskEvent): void {
  expect([e.type, snapshot.can(e)]).toEqual([e.type, false]);
  const [next, actions] = transition(taskMachines[kind], snapshot, e);
  expect(next).toBe(snapshot);
  expect(actions).toEqual([]);
}

const CANCEL_DUE: TaskEffect = { type: 'cancelDeadline', params: { kind: 'taskDue' } };
const scheduleDue = (dueDate: string): TaskEffect => ({ type: 'scheduleDeadline', params: { kind: 'taskDue', dueDate } });

/** Every state of every kind, as [kind, state]. */
const ALL_STATES: Array<[TaskKind, string]> = TASK_KINDS.flatMap((kind) => TASK_STATES[kind].map((s) => [kind, s] as [TaskKind, string]));
const isFinal = (kind: TaskKind, s: string) => taskMachines[kind].root.states[s].type === 'final';
const LIVE_STATES = ALL_STATES.filter(([kind, s]) => !isFinal(kind, s));

// ------------------------------------------------------------------ the specification

/** Where each accepted event leads, per kind and state; anything not listed is refused. */
const TRANSITIONS: { [K in TaskKind]: Record<string, Partial<Record<TaskEventType, string>>> } = {
  workshop: {
    planned: { INVITE: 'invited', CANCEL: 'cancelled', SET_DUE_DATE: 'planned', ASSIGN: 'planned' },
    invited: { HOLD: 'held', CANCEL: 'cancelled', SET_DUE_DATE: 'invited', ASSIGN: 'invited' },
    held: { DOCUMENT: 'documented', SET_DUE_DATE: 'held', ASSIGN: 'held' },
    documented: {},
    cancelled: {},
  },
  tender: {
    preparing: { PUBLISH: 'published', CANCEL: 'cancelled', SET_DUE_DATE: 'preparing', ASSIGN: 'preparing' },
    published: { CLOSE_OFFERS: 'offersClosed', CANCEL: 'cancelled', SET_DUE_DATE: 'published', ASSIGN: 'published' },
    offersClosed: { START_EVALUATION: 'evaluating', CANCEL: 'cancelled', SET_DUE_DATE: 'offersClosed', ASSIGN: 'offersClosed' },
    evaluating: { AWARD: 'awarded', CANCEL: 'cancelled', SET_DUE_DATE: 'evaluating', ASSIGN: 'evaluating' },
    awarded: {},
    cancelled: {},
  },
  funding_application: {
    identified: { START_DRAFTING: 'drafting', CANCEL: 'cancelled', SET_DUE_DATE: 'identified', ASSIGN: 'identified' },
    drafting: { SUBMIT: 'submitted', CANCEL: 'cancelled', SET_DUE_DATE: 'drafting', ASSIGN: 'drafting' },
    submitted: { APPROVE: 'approved', REJECT: 'rejected', CANCEL: 'cancelled', SET_DUE_DATE: 'submitted', ASSIGN: 'submitted' },
    approved: { CALL_FUNDS: 'fundsCalled', SET_DUE_DATE: 'approved', ASSIGN: 'approved' },
    fundsCalled: { REQUEST_PROOF_OF_USE: 'proofOfUseDue', SET_DUE_DATE: 'fundsCalled', ASSIGN: 'fundsCalled' },
    proofOfUseDue: { SETTLE: 'settled', SET_DUE_DATE: 'proofOfUseDue', ASSIGN: 'proofOfUseDue' },
    settled: {},
    rejected: {},
    cancelled: {},
  },
  generic: {
    open: { START: 'inProgress', CANCEL: 'cancelled', SET_DUE_DATE: 'open', ASSIGN: 'open' },
    inProgress: { COMPLETE: 'done', CANCEL: 'cancelled', SET_DUE_DATE: 'inProgress', ASSIGN: 'inProgress' },
    done: {},
    cancelled: {},
  },
};

const OUTCOMES: { [K in TaskKind]: Record<string, TaskOutcome> } = {
  workshop: { planned: 'open', invited: 'open', held: 'open', documented: 'done', cancelled: 'cancelled' },
  tender: { preparing: 'open', published: 'open', offersClosed: 'open', evaluating: 'open', awarded: 'done', cancelled: 'cancelled' },
  funding_application: {
    identified: 'open',
    drafting: 'open',
    submitted: 'open',
    approved: 'open',
    fundsCalled: 'open',
    proofOfUseDue: 'open',
    settled: 'done',
    rejected: 'cancelled',
    cancelled: 'cancelled',
  },
  generic: { open: 'open', inProgress: 'open', done: 'done', cancelled: 'cancelled' },
};

const expectedEvents = (kind: TaskKind, s: string) => TASK_EVENT_TYPES.filter((t) => t in TRANSITIONS[kind][s]);

// ------------------------------------------------------------------ tests

describe('task machines', () => {
  it('are version 1, one per kind, with their own ids and only deadline effects', () => {
    expect(TASK_MACHINE_VERSION).toBe(1);
    expect(Object.keys(taskMachines).sort()).toEqual([...TASK_KINDS].sort());
    expect(Object.fromEntries(TASK_KINDS.map((k) => [k, taskMachines[k].id]))).toEqual({
      workshop: 'workshopTask',
      tender: 'tenderTask',
      funding_application: 'fundingApplicationTask',
      generic: 'genericTask',
    });
    expect(taskEffectTypes).toEqual(['cancelDeadline', 'scheduleDeadline']);
  });

  it('the specification tables cover exactly the states of each kind', () => {
    for (const kind of TASK_KINDS) {
      expect([kind, Object.keys(TRANSITIONS[kind]).sort()]).toEqual([kind, [...TASK_STATES[kind]].sort()]);
      expect([kind, Object.keys(ROUTES[kind]).sort()]).toEqual([kind, [...TASK_STATES[kind]].sort()]);
      expect([kind, Object.keys(taskMachines[kind].root.states).sort()]).toEqual([kind, [...TASK_STATES[kind]].sort()]);
    }
  });

  describe('initialTaskSnapshot', () => {
    it('starts each kind in its first state with the input as context, revision 0', () => {
      expect(initialTaskSnapshot(INPUTS.workshop)).toEqual({
        value: 'planned',
        context: {
          kind: 'workshop',
          title: 'Kommunaler Beratungsworkshop (MWIDE), Auftakt',
          dueDate: null,
          assigneeId: ACTORS.clerk.id,
          department: DEPARTMENT,
          minOfferPeriodDays: MIN_OFFER_PERIOD_DAYS,
          details: {},
          revision: 0,
        },
      });
      expect(initialTaskSnapshot(INPUTS.tender)).toMatchObject({ value: 'preparing', context: { dueDate: '2021-10-15', minOfferPeriodDays: 30 } });
      expect(initialTaskSnapshot(INPUTS.funding_application)).toMatchObject({
        value: 'identified',
        context: { kind: 'funding_application', details: { programme: 'ZIRE' }, assigneeId: null },
      });
      expect(initialTaskSnapshot(INPUTS.generic).value).toBe('open');
    });

    it('agrees with the machine’s own initial snapshot, is plain JSON and copies the details', () => {
      for (const kind of TASK_KINDS) {
        const snapshot = initialTaskSnapshot(INPUTS[kind]);
        expect(snapshot).toEqual({ value: initial(kind).value, context: initial(kind).context });
        expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
      }
      const input = { ...INPUTS.funding_application, details: { programme: 'ZIRE' } };
      const { context: c } = initialTaskSnapshot(input);
      input.details.programme = 'changed';
      expect(c.details).toEqual({ programme: 'ZIRE' });
    });

    it('refuses an unknown kind', () => {
      expect(() => initialTaskSnapshot({ ...INPUTS.generic, kind: 'meeting' as never })).toThrow('not a task kind');
    });
  });

  describe('state × event matrix', () => {
    it.each(ALL_STATES)('%s %s: takes exactly the events of the table, changing the context, and refuses the rest unchanged', (kind, s) => {
      const snapshot = reach(kind, s);
      expect(state(snapshot)).toBe(s);
      for (const type of TASK_EVENT_TYPES) {
        const e = event(type, ACTORS.fbl);
        const target = TRANSITIONS[kind][s][type];
        if (target === undefined) {
          expectRefused(kind, snapshot, e);
          continue;
        }
        const { snapshot: next } = send(kind, snapshot, e);
        expect([type, state(next)]).toEqual([type, target]);
        expect(context(next).revision).toBe(context(snapshot).revision + 1);
        expect(next.context).not.toEqual(snapshot.context);
        expect(next.status).toBe(isFinal(kind, target) ? 'done' : 'active');
      }
    });

    it('each kind knows only its own event types and the common ones', () => {
      for (const kind of TASK_KINDS) {
        const known = new Set(Object.values(taskMachines[kind].root.states).flatMap((node) => node.ownEvents));
        expect([kind, TASK_EVENT_TYPES.filter((t) => known.has(t))]).toEqual([kind, [...TASK_EVENT_TYPES_BY_KIND[kind]]]);
      }
    });
  });

  describe('workshop (Beratungsworkshop, kick-off 30.08.2021)', () => {
    it('INVITE with the workshop day records it and makes it the due date', () => {
      const { snapshot, effects } = send('workshop', initial('workshop'), event('INVITE'));
      expect(state(snapshot)).toBe('invited');
      expect(context(snapshot)).toMatchObject({ dueDate: DAYS.workshop, details: { date: DAYS.workshop, invitedAt: AT.INVITE } });
      expect(effects).toEqual([CANCEL_DUE, scheduleDue(DAYS.workshop)]);
    });

    it('INVITE without a day keeps the due date and emits nothing', () => {
      const planned = drive('workshop', initial('workshop'), event('SET_DUE_DATE', ACTORS.clerk, { dueDate: '2021-08-27' }));
      for (const date of [undefined, null]) {
        const { snapshot, effects } = send('workshop', planned, event('INVITE', ACTORS.clerk, { date }));
        expect(context(snapshot).dueDate).toBe('2021-08-27');
        expect(context(snapshot).details).toEqual({ invitedAt: AT.INVITE });
        expect(effects).toEqual([]);
      }
    });

    it('INVITE refuses a day that is not YYYY-MM-DD or does not exist', () => {
      for (const date of ['30.08.2021', '2021-8-30', '2021-02-29', '']) {
        expectRefused('workshop', initial('workshop'), event('INVITE', ACTORS.clerk, { date }));
      }
      expect(taskPayloadProblems(context(initial('workshop')), event('INVITE', ACTORS.clerk, { date: '30.08.2021' }))).toEqual([
        'date must be a calendar date (YYYY-MM-DD)',
      ]);
    });

    it('HOLD clears the due date (the day has come); DOCUMENT ends it and cancels the deadline', () => {
      const held = send('workshop', reach('workshop', 'invited'), event('HOLD'));
      expect(context(held.snapshot)).toMatchObject({ dueDate: null, details: { heldAt: AT.HOLD } });
      expect(held.effects).toEqual([CANCEL_DUE]);

      const documented = send('workshop', held.snapshot, event('DOCUMENT'));
      expect(state(documented.snapshot)).toBe('documented');
      expect(documented.snapshot.status).toBe('done');
      expect(context(documented.snapshot).details).toMatchObject({ documentation: expect.stringContaining('Auftakt'), documentedAt: AT.DOCUMENT });
      expect(documented.effects).toEqual([CANCEL_DUE]);
    });

    it('DOCUMENT needs the documentation', () => {
      for (const documentation of ['', '   ', undefined]) {
        expectRefused('workshop', reach('workshop', 'held'), event('DOCUMENT', ACTORS.clerk, { documentation: documentation as never }));
      }
      expect(taskPayloadProblems(context(reach('workshop', 'held')), event('DOCUMENT', ACTORS.clerk, { documentation: ' ' }))).toEqual([
        'documentation is required',
      ]);
    });

    it('CANCEL only before it is held', () => {
      expect(state(drive('workshop', reach('workshop', 'invited'), event('CANCEL')))).toBe('cancelled');
      expectRefused('workshop', reach('workshop', 'held'), event('CANCEL'));
    });
  });

  describe('tender (Ausschreibung der begleitenden Beratung)', () => {
    const preparing = () => reach('tender', 'preparing');
    const publish = (at: string, offerDeadline: string) => event('PUBLISH', ACTORS.clerk, { at, offerDeadline });

    it('PUBLISH records the platform reference and makes the offer deadline the due date', () => {
      const { snapshot, effects } = send('tender', preparing(), event('PUBLISH'));
      expect(state(snapshot)).toBe('published');
      expect(context(snapshot)).toMatchObject({
        dueDate: DAYS.offerDeadline,
        details: { platformReference: 'Vergabe-RE-2021-0815', offerDeadline: DAYS.offerDeadline, publishedAt: AT.PUBLISH },
      });
      // The due date of the preparation (15.10.) gives way to the offer deadline.
      expect(effects).toEqual([CANCEL_DUE, scheduleDue(DAYS.offerDeadline)]);
    });

    it('keeps the minimum offer period to the day: 30 days from 15.10. is 14.11.', () => {
      expect(state(drive('tender', preparing(), publish(AT.PUBLISH, '2021-11-14')))).toBe('published');
      expectRefused('tender', preparing(), publish(AT.PUBLISH, '2021-11-13'));
      expect(taskPayloadProblems(context(preparing()), publish(AT.PUBLISH, '2021-11-13'))).toEqual([
        'the offer period must be at least 30 calendar days: published on 2021-10-15, the offer deadline must be 2021-11-14 or later, not 2021-11-13',
      ]);
    });

    it('counts from the Berlin day of publication, not the UTC day', () => {
      // 00:30 Berlin on Fri 15.10. is still Thu 14.10. in UTC.
      const justAfterMidnight = '2021-10-14T22:30:00.000Z';
      expectRefused('tender', preparing(), publish(justAfterMidnight, '2021-11-13'));
      expect(state(drive('tender', preparing(), publish(justAfterMidnight, '2021-11-14')))).toBe('published');
      // 23:59 Berlin on Thu 14.10.: one day earlier, so 13.11. is enough.
      expect(state(drive('tender', preparing(), publish('2021-10-14T21:59:00.000Z', '2021-11-13')))).toBe('published');
    });

    it('uses the period the task was created with', () => {
      const euPeriod = initial('tender', { ...INPUTS.tender, minOfferPeriodDays: 35 });
      expectRefused('tender', euPeriod, publish(AT.PUBLISH, '2021-11-18'));
      expect(state(drive('tender', euPeriod, publish(AT.PUBLISH, '2021-11-19')))).toBe('published');
      const noPeriod = initial('tender', { ...INPUTS.tender, minOfferPeriodDays: 0 });
      expect(state(drive('tender', noPeriod, publish(AT.PUBLISH, '2021-10-15')))).toBe('published');
      expectRefused('tender', noPeriod, publish(AT.PUBLISH, '2021-10-14'));
      const broken = initial('tender', { ...INPUTS.tender, minOfferPeriodDays: -1 });
      expect(taskPayloadProblems(context(broken), event('PUBLISH'))).toEqual(['the task has no valid minimum offer period']);
    });

    it('PUBLISH needs a platform reference and a real deadline day', () => {
      expectRefused('tender', preparing(), event('PUBLISH', ACTORS.clerk, { platformReference: '  ' }));
      expectRefused('tender', preparing(), event('PUBLISH', ACTORS.clerk, { offerDeadline: '15.11.2021' }));
      expectRefused('tender', preparing(), event('PUBLISH', ACTORS.clerk, { offerDeadline: '2021-11-31' }));
      expect(taskPayloadProblems(context(preparing()), event('PUBLISH', ACTORS.clerk, { platformReference: '', offerDeadline: 'bald' }))).toEqual([
        'platformReference is required',
        'offerDeadline must be a calendar date (YYYY-MM-DD)',
      ]);
    });

    it('CLOSE_OFFERS is refused on the deadline day, to its last Berlin second, and taken from the next day', () => {
      const published = reach('tender', 'published');
      // Berlin is UTC+1 after 31.10.: 15.11. 23:59:59 Berlin = 22:59:59Z.
      for (const at of ['2021-11-15T08:00:00.000Z', '2021-11-15T22:59:59.999Z', '2021-11-01T08:00:00.000Z']) {
        expectRefused('tender', published, event('CLOSE_OFFERS', ACTORS.clerk, { at }));
      }
      expect(taskPayloadProblems(context(published), event('CLOSE_OFFERS', ACTORS.clerk, { at: '2021-11-15T08:00:00.000Z' }))).toEqual([
        'offers can be closed from 2021-11-16 on, the day after the offer deadline 2021-11-15',
      ]);
      const { snapshot, effects } = send('tender', published, event('CLOSE_OFFERS', ACTORS.clerk, { at: '2021-11-15T23:00:00.000Z' }));
      expect(state(snapshot)).toBe('offersClosed');
      expect(context(snapshot)).toMatchObject({ dueDate: null, details: { offersClosedAt: '2021-11-15T23:00:00.000Z' } });
      expect(effects).toEqual([CANCEL_DUE]);
    });

    it('AWARD needs a contractor and a positive amount, and ends the tender', () => {
      const evaluating = reach('tender', 'evaluating');
      for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '48500' as never]) {
        expectRefused('tender', evaluating, event('AWARD', ACTORS.clerk, { amount }));
      }
      expectRefused('tender', evaluating, event('AWARD', ACTORS.clerk, { contractor: ' ' }));
      expect(taskPayloadProblems(context(evaluating), event('AWARD', ACTORS.clerk, { contractor: '', amount: 0 }))).toEqual([
        'contractor is required',
        'amount must be a positive number',
      ]);
      const { snapshot, effects } = send('tender', evaluating, event('AWARD', ACTORS.clerk, { amount: 0.01 }));
      expect(state(snapshot)).toBe('awarded');
      expect(context(snapshot).details).toMatchObject({ contractor: 'Beratungsgesellschaft Digitale Region mbH', amount: 0.01, awardedAt: AT.AWARD });
      expect(effects).toEqual([CANCEL_DUE]);
    });

    it('CANCEL (Aufhebung) from every state before the award, by the department head', () => {
      for (const s of ['preparing', 'published', 'offersClosed', 'evaluating']) {
        const { snapshot, effects } = send('tender', reach('tender', s), event('CANCEL'));
        expect(state(snapshot)).toBe('cancelled');
        expect(context(snapshot).cancelReason).toBe('Vorhaben wird interkommunal über die GKD fortgeführt');
        expect(effects).toEqual([CANCEL_DUE]);
      }
      expectRefused('tender', reach('tender', 'awarded'), event('CANCEL'));
    });
  });

  describe('funding application (ZIRE, concept phase)', () => {
    it('keeps the programme given at creation all the way', () => {
      expect(fundingDetails(reach('funding_application', 'settled')).programme).toBe('ZIRE');
    });

    it('START_DRAFTING with the submission deadline makes it the due date; SUBMIT clears it', () => {
      const drafting = send('funding_application', reach('funding_application', 'identified'), event('START_DRAFTING'));
      expect(context(drafting.snapshot)).toMatchObject({
        dueDate: DAYS.submissionDeadline,
        details: { programme: 'ZIRE', submissionDeadline: DAYS.submissionDeadline, draftingStartedAt: AT.START_DRAFTING },
      });
      expect(drafting.effects).toEqual([CANCEL_DUE, scheduleDue(DAYS.submissionDeadline)]);

      const submitted = send('funding_application', drafting.snapshot, event('SUBMIT'));
      expect(context(submitted.snapshot)).toMatchObject({ dueDate: null, details: { submittedAt: AT.SUBMIT } });
      expect(submitted.effects).toEqual([CANCEL_DUE]);
    });

    it('START_DRAFTING without a deadline keeps the due date; a bad one is refused', () => {
      const { snapshot, effects } = send('funding_application', initial('funding_application'), event('START_DRAFTING', ACTORS.clerk, { submissionDeadline: undefined }));
      expect(context(snapshot).dueDate).toBeNull();
      expect(fundingDetails(snapshot).submissionDeadline).toBeUndefined();
      expect(effects).toEqual([]);
      expectRefused('funding_application', initial('funding_application'), event('START_DRAFTING', ACTORS.clerk, { submissionDeadline: '31.10.2021' }));
    });

    it('APPROVE records the granted amount and its conditions; needs a positive amount', () => {
      const submitted = reach('funding_application', 'submitted');
      const { snapshot, effects } = send('funding_application', submitted, event('APPROVE'));
      expect(state(snapshot)).toBe('approved');
      expect(context(snapshot).details).toMatchObject({ approvedAmount: APPROVED_AMOUNT, conditions: expect.stringContaining('Eigenanteil'), approvedAt: AT.APPROVE });
      expect(effects).toEqual([]);
      expect(fundingDetails(drive('funding_application', submitted, event('APPROVE', ACTORS.clerk, { conditions: undefined }))).conditions).toBeUndefined();

      for (const amount of [0, -45_000, Number.NaN]) expectRefused('funding_application', submitted, event('APPROVE', ACTORS.clerk, { amount }));
      expectRefused('funding_application', submitted, event('APPROVE', ACTORS.clerk, { conditions: '  ' }));
      expect(taskPayloadProblems(context(submitted), event('APPROVE', ACTORS.clerk, { amount: 0, conditions: '' }))).toEqual([
        'amount must be a positive number',
        'conditions must not be blank',
      ]);
    });

    it('REJECT needs a reason and ends the application as cancelled', () => {
      const submitted = reach('funding_application', 'submitted');
      expectRefused('funding_application', submitted, event('REJECT', ACTORS.clerk, { reason: ' ' }));
      const { snapshot, effects } = send('funding_application', submitted, event('REJECT', ACTORS.clerk));
      expect(state(snapshot)).toBe('rejected');
      expect(snapshot.status).toBe('done');
      expect(context(snapshot).details).toMatchObject({ rejectionReason: 'Fördermittel des Programms ausgeschöpft', rejectedAt: AT.REJECT });
      expect(effects).toEqual([CANCEL_DUE]);
      expect(taskOutcome('funding_application', state(snapshot))).toBe('cancelled');
    });

    it('CALL_FUNDS needs a positive amount up to the approved one', () => {
      const approved = reach('funding_application', 'approved');
      expectRefused('funding_application', approved, event('CALL_FUNDS', ACTORS.clerk, { amount: 0 }));
      expectRefused('funding_application', approved, event('CALL_FUNDS', ACTORS.clerk, { amount: APPROVED_AMOUNT + 0.01 }));
      expect(taskPayloadProblems(context(approved), event('CALL_FUNDS', ACTORS.clerk, { amount: 50_000 }))).toEqual([
        'amount must not exceed the approved amount of 45000',
      ]);
      const { snapshot } = send('funding_application', approved, event('CALL_FUNDS', ACTORS.clerk, { amount: APPROVED_AMOUNT }));
      expect(context(snapshot).details).toMatchObject({ calledAmount: APPROVED_AMOUNT, fundsCalledAt: AT.CALL_FUNDS });
    });

    it('REQUEST_PROOF_OF_USE makes the Verwendungsnachweis deadline the due date; SETTLE ends it', () => {
      const fundsCalled = reach('funding_application', 'fundsCalled');
      for (const dueDate of [undefined, null, '2022-13-01']) {
        expectRefused('funding_application', fundsCalled, event('REQUEST_PROOF_OF_USE', ACTORS.clerk, { dueDate: dueDate as never }));
      }
      const due = send('funding_application', fundsCalled, event('REQUEST_PROOF_OF_USE'));
      expect(context(due.snapshot)).toMatchObject({ dueDate: DAYS.proofOfUse, details: { proofOfUseDueDate: DAYS.proofOfUse } });
      expect(due.effects).toEqual([CANCEL_DUE, scheduleDue(DAYS.proofOfUse)]);

      const settled = send('funding_application', due.snapshot, event('SETTLE'));
      expect(state(settled.snapshot)).toBe('settled');
      expect(settled.effects).toEqual([CANCEL_DUE]);
    });

    it('CANCEL only before a decision on the application', () => {
      for (const s of ['identified', 'drafting', 'submitted']) {
        expect(state(drive('funding_application', reach('funding_application', s), event('CANCEL')))).toBe('cancelled');
      }
      for (const s of ['approved', 'fundsCalled', 'proofOfUseDue']) {
        expectRefused('funding_application', reach('funding_application', s), event('CANCEL'));
      }
    });
  });

  describe('generic task', () => {
    it('keeps its own due date through START and cancels the deadline on COMPLETE', () => {
      const started = send('generic', initial('generic'), event('START', ACTORS.clerk));
      expect(context(started.snapshot)).toMatchObject({ dueDate: '2021-11-30', details: { startedAt: AT.START } });
      expect(started.effects).toEqual([]);
      const done = send('generic', started.snapshot, event('COMPLETE', ACTORS.clerk));
      expect(context(done.snapshot)).toMatchObject({ details: { completedAt: AT.COMPLETE } });
      expect(done.effects).toEqual([CANCEL_DUE]);
    });
  });

  describe('common events', () => {
    it.each(LIVE_STATES)('%s %s: SET_DUE_DATE cancels before it schedules, null only cancels, the same day emits nothing', (kind, s) => {
      const snapshot = reach(kind, s);
      const before = context(snapshot);

      const moved = send(kind, snapshot, event('SET_DUE_DATE', ACTORS.clerk, { dueDate: DAYS.other }));
      expect(state(moved.snapshot)).toBe(s);
      expect(context(moved.snapshot)).toEqual({ ...before, dueDate: DAYS.other, revision: before.revision + 1 });
      expect(moved.effects).toEqual([CANCEL_DUE, scheduleDue(DAYS.other)]);

      const same = send(kind, moved.snapshot, event('SET_DUE_DATE', ACTORS.clerk, { dueDate: DAYS.other }));
      expect(context(same.snapshot).revision).toBe(before.revision + 2);
      expect(same.effects).toEqual([]);

      const cleared = send(kind, same.snapshot, event('SET_DUE_DATE', ACTORS.clerk, { dueDate: null }));
      expect(context(cleared.snapshot).dueDate).toBeNull();
      expect(cleared.effects).toEqual([CANCEL_DUE]);

      const again = send(kind, cleared.snapshot, event('SET_DUE_DATE', ACTORS.clerk, { dueDate: null }));
      expect(context(again.snapshot).revision).toBe(before.revision + 4);
      expect(again.effects).toEqual([]);
    });

    it.each(LIVE_STATES)('%s %s: ASSIGN sets assignee and department, bumps the revision, emits nothing', (kind, s) => {
      const snapshot = reach(kind, s);
      const before = context(snapshot);
      const { snapshot: next, effects } = send(kind, snapshot, event('ASSIGN', ACTORS.clerk, { department: 'Fachbereich Wirtschaft' }));
      expect(state(next)).toBe(s);
      expect(context(next)).toEqual({ ...before, assigneeId: ASSIGNEE_ID, department: 'Fachbereich Wirtschaft', revision: before.revision + 1 });
      expect(effects).toEqual([]);
    });

    it('ASSIGN without a department keeps it, with null clears it; null unassigns', () => {
      const kept = drive('workshop', initial('workshop'), event('ASSIGN', ACTORS.clerk, { department: undefined }));
      expect(context(kept)).toMatchObject({ assigneeId: ASSIGNEE_ID, department: DEPARTMENT });
      const unassigned = drive('workshop', initial('workshop'), event('ASSIGN', ACTORS.clerk, { assigneeId: null, department: undefined }));
      expect(context(unassigned)).toMatchObject({ assigneeId: null, department: DEPARTMENT });
      const cleared = drive('workshop', initial('workshop'), event('ASSIGN', ACTORS.clerk, { department: null }));
      expect(context(cleared)).toMatchObject({ assigneeId: ASSIGNEE_ID, department: null });
    });

    it('ASSIGN refuses an assignee that is not a uuid (or null) and a blank department', () => {
      const s = initial('workshop');
      for (const assigneeId of ['user-clerk', '', undefined, 42]) {
        expectRefused('workshop', s, event('ASSIGN', ACTORS.clerk, { assigneeId: assigneeId as never }));
      }
      expectRefused('workshop', s, event('ASSIGN', ACTORS.clerk, { department: ' ' }));
      expect(taskPayloadProblems(context(s), event('ASSIGN', ACTORS.clerk, { assigneeId: 'user-clerk', department: '' }))).toEqual([
        'assigneeId must be a UUID or null',
        'department must not be blank',
      ]);
    });

    it('SET_DUE_DATE refuses anything but an existing day or null', () => {
      const s = initial('generic');
      for (const dueDate of ['30.11.2021', '2021-02-29', '2021-11-30T00:00:00Z', undefined, '']) {
        expectRefused('generic', s, event('SET_DUE_DATE', ACTORS.clerk, { dueDate: dueDate as never }));
      }
      expect(taskPayloadProblems(context(s), event('SET_DUE_DATE', ACTORS.clerk, { dueDate: '30.11.2021' }))).toEqual([
        'dueDate must be a calendar date (YYYY-MM-DD) or null',
      ]);
      expect(state(drive('generic', s, event('SET_DUE_DATE', ACTORS.clerk, { dueDate: '2024-02-29' })))).toBe('open');
    });

    it.each(LIVE_STATES.filter(([kind, s]) => 'CANCEL' in TRANSITIONS[kind][s]))('%s %s: CANCEL needs a reason', (kind, s) => {
      const snapshot = reach(kind, s);
      for (const reason of ['', '   ', undefined]) expectRefused(kind, snapshot, event('CANCEL', ACTORS.fbl, { reason: reason as never }));
      expect(taskPayloadProblems(context(snapshot), event('CANCEL', ACTORS.fbl, { reason: ' ' }))).toEqual(['reason is required']);
      const { snapshot: cancelled, effects } = send(kind, snapshot, event('CANCEL', ACTORS.fbl, { reason: 'Beschluss aufgehoben' }));
      expect(context(cancelled).cancelReason).toBe('Beschluss aufgehoben');
      expect(effects).toEqual([CANCEL_DUE]);
    });

    it('every event needs an ISO instant as `at`', () => {
      const s = initial('generic');
      for (const at of ['2021-10-04', 'gestern', '', undefined]) expectRefused('generic', s, event('START', ACTORS.clerk, { at: at as never }));
      expect(taskPayloadProblems(context(s), event('START', ACTORS.clerk, { at: '2021-10-04' }))).toEqual(['at must be an ISO instant']);
    });

    it('final states take nothing', () => {
      for (const [kind, s] of ALL_STATES.filter(([k, st]) => isFinal(k, st))) {
        const snapshot = reach(kind, s);
        expect(snapshot.status).toBe('done');
        for (const type of TASK_EVENT_TYPES) expectRefused(kind, snapshot, event(type, ACTORS.admin));
      }
    });
  });

  describe('effects', () => {
    it('entering a final state cancels the deadline exactly once, also when the due date was set', () => {
      const withDue = drive('workshop', reach('workshop', 'planned'), event('SET_DUE_DATE'));
      expect(send('workshop', withDue, event('CANCEL')).effects).toEqual([CANCEL_DUE]);
      // The cancellation keeps the last due date in the record; the deadline is gone.
      expect(context(send('workshop', withDue, event('CANCEL')).snapshot).dueDate).toBe(DAYS.other);
      const evaluatingWithDue = drive('tender', reach('tender', 'evaluating'), event('SET_DUE_DATE'));
      expect(send('tender', evaluatingWithDue, event('AWARD')).effects).toEqual([CANCEL_DUE]);
    });

    it('emits the same actions through xstate’s transition() and the service’s pureTransition', () => {
      const s = initial('tender');
      const [viaXstate, actions] = transition(taskMachines.tender, s, event('PUBLISH'));
      const [viaService, collected] = pureTransition(taskMachines.tender, s, event('PUBLISH'));
      expect(viaService.value).toBe(viaXstate.value);
      expect(viaService.context).toEqual(viaXstate.context);
      expect(toTaskEffects(collected as Array<{ type: string; params?: unknown }>)).toEqual(toTaskEffects(actions));
      expect(toTaskEffects(actions)).toEqual([CANCEL_DUE, scheduleDue(DAYS.offerDeadline)]);
      expect(actions.map((a) => [a.type, a.params])).toEqual([
        ['cancelDeadline', { kind: 'taskDue' }],
        ['scheduleDeadline', { kind: 'taskDue', dueDate: DAYS.offerDeadline }],
      ]);
    });

    it('toTaskEffects keeps the deadline actions only, as plain data', () => {
      expect(
        toTaskEffects([
          { type: 'xstate.assign' },
          { type: 'cancelDeadline', params: { kind: 'taskDue' } },
          { type: 'notify', params: {} },
          { type: 'scheduleDeadline', params: { kind: 'taskDue', dueDate: '2021-11-15' } },
        ]),
      ).toEqual([CANCEL_DUE, scheduleDue('2021-11-15')]);
    });
  });

  describe('roles', () => {
    it('the clerk and the department head carry tasks out; only the department head cancels', () => {
      for (const type of TASK_EVENT_TYPES) {
        expect([type, TASK_EVENT_ROLES[type]]).toEqual([type, type === 'CANCEL' ? ['department_head'] : ['clerk', 'department_head']]);
      }
    });

    it.each(LIVE_STATES)('%s %s: the clerk may do all but CANCEL, the department head and admin all, nobody else anything', (kind, s) => {
      const snapshot = reach(kind, s);
      for (const type of TASK_EVENT_TYPES) {
        const expected = type in TRANSITIONS[kind][s];
        expect([type, 'fbl', snapshot.can(event(type, ACTORS.fbl))]).toEqual([type, 'fbl', expected]);
        expect([type, 'admin', snapshot.can(event(type, ACTORS.admin))]).toEqual([type, 'admin', expected]);
        expect([type, 'clerk', snapshot.can(event(type, ACTORS.clerk))]).toEqual([type, 'clerk', expected && type !== 'CANCEL']);
        for (const role of NO_TASK_ROLES) expectRefused(kind, snapshot, event(type, ROLE_ACTORS[role]));
        expectRefused(kind, snapshot, event(type, { id: 'user-nobody', roles: [] }));
        expectRefused(kind, snapshot, { ...event(type), actor: undefined } as never);
      }
    });

    it('a clerk cannot CANCEL, but a clerk who is also department head can', () => {
      expectRefused('tender', reach('tender', 'published'), event('CANCEL', ACTORS.clerk));
      const both: TaskActor = { id: ACTORS.clerk.id, roles: ['clerk', 'department_head'] };
      expect(state(drive('tender', reach('tender', 'published'), event('CANCEL', both)))).toBe('cancelled');
    });

    it('an auditor can send nothing at all', () => {
      for (const [kind, s] of ALL_STATES) {
        const snapshot = reach(kind, s);
        for (const type of TASK_EVENT_TYPES) expectRefused(kind, snapshot, event(type, ACTORS.auditor));
        expect(allowedTaskEvents(snapshot as never, ACTORS.auditor)).toEqual([]);
      }
    });
  });

  describe('allowedTaskEvents', () => {
    it.each(ALL_STATES)('%s %s: what the state handles, filtered by role, whatever the payload', (kind, s) => {
      const snapshot = reach(kind, s);
      const expected = expectedEvents(kind, s);
      expect(allowedTaskEvents(snapshot as never, ACTORS.fbl)).toEqual(expected);
      expect(allowedTaskEvents(snapshot as never, ACTORS.admin)).toEqual(expected);
      expect(allowedTaskEvents(snapshot as never, ACTORS.clerk)).toEqual(expected.filter((t) => t !== 'CANCEL'));
      for (const role of NO_TASK_ROLES) expect(allowedTaskEvents(snapshot as never, ROLE_ACTORS[role])).toEqual([]);
      // A snapshot as stored (no status) gives the same answer.
      const stored = JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context }));
      expect(allowedTaskEvents(stored, ACTORS.fbl)).toEqual(expected);
    });

    it('lists the tender’s CLOSE_OFFERS before the deadline: the payload is not its question', () => {
      expect(allowedTaskEvents(reach('tender', 'published') as never, ACTORS.clerk)).toEqual(['CLOSE_OFFERS', 'SET_DUE_DATE', 'ASSIGN']);
    });

    it('names the workshop’s first events in order', () => {
      expect(allowedTaskEvents(initial('workshop') as never, ACTORS.fbl)).toEqual(['INVITE', 'CANCEL', 'SET_DUE_DATE', 'ASSIGN']);
      expect(allowedTaskEvents(reach('funding_application', 'submitted') as never, ACTORS.clerk)).toEqual([
        'APPROVE',
        'REJECT',
        'SET_DUE_DATE',
        'ASSIGN',
      ]);
    });
  });

  describe('taskOutcome', () => {
    it.each(ALL_STATES)('%s %s', (kind, s) => {
      expect(taskOutcome(kind, s)).toBe(OUTCOMES[kind][s]);
    });

    it('is open exactly in the non-final states', () => {
      for (const [kind, s] of ALL_STATES) expect([kind, s, taskOutcome(kind, s) === 'open']).toEqual([kind, s, !isFinal(kind, s)]);
    });

    it('refuses a state of another kind or none', () => {
      expect(() => taskOutcome('workshop', 'awarded')).toThrow('not a workshop state');
      expect(() => taskOutcome('generic', 'closed')).toThrow();
    });
  });

  describe('helpers', () => {
    it('taskStateKey accepts the states of every kind and nothing else', () => {
      for (const [, s] of ALL_STATES) expect(taskStateKey(s)).toBe(s);
      expect(() => taskStateKey('closed')).toThrow('not a task state');
      expect(() => taskStateKey({ planned: 'x' })).toThrow();
    });

    it('TASK_EVENT_FIELDS names exactly the payload of each event', () => {
      expect(Object.keys(TASK_EVENT_FIELDS).sort()).toEqual([...TASK_EVENT_TYPES].sort());
      for (const type of TASK_EVENT_TYPES) expect([type, [...TASK_EVENT_FIELDS[type]].sort()]).toEqual([type, payloadFieldsOf(type).sort()]);
      expect(TASK_EVENT_FIELDS.PUBLISH).toEqual(['platformReference', 'offerDeadline']);
      expect(TASK_EVENT_FIELDS.CLOSE_OFFERS).toEqual([]);
    });

    it('a snapshot restored from its JSON behaves like the original', () => {
      const original = drive('tender', reach('tender', 'published'), event('ASSIGN'));
      const stored = JSON.parse(JSON.stringify({ value: original.value, context: original.context }));
      const restored = taskMachines.tender.resolveState(stored);
      expect(restored.context).toEqual(original.context);
      const e = event('CLOSE_OFFERS');
      expect(restored.can(e)).toBe(true);
      const [a, aActions] = transition(taskMachines.tender, original, e);
      const [b, bActions] = transition(taskMachines.tender, restored, e);
      expect(b.value).toBe(a.value);
      expect(b.context).toEqual(a.context);
      expect(toTaskEffects(bActions)).toEqual(toTaskEffects(aActions));
    });
  });
});
