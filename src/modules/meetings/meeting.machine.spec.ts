import { initialTransition, transition } from 'xstate';
import { pureTransition } from '../../workflow/pure-transition';
import type { Role } from '../identity/role';
import { ROLES } from '../identity/role';
import {
  allowedMeetingEvents,
  MEETING_EVENT_ROLES,
  MEETING_MACHINE_VERSION,
  meetingEffectTypes,
  meetingMachine,
  meetingPayloadProblems,
  toMeetingStateKey,
  type MeetingSnapshot,
} from './meeting.machine';
import {
  DEFAULT_RULES,
  MEETING_EVENT_TYPES,
  type MeetingActor,
  type MeetingEffect,
  type MeetingEvent,
  type MeetingEventType,
  type MeetingInput,
  type RulesOfProcedure,
} from './meeting.types';
import { toMeetingEffects } from './meeting-workflow.definition';

// ------------------------------------------------------------------ fixtures

/** The committee meeting of the seed: Tue 31.08.2021, 17:00 Berlin. */
const START = '2021-08-31T15:00:00.000Z';
const END = '2021-08-31T18:00:00.000Z';
const ORG = 'org-ausschuss-wirtschaft-digitales';

const AT = {
  invited: '2021-08-20T08:00:00.000Z',
  /** Before the Nachtrag deadline of 31.08. (end of Fri 27.08., i.e. 2021-08-27T22:00Z). */
  lateAddition: '2021-08-25T08:00:00.000Z',
  afterLateDeadline: '2021-08-27T22:00:00.000Z',
  opened: '2021-08-31T15:02:00.000Z',
  inSession: '2021-08-31T16:00:00.000Z',
  closed: '2021-08-31T18:10:00.000Z',
  minutesSigned: '2021-09-10T08:00:00.000Z',
  minutesApproved: '2021-09-28T15:30:00.000Z',
} as const;

const actor = (id: string, ...roles: Role[]): MeetingActor => ({ id, roles });
const office = actor('user-sitzungsdienst', 'committee_office');
const admin = actor('user-admin', 'admin');
const clerk = actor('user-clerk', 'clerk');
const auditor = actor('user-auditor', 'auditor');
/** The Schriftführer of the session: a clerk designated by the office, not a role. */
const recorder = actor('user-schriftfuehrer', 'clerk');
const chair = actor('user-vorsitz', 'district_administrator');
const ROLE_ACTORS: Record<Role, MeetingActor> = Object.fromEntries(ROLES.map((r) => [r, actor(`user-${r}`, r)])) as Record<
  Role,
  MeetingActor
>;

const MEMBERS = [{ personId: 'person-1' }, { personId: 'person-2' }, { personId: 'person-3' }];

type EventOf<T extends MeetingEventType> = Extract<MeetingEvent, { type: T }>;
type Patch<T extends MeetingEventType> = Partial<Omit<EventOf<T>, 'type'>>;

const ev = {
  invite: (p: Patch<'INVITE'> = {}): EventOf<'INVITE'> => ({
    type: 'INVITE',
    actor: office,
    at: AT.invited,
    rules: DEFAULT_RULES,
    members: MEMBERS,
    ...p,
  }),
  open: (p: Patch<'OPEN'> = {}): EventOf<'OPEN'> => ({ type: 'OPEN', actor: office, at: AT.opened, ...p }),
  addItem: (p: Patch<'ADD_ITEM'> = {}): EventOf<'ADD_ITEM'> => ({
    type: 'ADD_ITEM',
    actor: office,
    at: AT.invited,
    itemId: 'item-2a',
    number: '2.a',
    public: true,
    paperId: 'paper-2021-119',
    rules: DEFAULT_RULES,
    ...p,
  }),
  updateItem: (p: Patch<'UPDATE_ITEM'> = {}): EventOf<'UPDATE_ITEM'> => ({
    type: 'UPDATE_ITEM',
    actor: office,
    at: AT.invited,
    itemId: 'item-2a',
    title: 'Digitalisierung – SmartCity/SmartCounty',
    ...p,
  }),
  removeItem: (p: Patch<'REMOVE_ITEM'> = {}): EventOf<'REMOVE_ITEM'> => ({
    type: 'REMOVE_ITEM',
    actor: office,
    at: AT.invited,
    itemId: 'item-2a',
    ...p,
  }),
  settle: (p: Patch<'SETTLE_ITEM'> = {}): EventOf<'SETTLE_ITEM'> => ({
    type: 'SETTLE_ITEM',
    actor: clerk,
    at: AT.invited,
    itemId: 'item-2a',
    paperId: 'paper-2021-119',
    reason: 'zurückgezogen: durch Antrag erledigt',
    cause: 'withdrawn',
    ...p,
  }),
  attendance: (p: Patch<'RECORD_ATTENDANCE'> = {}): EventOf<'RECORD_ATTENDANCE'> => ({
    type: 'RECORD_ATTENDANCE',
    actor: office,
    at: AT.inSession,
    present: 12,
    members: 15,
    ...p,
  }),
  result: (p: Patch<'RECORD_ITEM_RESULT'> = {}): EventOf<'RECORD_ITEM_RESULT'> => ({
    type: 'RECORD_ITEM_RESULT',
    actor: office,
    at: AT.inSession,
    itemId: 'item-2a',
    result: 'recommended',
    present: 12,
    members: 15,
    rules: DEFAULT_RULES,
    ...p,
  }),
  noQuorum: (p: Patch<'ESTABLISH_NO_QUORUM'> = {}): EventOf<'ESTABLISH_NO_QUORUM'> => ({
    type: 'ESTABLISH_NO_QUORUM',
    actor: office,
    at: AT.inSession,
    present: 7,
    members: 15,
    rules: DEFAULT_RULES,
    ...p,
  }),
  close: (p: Patch<'CLOSE'> = {}): EventOf<'CLOSE'> => ({ type: 'CLOSE', actor: office, at: AT.closed, openItems: 0, ...p }),
  cancel: (p: Patch<'CANCEL'> = {}): EventOf<'CANCEL'> => ({
    type: 'CANCEL',
    actor: office,
    at: AT.invited,
    reason: 'Beschlussunfähigkeit absehbar',
    members: MEMBERS,
    ...p,
  }),
  reschedule: (p: Patch<'RESCHEDULE'> = {}): EventOf<'RESCHEDULE'> => ({
    type: 'RESCHEDULE',
    actor: office,
    at: AT.invited,
    start: '2021-09-07T15:00:00.000Z',
    end: '2021-09-07T18:00:00.000Z',
    reason: 'Raum nicht verfügbar',
    members: MEMBERS,
    ...p,
  }),
  designate: (p: Patch<'DESIGNATE_SIGNATORIES'> = {}): EventOf<'DESIGNATE_SIGNATORIES'> => ({
    type: 'DESIGNATE_SIGNATORIES',
    actor: office,
    at: AT.invited,
    chairUserId: chair.id,
    recorderUserId: recorder.id,
    ...p,
  }),
  sign: (p: Patch<'SIGN_MINUTES'> = {}): EventOf<'SIGN_MINUTES'> => ({ type: 'SIGN_MINUTES', actor: chair, at: AT.minutesSigned, as: 'chair', ...p }),
  approve: (p: Patch<'APPROVE_MINUTES'> = {}): EventOf<'APPROVE_MINUTES'> => ({
    type: 'APPROVE_MINUTES',
    actor: office,
    at: AT.minutesApproved,
    approvingMeetingId: 'meeting-awd-2021-09-28',
    agendaItemId: 'item-1',
    ...p,
  }),
};

/** One valid event of each type for the snapshot's state, by `by`. */
function validEvent(type: MeetingEventType, by: MeetingActor): MeetingEvent {
  switch (type) {
    case 'INVITE':
      return ev.invite({ actor: by });
    case 'OPEN':
      return ev.open({ actor: by });
    case 'ADD_ITEM':
      return ev.addItem({ actor: by, at: AT.lateAddition, urgentReason: 'Förderfrist' });
    case 'UPDATE_ITEM':
      return ev.updateItem({ actor: by });
    case 'REMOVE_ITEM':
      return ev.removeItem({ actor: by });
    case 'SETTLE_ITEM':
      return ev.settle({ actor: by });
    case 'RECORD_ATTENDANCE':
      return ev.attendance({ actor: by });
    case 'RECORD_ITEM_RESULT':
      return ev.result({ actor: by });
    case 'ESTABLISH_NO_QUORUM':
      return ev.noQuorum({ actor: by });
    case 'CLOSE':
      return ev.close({ actor: by });
    case 'CANCEL':
      return ev.cancel({ actor: by });
    case 'RESCHEDULE':
      return ev.reschedule({ actor: by });
    case 'DESIGNATE_SIGNATORIES':
      return ev.designate({ actor: by });
    case 'SIGN_MINUTES':
      return ev.sign({ actor: by });
    case 'APPROVE_MINUTES':
      return ev.approve({ actor: by });
    case 'PROPOSE_AMENDMENT':
    case 'WITHDRAW_AMENDMENT':
      return { type, actor: by, at: AT.lateAddition, itemId: 'item-2a', amendmentId: 'amendment-1' };
    case 'RECORD_AMENDMENT_RESULT':
      return { type, actor: by, at: AT.inSession, itemId: 'item-2a', amendmentId: 'amendment-1', result: 'adopted', present: 2, members: 3, rules: DEFAULT_RULES };
  }
}

// ------------------------------------------------------------------ driving

function start(input: MeetingInput = { organizationId: ORG, start: START, end: END, location: 'Kreishaus, Raum 1' }): MeetingSnapshot {
  return initialTransition(meetingMachine, input)[0];
}

interface Step {
  snapshot: MeetingSnapshot;
  effects: MeetingEffect[];
}

/** Sends one event as the service does (`can`, then pure `transition`); throws if refused. */
function send(snapshot: MeetingSnapshot, event: MeetingEvent): Step {
  if (!snapshot.can(event)) {
    const problems = meetingPayloadProblems(snapshot.context, event);
    throw new Error(`${event.type} refused in ${toMeetingStateKey(snapshot.value)}: ${problems.join('; ')}`);
  }
  const [next, actions] = transition(meetingMachine, snapshot, event);
  expect(next).not.toBe(snapshot);
  return { snapshot: next, effects: toMeetingEffects(actions) };
}

function drive(snapshot: MeetingSnapshot, ...events: MeetingEvent[]): MeetingSnapshot {
  return events.reduce((s, e) => send(s, e).snapshot, snapshot);
}

/** A refused event changes nothing and emits nothing: the service reads `next === snapshot` as "refused". */
function expectRefused(snapshot: MeetingSnapshot, event: MeetingEvent): void {
  expect(snapshot.can(event)).toBe(false);
  const [next, actions] = transition(meetingMachine, snapshot, event);
  expect(next).toBe(snapshot);
  expect(actions).toEqual([]);
}

const state = (s: MeetingSnapshot) => toMeetingStateKey(s.value);
const invited = () => drive(start(), ev.invite());
const inSession = () => drive(invited(), ev.open());
const held = () => drive(inSession(), ev.close());
const signed = () => drive(held(), ev.designate(), ev.sign(), ev.sign({ actor: recorder, as: 'recorder' }));
const notifications = (kind: MeetingEffect['params']['kind']): MeetingEffect[] =>
  MEMBERS.map(({ personId }) => ({ type: 'notify', params: { kind, personId } }));
const rules = (patch: Partial<RulesOfProcedure>): RulesOfProcedure => ({ ...DEFAULT_RULES, ...patch });

// ------------------------------------------------------------------ tests

describe('meetingMachine', () => {
  it('is version 1 with id meeting and only notify effects', () => {
    expect(MEETING_MACHINE_VERSION).toBe(1);
    expect(meetingMachine.id).toBe('meeting');
    expect(meetingEffectTypes).toEqual(['notify']);
  });

  describe('initial snapshot', () => {
    it('starts planned, with nothing recorded', () => {
      const s = start();
      expect(state(s)).toBe('planned');
      expect(s.context).toEqual({
        organizationId: ORG,
        start: START,
        end: END,
        location: 'Kreishaus, Raum 1',
        voidedInvitations: [],
        reschedules: [],
        agendaRevision: 0,
      });
    });

    it('fills end and location with null, so the context stays plain JSON', () => {
      expect(start({ organizationId: ORG, start: START }).context).toEqual({
        organizationId: ORG,
        start: START,
        end: null,
        location: null,
        voidedInvitations: [],
        reschedules: [],
        agendaRevision: 0,
      });
    });
  });

  describe('INVITE', () => {
    it('records the invitation and notifies each member once, in order', () => {
      const { snapshot, effects } = send(start(), ev.invite());
      expect(state(snapshot)).toBe('invited');
      expect(snapshot.context.invitation).toEqual({
        at: AT.invited,
        urgent: false,
        actorId: office.id,
        invitedPersonIds: ['person-1', 'person-2', 'person-3'],
      });
      expect(effects).toEqual(notifications('meetingInvitation'));
    });

    it('emits exactly the notify actions, through xstate and through the service’s pureTransition alike', () => {
      const [, actions] = transition(meetingMachine, start(), ev.invite());
      expect(actions.map((a) => [a.type, a.params])).toEqual(notifications('meetingInvitation').map((e) => [e.type, e.params]));
      const [next, collected] = pureTransition(meetingMachine, start(), ev.invite());
      expect(toMeetingStateKey(next.value)).toBe('invited');
      expect(toMeetingEffects(collected as Array<{ type: string; params?: unknown }>)).toEqual(notifications('meetingInvitation'));
    });

    it('emits nothing for an organization without members', () => {
      const { snapshot, effects } = send(start(), ev.invite({ members: [] }));
      expect(snapshot.context.invitation?.invitedPersonIds).toEqual([]);
      expect(effects).toEqual([]);
    });

    it('keeps the 7 full days: 23.08. is the last day for 31.08., to the Berlin midnight', () => {
      expect(state(drive(start(), ev.invite({ at: '2021-08-23T08:00:00.000Z' })))).toBe('invited');
      // 23:59:59 Berlin on the 23rd.
      expect(state(drive(start(), ev.invite({ at: '2021-08-23T21:59:59.000Z' })))).toBe('invited');
      // 00:00 Berlin on the 24th.
      expectRefused(start(), ev.invite({ at: '2021-08-23T22:00:00.000Z' }));
      expectRefused(start(), ev.invite({ at: '2021-08-24T08:00:00.000Z' }));
      expect(meetingPayloadProblems(start().context, ev.invite({ at: '2021-08-24T08:00:00.000Z' }))).toEqual([
        'the invitation period of 7 full days is not kept: a meeting on 2021-08-31 must be invited by 2021-08-23, not on 2021-08-24',
      ]);
    });

    it('an urgent invitation needs a reason and keeps the 3-day period', () => {
      const lateButUrgent = { at: '2021-08-27T10:00:00.000Z', urgent: true };
      expectRefused(start(), ev.invite(lateButUrgent));
      expectRefused(start(), ev.invite({ ...lateButUrgent, reason: '   ' }));
      expect(meetingPayloadProblems(start().context, ev.invite(lateButUrgent))).toEqual([
        'reason is required for an urgent invitation',
      ]);
      expectRefused(start(), ev.invite({ ...lateButUrgent, at: '2021-08-28T10:00:00.000Z', reason: 'Förderfrist' }));
      // Not urgent, the same day is too late.
      expectRefused(start(), ev.invite({ at: lateButUrgent.at }));

      const { snapshot, effects } = send(start(), ev.invite({ ...lateButUrgent, reason: 'Förderfrist 15.09.' }));
      expect(snapshot.context.invitation).toMatchObject({ urgent: true, reason: 'Förderfrist 15.09.' });
      expect(effects).toHaveLength(3);
    });

    it('the meeting must start after the invitation, whatever the period', () => {
      const sameDay = rules({ invitationPeriodKind: 'calendar', invitationPeriodDays: 0 });
      expect(state(drive(start(), ev.invite({ rules: sameDay, at: '2021-08-31T08:00:00.000Z' })))).toBe('invited');
      expectRefused(start(), ev.invite({ rules: sameDay, at: START }));
      expectRefused(start(), ev.invite({ rules: sameDay, at: '2021-08-31T16:00:00.000Z' }));
    });

    it('counts with the organization’s rules', () => {
      const working = rules({ invitationPeriodKind: 'working', invitationPeriodDays: 5 });
      expect(state(drive(start(), ev.invite({ rules: working, at: '2021-08-23T08:00:00.000Z' })))).toBe('invited');
      expectRefused(start(), ev.invite({ rules: working, at: '2021-08-24T08:00:00.000Z' }));
    });

    it('refuses malformed payloads', () => {
      expectRefused(start(), ev.invite({ members: [{ personId: 'person-1' }, { personId: 'person-1' }] }));
      expectRefused(start(), ev.invite({ members: [{ personId: '' }] }));
      expectRefused(start(), ev.invite({ rules: rules({ invitationPeriodDays: -1 }) }));
      expectRefused(start(), ev.invite({ rules: rules({ invitationPeriodKind: 'weeks' as never }) }));
      expectRefused(start(), ev.invite({ at: 'yesterday' }));
      expect(meetingPayloadProblems(start().context, ev.invite({ at: 'yesterday' }))).toEqual(['at must be an ISO instant']);
    });

    it('is not taken twice', () => {
      expectRefused(invited(), ev.invite());
    });
  });

  describe('OPEN', () => {
    it('needs an invitation', () => {
      expectRefused(start(), ev.open());
    });

    it('opens from the meeting’s Berlin day on and records when', () => {
      expectRefused(invited(), ev.open({ at: '2021-08-30T15:00:00.000Z' }));
      // 23:59:59.999 Berlin on the 30th.
      expectRefused(invited(), ev.open({ at: '2021-08-30T21:59:59.999Z' }));
      expect(meetingPayloadProblems(invited().context, ev.open({ at: '2021-08-30T15:00:00.000Z' }))).toEqual([
        'the session can be opened from the meeting day (2021-08-31) on',
      ]);
      // 00:00 Berlin on the 31st.
      expect(state(drive(invited(), ev.open({ at: '2021-08-30T22:00:00.000Z' })))).toBe('inSession');

      const { snapshot, effects } = send(invited(), ev.open());
      expect(state(snapshot)).toBe('inSession');
      expect(snapshot.context.openedAt).toBe(AT.opened);
      expect(effects).toEqual([]);
    });
  });

  describe('ADD_ITEM', () => {
    it('in planned needs no urgency reason and bumps the agenda revision', () => {
      const { snapshot, effects } = send(start(), ev.addItem());
      expect(state(snapshot)).toBe('planned');
      expect(snapshot.context.agendaRevision).toBe(1);
      expect(effects).toEqual([]);
      expect(drive(snapshot, ev.addItem({ itemId: 'item-3', number: '3' })).context.agendaRevision).toBe(2);
    });

    it('refuses an item without id, number or public flag', () => {
      expectRefused(start(), ev.addItem({ itemId: ' ' }));
      expectRefused(start(), ev.addItem({ number: '' }));
      expectRefused(start(), ev.addItem({ public: 'yes' as never }));
      expectRefused(start(), ev.addItem({ paperId: '' }));
    });

    it('after the invitation (Nachtrag) needs an urgency reason', () => {
      expectRefused(invited(), ev.addItem({ at: AT.lateAddition }));
      expectRefused(invited(), ev.addItem({ at: AT.lateAddition, urgentReason: ' ' }));
      expect(meetingPayloadProblems(invited().context, ev.addItem({ at: AT.lateAddition }))).toEqual([
        'urgentReason is required for an item added after the invitation',
      ]);
      const s = drive(invited(), ev.addItem({ at: AT.lateAddition, urgentReason: 'Förderfrist' }));
      expect(state(s)).toBe('invited');
      expect(s.context.agendaRevision).toBe(1);
    });

    it('in invited only up to the Nachtrag deadline (end of Fri 27.08. for Tue 31.08.)', () => {
      const add = (at: string) => ev.addItem({ at, urgentReason: 'Förderfrist' });
      expect(drive(invited(), add('2021-08-27T21:59:59.999Z')).context.agendaRevision).toBe(1);
      expectRefused(invited(), add(AT.afterLateDeadline));
      expectRefused(invited(), add('2021-08-30T10:00:00.000Z'));
      expect(meetingPayloadProblems(invited().context, add(AT.afterLateDeadline))).toEqual([
        'the deadline for late additions passed at 2021-08-27T22:00:00.000Z; add the item in the session',
      ]);
      // A different Geschäftsordnung moves the deadline: 1 full day → end of Sun 29.08.
      expect(drive(invited(), { ...add('2021-08-29T12:00:00.000Z'), rules: rules({ lateAdditionDays: 1 }) }).context.agendaRevision).toBe(1);
    });

    it('in the session is allowed after the deadline, with an urgency reason', () => {
      expectRefused(inSession(), ev.addItem({ at: AT.inSession }));
      const s = drive(inSession(), ev.addItem({ at: AT.inSession, urgentReason: 'Eilbedürftig' }));
      expect(state(s)).toBe('inSession');
      expect(s.context.agendaRevision).toBe(1);
    });

    it('is refused once the session is closed', () => {
      expectRefused(held(), ev.addItem({ at: AT.closed, urgentReason: 'zu spät' }));
    });
  });

  describe('UPDATE_ITEM and REMOVE_ITEM', () => {
    it('UPDATE_ITEM works in planned and invited only, bumping the revision', () => {
      expect(drive(start(), ev.updateItem()).context.agendaRevision).toBe(1);
      expect(drive(invited(), ev.updateItem({ number: '2.b', title: undefined })).context.agendaRevision).toBe(1);
      expectRefused(inSession(), ev.updateItem());
      expectRefused(held(), ev.updateItem());
    });

    it('UPDATE_ITEM refuses blank fields', () => {
      expectRefused(start(), ev.updateItem({ itemId: '' }));
      expectRefused(start(), ev.updateItem({ title: '  ' }));
      expectRefused(start(), ev.updateItem({ number: '' }));
    });

    it('REMOVE_ITEM works in planned, invited and the session, bumping the revision', () => {
      for (const s of [start(), invited(), inSession()]) {
        const next = drive(s, ev.removeItem({ reason: 'erledigt' }));
        expect(state(next)).toBe(state(s));
        expect(next.context.agendaRevision).toBe(s.context.agendaRevision + 1);
      }
      expectRefused(held(), ev.removeItem());
      expectRefused(start(), ev.removeItem({ itemId: '' }));
    });
  });

  describe('SETTLE_ITEM (an item settled on its paper’s behalf)', () => {
    const landrat = actor('user-landrat', 'district_administrator');
    const urgent = { cause: 'urgent_decision' as const, reason: 'erledigt durch Dringlichkeitsentscheidung (§ 50 Abs. 3 KrO NRW) vom 20.08.2021' };

    it('is taken in planned, invited and the session from whoever sent the paper’s event, bumping the revision', () => {
      for (const s of [start(), invited(), inSession()]) {
        const withdrawn = send(s, ev.settle());
        expect(state(withdrawn.snapshot)).toBe(state(s));
        expect(withdrawn.snapshot.context.agendaRevision).toBe(s.context.agendaRevision + 1);
        expect(withdrawn.effects).toEqual([]);
        expect(send(s, ev.settle({ actor: landrat, ...urgent })).snapshot.context.agendaRevision).toBe(s.context.agendaRevision + 1);
        expect(send(s, ev.settle({ actor: admin })).snapshot.context.agendaRevision).toBe(s.context.agendaRevision + 1);
      }
      expectRefused(held(), ev.settle());
      expectRefused(signed(), ev.settle());
    });

    it('a cause is settled only on behalf of the roles that may send its paper event (a clerk withdraws, the Landrat decides urgently)', () => {
      expectRefused(invited(), ev.settle({ actor: landrat }));
      expectRefused(invited(), ev.settle({ actor: clerk, ...urgent }));
      expectRefused(invited(), ev.settle({ actor: office }));
      expect(meetingPayloadProblems(invited().context, ev.settle({ actor: clerk, ...urgent }))).toEqual([
        'an item is settled for the cause urgent_decision only on behalf of district_administrator',
      ]);
    });

    it('needs the item, the paper, a reason and a known cause', () => {
      expectRefused(invited(), ev.settle({ itemId: '' }));
      expectRefused(invited(), ev.settle({ paperId: ' ' }));
      expectRefused(invited(), ev.settle({ reason: '  ' }));
      expectRefused(invited(), ev.settle({ cause: 'postponed' as never }));
    });

    it('is never offered to a client (no route sends it)', () => {
      for (const s of [start(), invited(), inSession()]) {
        expect(allowedMeetingEvents(s, clerk)).not.toContain('SETTLE_ITEM');
        expect(allowedMeetingEvents(s, admin)).not.toContain('SETTLE_ITEM');
      }
    });
  });

  describe('in the session', () => {
    it('RECORD_ATTENDANCE is taken in the session only and bumps the revision', () => {
      expectRefused(invited(), ev.attendance());
      expectRefused(held(), ev.attendance());
      const s = drive(inSession(), ev.attendance(), ev.attendance({ present: 13 }));
      expect(s.context.agendaRevision).toBe(2);
      expectRefused(inSession(), ev.attendance({ present: 16, members: 15 }));
      expectRefused(inSession(), ev.attendance({ present: -1 }));
    });

    it('Beschlussfähigkeit (§ 34 KrO NRW): presumed until the lack is established — 7 of 15 may decide before, not after', () => {
      expect(drive(inSession(), ev.result({ present: 7, members: 15 })).context.agendaRevision).toBe(1);
      expect(drive(inSession(), ev.result({ present: 0, members: 15 })).context.agendaRevision).toBe(1);
      const lacking = drive(inSession(), ev.noQuorum({ present: 7, members: 15 }));
      expect(lacking.context.quorumLack).toEqual({ at: AT.inSession, actorId: office.id, present: 7, members: 15 });
      expectRefused(lacking, ev.result({ present: 7, members: 15 }));
      expect(meetingPayloadProblems(lacking.context, ev.result({ present: 7, members: 15 }))).toEqual([
        'the lack of quorum was established: 7 of 15 members present, more than 1/2 needed',
      ]);
      // Exactly half is not enough; 8 of 15 is.
      expectRefused(lacking, ev.result({ present: 7, members: 14 }));
      expect(state(drive(lacking, ev.result({ present: 8, members: 15 })))).toBe('inSession');
      const twoThirds = rules({ quorumNumerator: 2, quorumDenominator: 3 });
      expectRefused(lacking, ev.result({ present: 10, members: 15, rules: twoThirds }));
      expect(state(drive(lacking, ev.result({ present: 11, members: 15, rules: twoThirds })))).toBe('inSession');
    });

    it('Beschlussfähigkeit (§ 34 KrO NRW): a matter put back for lack of quorum is quorate on its second summons; putting back is always possible', () => {
      const lacking = drive(inSession(), ev.noQuorum({ present: 3, members: 15 }));
      expect(state(drive(lacking, ev.result({ present: 3, members: 15, secondSummons: true })))).toBe('inSession');
      expect(state(drive(lacking, ev.result({ present: 3, members: 15, result: 'postponed' })))).toBe('inSession');
    });

    it('Beschlussfähigkeit (§ 34 KrO NRW): the lack is established only when it exists, and ends when attendance restores the quorum', () => {
      expectRefused(inSession(), ev.noQuorum({ present: 8, members: 15 }));
      expect(meetingPayloadProblems(inSession().context, ev.noQuorum({ present: 8, members: 15 }))).toEqual([
        'the meeting is quorate: 8 of 15 members present',
      ]);
      expectRefused(invited(), ev.noQuorum());
      const lacking = drive(inSession(), ev.noQuorum({ present: 7, members: 15 }));
      expect(drive(lacking, ev.attendance({ present: 7, members: 15, rules: DEFAULT_RULES })).context.quorumLack).toBeDefined();
      expect(drive(lacking, ev.attendance({ present: 8, members: 15, rules: DEFAULT_RULES })).context.quorumLack).toBeUndefined();
    });

    it('RECORD_ITEM_RESULT is taken in the session only and needs item and result', () => {
      expectRefused(invited(), ev.result());
      expectRefused(held(), ev.result());
      expectRefused(inSession(), ev.result({ result: '' }));
      expectRefused(inSession(), ev.result({ itemId: '' }));
    });

    it('CLOSE needs every item dealt with and records when', () => {
      expectRefused(inSession(), ev.close({ openItems: 1 }));
      expect(meetingPayloadProblems(inSession().context, ev.close({ openItems: 2 }))).toEqual(['2 agenda item(s) are still open']);
      expectRefused(inSession(), ev.close({ openItems: -1 }));
      expectRefused(invited(), ev.close());
      const { snapshot, effects } = send(inSession(), ev.close());
      expect(state(snapshot)).toBe('held');
      expect(snapshot.context.closedAt).toBe(AT.closed);
      expect(effects).toEqual([]);
    });
  });

  describe('CANCEL', () => {
    it('from planned tells nobody', () => {
      const { snapshot, effects } = send(start(), ev.cancel());
      expect(state(snapshot)).toBe('cancelled');
      expect(snapshot.status).toBe('done');
      expect(snapshot.context.cancellation).toEqual({ reason: 'Beschlussunfähigkeit absehbar', at: AT.invited, actorId: office.id });
      expect(effects).toEqual([]);
    });

    it('from invited notifies each member once', () => {
      const { snapshot, effects } = send(invited(), ev.cancel({ at: '2021-08-26T09:00:00.000Z' }));
      expect(state(snapshot)).toBe('cancelled');
      expect(snapshot.context.invitation).toBeDefined();
      expect(effects).toEqual(notifications('meetingCancelled'));
    });

    it('needs a reason and is not possible once the session is open', () => {
      expectRefused(start(), ev.cancel({ reason: ' ' }));
      expectRefused(invited(), ev.cancel({ reason: '' }));
      expectRefused(inSession(), ev.cancel());
      expectRefused(held(), ev.cancel());
    });

    it('leaves a final state that takes nothing', () => {
      const cancelled = drive(start(), ev.cancel());
      for (const type of MEETING_EVENT_TYPES) expectRefused(cancelled, validEvent(type, admin));
      expect(allowedMeetingEvents(cancelled, admin)).toEqual([]);
    });
  });

  describe('RESCHEDULE', () => {
    const NEW_START = '2021-09-07T15:00:00.000Z';
    const NEW_END = '2021-09-07T18:00:00.000Z';

    it('from planned records the move and sets the new date, telling nobody', () => {
      const { snapshot, effects } = send(start(), ev.reschedule());
      expect(state(snapshot)).toBe('planned');
      expect(snapshot.context).toMatchObject({
        start: NEW_START,
        end: NEW_END,
        reschedules: [{ fromStart: START, toStart: NEW_START, reason: 'Raum nicht verfügbar', at: AT.invited, actorId: office.id }],
        voidedInvitations: [],
      });
      expect(effects).toEqual([]);
    });

    it('from invited voids the invitation, notifies the members, and the meeting must be invited again', () => {
      const before = invited();
      const { snapshot, effects } = send(before, ev.reschedule({ at: '2021-08-25T09:00:00.000Z' }));
      expect(state(snapshot)).toBe('planned');
      expect(snapshot.context.invitation).toBeUndefined();
      expect(snapshot.context.voidedInvitations).toEqual([before.context.invitation]);
      expect(effects).toEqual(notifications('meetingRescheduled'));

      // The period runs again from the new invitation: 30.08. is the last day for 07.09.
      expectRefused(snapshot, ev.open({ at: NEW_START }));
      expectRefused(snapshot, ev.invite({ at: '2021-08-31T08:00:00.000Z' }));
      const again = drive(snapshot, ev.invite({ at: '2021-08-30T08:00:00.000Z' }));
      expect(state(again)).toBe('invited');
      expect(again.context.voidedInvitations).toHaveLength(1);
      expect(state(drive(again, ev.open({ at: NEW_START })))).toBe('inSession');
    });

    it('without an end clears the old one, which belonged to the old date', () => {
      expect(drive(start(), ev.reschedule({ end: undefined })).context.end).toBeNull();
      expect(drive(start(), ev.reschedule({ end: null })).context.end).toBeNull();
    });

    it('keeps every move in order', () => {
      const s = drive(start(), ev.reschedule(), ev.reschedule({ start: START, end: END, reason: 'doch wie geplant' }));
      expect(s.context.reschedules.map((r) => [r.fromStart, r.toStart])).toEqual([
        [START, NEW_START],
        [NEW_START, START],
      ]);
      expect(s.context.start).toBe(START);
    });

    it('refuses a blank reason, a start in the past or unchanged, an end before the start', () => {
      expectRefused(start(), ev.reschedule({ reason: '' }));
      expectRefused(start(), ev.reschedule({ start: START, end: null }));
      // The same instant written with an offset is the same start.
      expectRefused(start(), ev.reschedule({ start: '2021-08-31T17:00:00+02:00', end: null }));
      expectRefused(start(), ev.reschedule({ start: AT.invited, end: null }));
      expectRefused(start(), ev.reschedule({ start: '2021-08-19T15:00:00.000Z', end: null }));
      expectRefused(start(), ev.reschedule({ end: NEW_START }));
      expectRefused(start(), ev.reschedule({ end: '2021-09-07T14:00:00.000Z' }));
      expectRefused(start(), ev.reschedule({ start: '7.9.2021' }));
      expect(meetingPayloadProblems(start().context, ev.reschedule({ start: START, end: null }))).toEqual([
        'the new start must differ from the current start',
      ]);
    });

    it('is not possible once the session is open', () => {
      expectRefused(inSession(), ev.reschedule());
      expectRefused(held(), ev.reschedule());
    });
  });

  describe('Niederschrift: DESIGNATE_SIGNATORIES and SIGN_MINUTES', () => {
    it('§ 37 KrO NRW Niederschrift: the minutes are signed by the designated chair and the designated Schriftführer, in either order, then frozen', () => {
      const designated = drive(held(), ev.designate());
      expect(designated.context.signatories).toEqual({ chairUserId: chair.id, recorderUserId: recorder.id });
      const byRecorder = send(designated, ev.sign({ actor: recorder, as: 'recorder' })).snapshot;
      expect(state(byRecorder)).toBe('held');
      const both = send(byRecorder, ev.sign()).snapshot;
      expect(state(both)).toBe('minutesSigned');
      expect(both.context.minutesSignatures).toEqual({
        chair: { userId: chair.id, at: AT.minutesSigned },
        recorder: { userId: recorder.id, at: AT.minutesSigned },
      });
    });

    it('§ 37 KrO NRW Niederschrift: only the designated user signs, each part once, and nobody before the meeting is held', () => {
      expectRefused(held(), ev.sign());
      const designated = drive(held(), ev.designate());
      expectRefused(designated, ev.sign({ actor: recorder }));
      expectRefused(designated, ev.sign({ actor: office }));
      expectRefused(designated, ev.sign({ actor: admin }));
      expectRefused(designated, ev.sign({ as: 'someone' as never }));
      const once = drive(designated, ev.sign());
      expectRefused(once, ev.sign());
      expectRefused(drive(inSession(), ev.designate()), ev.sign());
    });

    it('designates two different persons, before the first signature only', () => {
      expectRefused(held(), ev.designate({ recorderUserId: chair.id }));
      expectRefused(held(), ev.designate({ chairUserId: ' ' }));
      expect(state(drive(start(), ev.designate()))).toBe('planned');
      expectRefused(drive(held(), ev.designate(), ev.sign()), ev.designate({ chairUserId: 'user-other' }));
      expectRefused(signed(), ev.designate());
    });
  });

  describe('APPROVE_MINUTES', () => {
    it('§ 37 KrO NRW Niederschrift: minutes not signed by the chair and the Schriftführer cannot be approved', () => {
      expectRefused(held(), ev.approve());
      expectRefused(drive(held(), ev.designate(), ev.sign()), ev.approve());
    });

    it('records the objections (Einwendungen) raised at the approval', () => {
      const { snapshot } = send(signed(), ev.approve({ objections: '  TOP 3: Herr Müller stimmte mit Nein.  ' }));
      expect(snapshot.context.minutesApproval?.objections).toBe('TOP 3: Herr Müller stimmte mit Nein.');
    });

    it('records which meeting approved the minutes under which item, and ends the meeting', () => {
      const { snapshot, effects } = send(signed(), ev.approve());
      expect(state(snapshot)).toBe('minutesApproved');
      expect(snapshot.status).toBe('done');
      expect(snapshot.context.minutesApproval).toEqual({
        at: AT.minutesApproved,
        approvingMeetingId: 'meeting-awd-2021-09-28',
        agendaItemId: 'item-1',
        actorId: office.id,
      });
      expect(effects).toEqual([]);
      for (const type of MEETING_EVENT_TYPES) expectRefused(snapshot, validEvent(type, admin));
    });

    it('needs both ids and signed minutes', () => {
      expectRefused(signed(), ev.approve({ approvingMeetingId: '' }));
      expectRefused(signed(), ev.approve({ agendaItemId: ' ' }));
      expectRefused(inSession(), ev.approve());
    });
  });

  describe('roles', () => {
    const snapshots: Array<[string, () => MeetingSnapshot]> = [
      ['planned', start],
      ['invited', invited],
      ['inSession', inSession],
      ['held', held],
      ['minutesSigned', signed],
    ];

    it('every event is the committee office’s, but signing the minutes (the designated persons’) and settling an item (the paper’s sender’s)', () => {
      for (const type of MEETING_EVENT_TYPES.filter((t) => t !== 'SIGN_MINUTES' && t !== 'SETTLE_ITEM')) expect(MEETING_EVENT_ROLES[type]).toEqual(['committee_office']);
      expect(MEETING_EVENT_ROLES.SIGN_MINUTES).not.toContain('auditor');
      expect(MEETING_EVENT_ROLES.SIGN_MINUTES).not.toContain('operator');
      // withdrawn: the clerk; urgent decision: the Landrat; an Anfrage answered: the committee office.
      expect([...MEETING_EVENT_ROLES.SETTLE_ITEM].sort()).toEqual(['clerk', 'committee_office', 'district_administrator']);
    });

    it.each(snapshots)('in %s: the clerk and every other role are refused everything but settling, admin may do what the office may', (_, make) => {
      const s = make();
      for (const type of MEETING_EVENT_TYPES.filter((t) => t !== 'SETTLE_ITEM')) {
        const byOffice = s.can(validEvent(type, office));
        expect([type, s.can(validEvent(type, admin))]).toEqual([type, byOffice]);
        for (const role of ROLES.filter((r) => r !== 'admin' && r !== 'committee_office')) {
          expectRefused(s, validEvent(type, ROLE_ACTORS[role]));
        }
        expectRefused(s, validEvent(type, actor('user-nobody')));
        expectRefused(s, { ...validEvent(type, office), actor: undefined } as never);
      }
      // The office does not settle an item on a paper's behalf (it removes it, REMOVE_ITEM).
      expectRefused(s, validEvent('SETTLE_ITEM', office));
      // With valid payloads, office and admin get exactly what the state lists.
      expect(MEETING_EVENT_TYPES.filter((t) => s.can(validEvent(t, office)))).toEqual(allowedMeetingEvents(s, office));
      expect(allowedMeetingEvents(s, office).length).toBeGreaterThan(0);
      expect(allowedMeetingEvents(s, clerk)).toEqual([]);
      expect(allowedMeetingEvents(s, auditor)).toEqual([]);
      expect(allowedMeetingEvents(s, admin)).toEqual(allowedMeetingEvents(s, office));
    });

    it('a user holding several roles is judged by all of them', () => {
      expect(state(drive(start(), ev.invite({ actor: actor('user-both', 'clerk', 'committee_office') })))).toBe('invited');
    });
  });

  describe('allowedMeetingEvents', () => {
    it('lists what the state handles, whatever the payload', () => {
      const amendments = ['PROPOSE_AMENDMENT', 'WITHDRAW_AMENDMENT'];
      expect(allowedMeetingEvents(start(), office)).toEqual(['INVITE', 'ADD_ITEM', 'UPDATE_ITEM', 'REMOVE_ITEM', 'CANCEL', 'RESCHEDULE', 'DESIGNATE_SIGNATORIES', ...amendments]);
      expect(allowedMeetingEvents(invited(), office)).toEqual(['OPEN', 'ADD_ITEM', 'UPDATE_ITEM', 'REMOVE_ITEM', 'CANCEL', 'RESCHEDULE', 'DESIGNATE_SIGNATORIES', ...amendments]);
      expect(allowedMeetingEvents(inSession(), office)).toEqual([
        'ADD_ITEM',
        'REMOVE_ITEM',
        'RECORD_ATTENDANCE',
        'RECORD_ITEM_RESULT',
        'ESTABLISH_NO_QUORUM',
        'CLOSE',
        'DESIGNATE_SIGNATORIES',
        ...amendments,
        'RECORD_AMENDMENT_RESULT',
      ]);
      expect(allowedMeetingEvents(held(), office)).toEqual(['DESIGNATE_SIGNATORIES']);
      // Signing is offered to the designated signer whose signature is missing, to nobody else.
      const designated = drive(held(), ev.designate());
      expect(allowedMeetingEvents(designated, chair)).toEqual(['SIGN_MINUTES']);
      expect(allowedMeetingEvents(designated, recorder)).toEqual(['SIGN_MINUTES']);
      expect(allowedMeetingEvents(drive(designated, ev.sign()), chair)).toEqual([]);
      expect(allowedMeetingEvents(signed(), office)).toEqual(['APPROVE_MINUTES']);
      expect(allowedMeetingEvents(drive(signed(), ev.approve()), office)).toEqual([]);
    });
  });

  describe('persistence', () => {
    it('a snapshot restored from its JSON behaves like the original', () => {
      const original = drive(invited(), ev.reschedule(), ev.addItem({ urgentReason: 'x' }));
      const stored = JSON.parse(JSON.stringify({ value: original.value, context: original.context }));
      const restored = meetingMachine.resolveState(stored);
      expect(restored.context).toEqual(original.context);
      expect(state(restored)).toBe('planned');
      const event = ev.invite({ at: '2021-08-26T08:00:00.000Z' });
      expect(restored.can(event)).toBe(true);
      const [a] = transition(meetingMachine, original, event);
      const [b] = transition(meetingMachine, restored, event);
      expect(b.context).toEqual(a.context);
    });
  });

  describe('helpers', () => {
    it('toMeetingStateKey accepts the seven states and nothing else', () => {
      expect(toMeetingStateKey('inSession')).toBe('inSession');
      expect(() => toMeetingStateKey('closed')).toThrow();
      expect(() => toMeetingStateKey({ planned: 'x' })).toThrow();
    });

    it('toMeetingEffects keeps notify actions only, as plain data', () => {
      expect(
        toMeetingEffects([
          { type: 'notify', params: { kind: 'meetingInvitation', personId: 'p' } },
          { type: 'xstate.assign' },
          { type: 'somethingElse', params: {} },
        ]),
      ).toEqual([{ type: 'notify', params: { kind: 'meetingInvitation', personId: 'p' } }]);
    });
  });
});
