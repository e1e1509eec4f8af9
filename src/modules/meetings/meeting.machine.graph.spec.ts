/**
 * Model-based tests: walk the meeting machine with `xstate/graph`, reach every state by
 * its shortest path, replay each path through the pure `transition()`, and check a
 * state × event × role matrix against a table written from the specification (not from
 * the machine), so a transition added or lost in the machine shows up here.
 */
import { initialTransition, transition } from 'xstate';
import { getShortestPaths, getStateNodes, type StatePath } from 'xstate/graph';
import type { Role } from '../identity/role';
import { ROLES } from '../identity/role';
import { allowedMeetingEvents, meetingMachine, toMeetingStateKey, type MeetingSnapshot } from './meeting.machine';
import { toMeetingEffects } from './meeting-workflow.definition';
import {
  DEFAULT_RULES,
  MEETING_EVENT_TYPES,
  MEETING_STATES,
  type MeetingActor,
  type MeetingEvent,
  type MeetingEventType,
  type MeetingInput,
  type MeetingStateKey,
} from './meeting.types';

type Path = StatePath<MeetingSnapshot, MeetingEvent>;

/**
 * Which events each state takes (valid payloads), from the specification: from the committee
 * office, except SETTLE_ITEM, which the system sends on a paper's behalf as the clerk who
 * withdrew it (never the office's, and never offered to a client).
 */
const EXPECTED_EVENTS: Record<MeetingStateKey, readonly MeetingEventType[]> = {
  planned: ['INVITE', 'ADD_ITEM', 'UPDATE_ITEM', 'REMOVE_ITEM', 'SETTLE_ITEM', 'CANCEL', 'RESCHEDULE', 'DESIGNATE_SIGNATORIES', 'PROPOSE_AMENDMENT', 'WITHDRAW_AMENDMENT'],
  invited: ['OPEN', 'ADD_ITEM', 'UPDATE_ITEM', 'REMOVE_ITEM', 'SETTLE_ITEM', 'CANCEL', 'RESCHEDULE', 'DESIGNATE_SIGNATORIES', 'PROPOSE_AMENDMENT', 'WITHDRAW_AMENDMENT'],
  inSession: [
    'ADD_ITEM',
    'REMOVE_ITEM',
    'SETTLE_ITEM',
    'RECORD_ATTENDANCE',
    'RECORD_ITEM_RESULT',
    'ESTABLISH_NO_QUORUM',
    'CLOSE',
    'DESIGNATE_SIGNATORIES',
    'PROPOSE_AMENDMENT',
    'WITHDRAW_AMENDMENT',
    'RECORD_AMENDMENT_RESULT',
  ],
  held: ['DESIGNATE_SIGNATORIES', 'SIGN_MINUTES'],
  minutesSigned: ['APPROVE_MINUTES'],
  minutesApproved: [],
  cancelled: [],
};

/**
 * The table, narrowed by the Niederschrift's personal rules: the sample SIGN_MINUTES is the
 * chair's, so only the designated chair (the office's user here) may send it, once; the
 * designation is fixed once anyone has signed.
 */
function expectedEvents(snapshot: MeetingSnapshot, by: MeetingActor): MeetingEventType[] {
  const { signatories, minutesSignatures } = snapshot.context;
  const key = toMeetingStateKey(snapshot.value);
  const settles = by.roles.includes('admin') || by.roles.includes('clerk');
  const runsMeetings = by.roles.includes('admin') || by.roles.includes('committee_office');
  return EXPECTED_EVENTS[key].filter((type) => {
    if (type === 'SETTLE_ITEM') return settles;
    if (!runsMeetings) return false;
    if (type === 'SIGN_MINUTES') return signatories?.chairUserId === by.id && !minutesSignatures?.chair;
    if (type === 'DESIGNATE_SIGNATORIES') return Object.keys(minutesSignatures ?? {}).length === 0;
    return true;
  });
}

/** Tue 31.08.2021, 17:00 Berlin, and the date it may be moved to. */
const START = '2021-08-31T15:00:00.000Z';
const OTHER_START = '2021-09-07T15:00:00.000Z';
const INPUT: MeetingInput = { organizationId: 'org-ausschuss-wirtschaft-digitales', start: START };

const AT = {
  invited: '2021-08-20T08:00:00.000Z',
  /** Before the Nachtrag deadline of either date. */
  lateAddition: '2021-08-25T08:00:00.000Z',
  minutesSigned: '2021-09-10T08:00:00.000Z',
  minutesApproved: '2021-09-28T15:30:00.000Z',
};

const MEMBERS = [{ personId: 'person-1' }, { personId: 'person-2' }];

const actor = (id: string, ...roles: Role[]): MeetingActor => ({ id, roles });
const office = actor('user-sitzungsdienst', 'committee_office');
const admin = actor('user-admin', 'admin');
/** The Schriftführer designated in the samples: a clerk, signing as recorder. */
const recorder = actor('user-schriftfuehrer', 'clerk');
const OTHER_ROLES = ROLES.filter((r) => r !== 'admin' && r !== 'committee_office');

/**
 * One event of each type, sent by `by`, with a payload valid for the state it is meant
 * for. Times follow the context: the session's events happen at the meeting's start.
 */
function sampleEvents(snapshot: MeetingSnapshot, by: MeetingActor): MeetingEvent[] {
  const { context } = snapshot;
  const base = { actor: by };
  const sessionAt = context.openedAt ?? context.start;
  return [
    { ...base, type: 'INVITE', at: AT.invited, rules: DEFAULT_RULES, members: MEMBERS },
    { ...base, type: 'OPEN', at: context.start },
    {
      ...base,
      type: 'ADD_ITEM',
      at: context.openedAt ?? AT.lateAddition,
      itemId: `item-${context.agendaRevision}`,
      number: String(context.agendaRevision + 1),
      public: true,
      urgentReason: 'Förderfrist',
      rules: DEFAULT_RULES,
    },
    { ...base, type: 'UPDATE_ITEM', at: AT.invited, itemId: 'item-0', title: 'Neuer Titel' },
    { ...base, type: 'REMOVE_ITEM', at: context.openedAt ?? AT.invited, itemId: 'item-0' },
    { ...base, type: 'SETTLE_ITEM', at: context.openedAt ?? AT.invited, itemId: 'item-0', paperId: 'paper-0', reason: 'zurückgezogen: erledigt', cause: 'withdrawn' },
    { ...base, type: 'RECORD_ATTENDANCE', at: sessionAt, present: 9, members: 15 },
    { ...base, type: 'RECORD_ITEM_RESULT', at: sessionAt, itemId: 'item-0', result: 'recommended', present: 9, members: 15, rules: DEFAULT_RULES },
    { ...base, type: 'ESTABLISH_NO_QUORUM', at: sessionAt, present: 5, members: 15, rules: DEFAULT_RULES },
    { ...base, type: 'CLOSE', at: sessionAt, openItems: 0 },
    { ...base, type: 'CANCEL', at: AT.invited, reason: 'Keine Beratungsgegenstände', members: MEMBERS },
    {
      ...base,
      type: 'RESCHEDULE',
      at: AT.invited,
      start: context.start === START ? OTHER_START : START,
      reason: 'Raum belegt',
      members: MEMBERS,
    },
    { ...base, type: 'DESIGNATE_SIGNATORIES', at: AT.invited, chairUserId: office.id, recorderUserId: recorder.id },
    { ...base, type: 'SIGN_MINUTES', at: AT.minutesSigned, as: 'chair' },
    { ...base, type: 'APPROVE_MINUTES', at: AT.minutesApproved, approvingMeetingId: 'meeting-awd-2021-09-28', agendaItemId: 'item-1' },
    { ...base, type: 'PROPOSE_AMENDMENT', at: context.openedAt ?? AT.invited, itemId: 'item-0', amendmentId: 'amendment-1' },
    { ...base, type: 'WITHDRAW_AMENDMENT', at: context.openedAt ?? AT.invited, itemId: 'item-0', amendmentId: 'amendment-1' },
    {
      ...base,
      type: 'RECORD_AMENDMENT_RESULT',
      at: sessionAt,
      itemId: 'item-0',
      amendmentId: 'amendment-1',
      result: 'adopted',
      present: 9,
      members: 15,
      rules: DEFAULT_RULES,
    },
  ];
}

/** Events for the traversal, by the committee office; one reschedule per path keeps it finite. */
function candidateEvents(snapshot: MeetingSnapshot): MeetingEvent[] {
  const events = sampleEvents(snapshot, office).filter((e) => e.type !== 'RESCHEDULE' || snapshot.context.reschedules.length === 0);
  return [...events, { type: 'SIGN_MINUTES', actor: recorder, at: AT.minutesSigned, as: 'recorder' }];
}

/**
 * What makes two snapshots behave differently: the state, whether the date was moved and
 * an invitation voided. The agenda revision and timestamps do not change what can happen
 * next, so targetless events are self-loops in the graph.
 */
function behaviour(snapshot: MeetingSnapshot): string {
  const c = snapshot.context;
  return JSON.stringify([snapshot.value, c.reschedules.length, c.voidedInvitations.length, !!c.signatories, Object.keys(c.minutesSignatures ?? {}).sort()]);
}

const PATHS: Path[] = getShortestPaths(meetingMachine, {
  input: INPUT,
  events: candidateEvents,
  serializeState: behaviour,
  limit: 10_000,
});

function eventsOf(path: Path): MeetingEvent[] {
  const [init, ...rest] = path.steps;
  if ((init?.event.type as string) !== 'xstate.init') throw new Error('a path starts at the initial snapshot');
  return rest.map((step) => step.event);
}

function shortestByState(): Map<MeetingStateKey, Path> {
  const best = new Map<MeetingStateKey, Path>();
  for (const path of PATHS) {
    const key = toMeetingStateKey(path.state.value);
    const known = best.get(key);
    if (!known || path.steps.length < known.steps.length) best.set(key, path);
  }
  return best;
}

const initial = (): MeetingSnapshot => initialTransition(meetingMachine, INPUT)[0];

describe('meetingMachine graph', () => {
  it('declares exactly the seven states, two of them final, and no root-level handlers', () => {
    const leaves = getStateNodes(meetingMachine.root).map((n) => n.path.join('.'));
    expect(new Set(leaves)).toEqual(new Set(MEETING_STATES));
    expect(meetingMachine.root.ownEvents).toEqual([]);
    expect(meetingMachine.root.states.minutesApproved.type).toBe('final');
    expect(meetingMachine.root.states.cancelled.type).toBe('final');
    for (const key of ['planned', 'invited', 'inSession', 'held', 'minutesSigned'] as const) {
      expect(meetingMachine.root.states[key].type).toBe('atomic');
    }
  });

  it('reaches all seven states', () => {
    const reached = new Set(PATHS.map((p) => toMeetingStateKey(p.state.value)));
    expect([...reached].sort()).toEqual([...MEETING_STATES].sort());
  });

  it('finds the expected shortest route to each state', () => {
    const best = shortestByState();
    const route = (key: MeetingStateKey) => eventsOf(best.get(key)!).map((e) => e.type);
    expect(route('planned')).toEqual([]);
    expect(route('invited')).toEqual(['INVITE']);
    expect(route('inSession')).toEqual(['INVITE', 'OPEN']);
    expect(route('held')).toEqual(['INVITE', 'OPEN', 'CLOSE']);
    // The designation may come at any point before the first signature; the signatures in either order.
    const signed = route('minutesSigned');
    expect(signed).toHaveLength(6);
    expect([...signed].sort()).toEqual(['CLOSE', 'DESIGNATE_SIGNATORIES', 'INVITE', 'OPEN', 'SIGN_MINUTES', 'SIGN_MINUTES']);
    expect(signed.slice(-2)).toEqual(['SIGN_MINUTES', 'SIGN_MINUTES']);
    expect(route('minutesApproved')).toEqual([...signed, 'APPROVE_MINUTES']);
    expect(route('cancelled')).toEqual(['CANCEL']);
  });

  it('also reaches the states after a reschedule, from planned and from invited', () => {
    const reachedVia = (from: MeetingStateKey) =>
      PATHS.some((p) => {
        const events = eventsOf(p);
        const i = events.findIndex((e) => e.type === 'RESCHEDULE');
        return i >= 0 && (from === 'invited') === events.slice(0, i).some((e) => e.type === 'INVITE');
      });
    expect(reachedVia('planned')).toBe(true);
    expect(reachedVia('invited')).toBe(true);
    const afterVoided = PATHS.filter((p) => p.state.context.voidedInvitations.length === 1).map((p) => toMeetingStateKey(p.state.value));
    expect(new Set(afterVoided)).toEqual(new Set(MEETING_STATES));
  });

  it('replays every path through transition(): each step accepted, changes the snapshot, ends where the graph says', () => {
    expect(PATHS.length).toBeGreaterThanOrEqual(12);
    for (const path of PATHS) {
      let snapshot = initial();
      for (const { event, state } of path.steps.slice(1)) {
        const label = `${event.type} in ${toMeetingStateKey(snapshot.value)}`;
        expect([label, snapshot.can(event)]).toEqual([label, true]);
        const [next] = transition(meetingMachine, snapshot, event);
        expect(next).not.toBe(snapshot);
        expect(next.context).not.toEqual(snapshot.context);
        expect(next.value).toEqual(state.value);
        snapshot = next;
      }
      expect(snapshot.value).toEqual(path.state.value);
      expect(snapshot.status).toBe(path.state.status);
      expect(behaviour(snapshot)).toBe(behaviour(path.state));
    }
  });

  it('notifies the members exactly on INVITE, and on CANCEL or RESCHEDULE after an invitation', () => {
    for (const path of PATHS) {
      let snapshot = initial();
      for (const event of eventsOf(path)) {
        const wasInvited = toMeetingStateKey(snapshot.value) === 'invited';
        const [next, actions] = transition(meetingMachine, snapshot, event);
        const expectedKind =
          event.type === 'INVITE'
            ? 'meetingInvitation'
            : wasInvited && event.type === 'CANCEL'
              ? 'meetingCancelled'
              : wasInvited && event.type === 'RESCHEDULE'
                ? 'meetingRescheduled'
                : undefined;
        expect(toMeetingEffects(actions)).toEqual(
          expectedKind ? MEMBERS.map(({ personId }) => ({ type: 'notify', params: { kind: expectedKind, personId } })) : [],
        );
        snapshot = next;
      }
    }
  });

  describe('state × event × role matrix', () => {
    const snapshots = PATHS.map((p) => p.state);

    it('takes exactly the events of the table from the committee office and admin, and changes the context', () => {
      for (const snapshot of snapshots) {
        const key = toMeetingStateKey(snapshot.value);
        for (const by of [office, admin]) {
          for (const event of sampleEvents(snapshot, by)) {
            const label = `${event.type} in ${key} by ${by.id}`;
            const expected = expectedEvents(snapshot, by).includes(event.type);
            expect([label, snapshot.can(event)]).toEqual([label, expected]);
            const [next, actions] = transition(meetingMachine, snapshot, event);
            if (expected) {
              expect(next).not.toBe(snapshot);
              expect(next.context).not.toEqual(snapshot.context);
            } else {
              expect(next).toBe(snapshot);
              expect(actions).toEqual([]);
            }
          }
        }
      }
    });

    it('takes nothing from any other role but the clerk’s settling of a withdrawn paper’s item', () => {
      for (const snapshot of snapshots) {
        for (const role of OTHER_ROLES) {
          const by = actor(`user-${role}`, role);
          for (const event of sampleEvents(snapshot, by)) {
            const label = `${event.type} in ${toMeetingStateKey(snapshot.value)} by ${role}`;
            const expected = expectedEvents(snapshot, by).includes(event.type);
            expect([label, snapshot.can(event)]).toEqual([label, expected]);
            const [next, actions] = transition(meetingMachine, snapshot, event);
            if (expected) {
              expect(next).not.toBe(snapshot);
            } else {
              expect(next).toBe(snapshot);
              expect(actions).toEqual([]);
            }
          }
        }
      }
    });

    it('allowedMeetingEvents agrees with the table for every role', () => {
      for (const snapshot of snapshots) {
        const key = toMeetingStateKey(snapshot.value);
        const expected = (by: MeetingActor) =>
          MEETING_EVENT_TYPES.filter(
            (t) => EXPECTED_EVENTS[key].includes(t) && t !== 'SETTLE_ITEM' && (t !== 'SIGN_MINUTES' || expectedEvents(snapshot, by).includes(t)),
          );
        expect([key, allowedMeetingEvents(snapshot, office)]).toEqual([key, expected(office)]);
        expect([key, allowedMeetingEvents(snapshot, admin)]).toEqual([key, expected(admin)]);
        for (const role of OTHER_ROLES) {
          expect([key, role, allowedMeetingEvents(snapshot, actor(`user-${role}`, role))]).toEqual([key, role, []]);
        }
      }
    });

    it('a snapshot restored from its stored JSON accepts the same events', () => {
      for (const snapshot of snapshots) {
        const stored = JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context }));
        const restored = meetingMachine.resolveState(stored);
        expect(restored.status).toBe(snapshot.status);
        for (const event of sampleEvents(snapshot, office)) {
          expect([event.type, restored.can(event)]).toEqual([event.type, snapshot.can(event)]);
        }
      }
    });
  });
});
