/**
 * Model-based tests: walk the machine with `xstate/graph` from every kind of paper, reach
 * every state by its shortest path, replay each path through the pure `transition()`, and
 * check a state × event × role matrix against a table written from the specification
 * (not from the machine), so a transition added or lost in the machine shows up here.
 */
import { initialTransition, transition } from 'xstate';
import { getShortestPaths, getStateNodes, type StatePath } from 'xstate/graph';
import type { Role } from '../identity/role';
import { ROLES } from '../identity/role';
import { currentConsultation, DEFAULT_SIGN_OFF_STEPS, nextSignOffRole } from './paper.guards';
import { allowedEventTypes, paperMachine, toStateKey, type PaperSnapshot } from './paper.machine';
import {
  CONSULTATION_RESULTS,
  PAPER_EVENT_TYPES,
  PAPER_STATES,
  PAPER_TYPES,
  type PaperActor,
  type PaperEvent,
  type PaperEventType,
  type PaperStateKey,
  type PaperType,
} from './paper.types';
import { ACTORS, AT, events, ORG, ROLE_ACTORS, submissionFor } from '../../../test/fixtures/paper.fixtures';

type Path = StatePath<PaperSnapshot, PaperEvent>;

/** Which events each state takes, straight from CONTRACT.md and the brief. */
const EXPECTED_EVENTS: Record<PaperStateKey, readonly PaperEventType[]> = {
  draft: ['SUBMIT', 'REGISTER', 'WITHDRAW'],
  signOff: ['SIGN', 'REJECT_SIGNOFF', 'WITHDRAW'],
  'deliberation.awaitingAgenda': ['SCHEDULE', 'URGENT_DECISION', 'WITHDRAW', 'PREPARE_TASK', 'ANSWER'],
  'deliberation.scheduled': ['SCHEDULE', 'UNSCHEDULE', 'RECORD_RESULT', 'URGENT_DECISION', 'WITHDRAW', 'PREPARE_TASK', 'ANSWER'],
  // Tasks may start under an urgent decision (once: the first task records it).
  urgentlyDecided: ['APPROVE_URGENT_DECISION', 'OVERTURN_URGENT_DECISION', 'START_IMPLEMENTATION'],
  // § 39 KrO NRW: the Landrat objects (Abs. 1) or contests (Abs. 2) a decision taken.
  adopted: ['START_IMPLEMENTATION', 'CLOSE', 'OBJECT', 'CONTEST'],
  inImplementation: ['CLOSE', 'OBJECT', 'CONTEST'],
  'contested.awaitingAgenda': ['SCHEDULE'],
  'contested.scheduled': ['SCHEDULE', 'UNSCHEDULE', 'RECORD_RESULT'],
  awaitingSupervision: ['SUPERVISORY_DECISION'],
  closed: [],
  rejected: [],
  overturned: [],
  annulled: [],
  withdrawn: [],
  noted: [],
};

function expectedEvents(snapshot: PaperSnapshot): PaperEventType[] {
  const { context } = snapshot;
  const asksForDecision = context.paperType === 'Beschlussvorlage' || context.paperType === 'Antrag';
  const started = context.urgentDecision?.implementationStartedAt !== undefined;
  const motion = context.paperType === 'Antrag' || context.paperType === 'Anfrage';
  const current = context.consultations[context.current];
  // The body decides again under § 39 KrO NRW: only it, in session.
  const redeciding = current !== undefined && current.result === undefined && current.redecision !== undefined;
  // A decision of a body (not an urgent one) that § 39 KrO NRW lets the Landrat challenge.
  const decidedByBody = current?.role === 'decisive' && (current.result === 'adopted' || current.result === 'adopted_amended');
  return EXPECTED_EVENTS[toStateKey(snapshot.value)].filter((t) => {
    // An urgent decision and a task ahead of the decision both need a decision owed.
    if (t === 'URGENT_DECISION' || t === 'PREPARE_TASK') return asksForDecision && !redeciding;
    if (t === 'WITHDRAW') return !redeciding;
    if (t === 'START_IMPLEMENTATION') return !started;
    // Within the window, once; the re-decision after it is final for § 39 Abs. 1.
    if (t === 'OBJECT') return decidedByBody && context.objectionWindowEndsAt !== undefined && context.objection === undefined;
    if (t === 'CONTEST') return decidedByBody && context.contest === undefined;
    // Only Anträge and Anfragen are registered as received; only an Anfrage is answered.
    if (t === 'REGISTER') return motion;
    if (t === 'ANSWER') return context.paperType === 'Anfrage';
    return true;
  });
}

/** The one role (besides admin) that may send each event, from the brief. */
function expectedRole(type: PaperEventType, snapshot: PaperSnapshot): Role | undefined {
  switch (type) {
    case 'REGISTER':
      return 'committee_office';
    case 'WITHDRAW':
      // A registered Antrag is withdrawn through the committee office.
      return snapshot.context.motion ? 'committee_office' : 'clerk';
    case 'ANSWER':
      return 'committee_office';
    case 'SUBMIT':
    case 'START_IMPLEMENTATION':
    case 'CLOSE':
    case 'PREPARE_TASK':
      return 'clerk';
    case 'SIGN':
    case 'REJECT_SIGNOFF':
      return snapshot.context.signOffSteps[snapshot.context.signatures.length];
    case 'SCHEDULE':
    case 'UNSCHEDULE':
    case 'RECORD_RESULT':
    case 'APPROVE_URGENT_DECISION':
    case 'OVERTURN_URGENT_DECISION':
      return 'committee_office';
    case 'URGENT_DECISION':
    case 'OBJECT':
    case 'CONTEST':
      return 'district_administrator';
    case 'SUPERVISORY_DECISION':
      return 'committee_office';
  }
}

/** Every well-formed variant of each event, sent by `actorFor(type)`. */
function sampleEvents(snapshot: PaperSnapshot, actorFor: (type: PaperEventType) => PaperActor): PaperEvent[] {
  const by = actorFor;
  // A referral to a committee (it advises) and one to the Kreistag (competent: it decides).
  const referralToCouncil = events.result('referred', { organizationId: ORG.districtCouncil, organizationKind: 'district_council' }, by('RECORD_RESULT'));
  // Adoptions carry the Widerspruchsfrist as the service computes it for the Kreistag
  // (§ 39 Abs. 1 KrO NRW); an adoption without one is the unit spec's (paper.objection.spec.ts).
  const window = { objectionWindowEndsAt: AT.objectionWindowEnds };
  const results = CONSULTATION_RESULTS.map((result) =>
    events.result(
      result,
      result === 'adopted_amended'
        ? { text: 'Geänderter Beschluss', ...window }
        : result === 'referred'
          ? { organizationId: ORG.finance, organizationKind: 'committee' }
          : result === 'adopted'
            ? window
            : {},
      by('RECORD_RESULT'),
    ),
  );
  return [
    events.submit(submissionFor(snapshot.context.paperType), by('SUBMIT')),
    events.sign(by('SIGN')),
    events.rejectSignOff(by('REJECT_SIGNOFF')),
    events.schedule('2021-09-01', '1', undefined, by('SCHEDULE')),
    // A session within the bounds of a new decision after a Widerspruch (§ 39 Abs. 1 KrO NRW).
    events.schedule('2021-10-27', '1', undefined, by('SCHEDULE')),
    events.unschedule(by('UNSCHEDULE')),
    ...results,
    referralToCouncil,
    events.urgent({}, by('URGENT_DECISION')),
    events.urgent({ form: 'circulation' }, by('URGENT_DECISION')),
    events.urgent({ decidedBy: 'district_administrator_with_member', memberPersonId: 'person-ka-1', memberName: 'Frau Muster' }, by('URGENT_DECISION')),
    events.approveUrgent(by('APPROVE_URGENT_DECISION')),
    events.overturnUrgent(false, by('OVERTURN_URGENT_DECISION')),
    events.overturnUrgent(true, by('OVERTURN_URGENT_DECISION')),
    events.withdraw('Grund', by('WITHDRAW')),
    events.startImplementation(by('START_IMPLEMENTATION')),
    events.close(0, by('CLOSE')),
    events.prepareTask('Workshop am 30.08.2021', by('PREPARE_TASK')),
    events.register(submissionFor(snapshot.context.paperType), by('REGISTER')),
    events.answer('answer-1', by('ANSWER')),
    events.object(undefined, by('OBJECT')),
    events.contest(undefined, by('CONTEST')),
    events.supervisory(true, by('SUPERVISORY_DECISION')),
    events.supervisory(false, by('SUPERVISORY_DECISION')),
  ];
}

function rightActor(snapshot: PaperSnapshot): (type: PaperEventType) => PaperActor {
  return (type) => {
    const role = expectedRole(type, snapshot);
    return role ? ROLE_ACTORS[role] : ACTORS.admin;
  };
}

/**
 * Events for the traversal, sent by the right role. Kept finite: one sign-off rejection
 * and one postponement or referral per path, a Widerspruch or Beanstandung only on a path
 * without either; everything else leads forward.
 */
function candidateEvents(snapshot: PaperSnapshot): PaperEvent[] {
  const { context } = snapshot;
  const grown = context.consultations.some((c) => c.origin !== 'planned');
  return sampleEvents(snapshot, rightActor(snapshot)).filter((e) => {
    if (e.type === 'REJECT_SIGNOFF') return context.signOffRejections.length === 0;
    if (e.type === 'RECORD_RESULT' && (e.result === 'postponed' || e.result === 'referred')) return !grown;
    // § 39 KrO NRW is walked on the planned Beratungsfolge (a postponed or referred one adds nothing to it).
    if (e.type === 'OBJECT' || e.type === 'CONTEST') return !grown;
    return true;
  });
}

/**
 * What makes two snapshots behave differently: the state, how far sign-off got, whether a
 * rejection was used up, and the shape of the Beratungsfolge (role, origin, decided or not,
 * which one is current). Timestamps, texts and which of two equivalent results was recorded
 * do not change what can happen next, so they are left out to keep the graph small.
 */
function behaviour(snapshot: PaperSnapshot): string {
  const c = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    c.signatures.length,
    c.signOffRejections.length,
    c.current,
    c.consultations.map((k) => [k.role, k.origin, k.result !== undefined, k.redecision?.kind]),
    c.urgentDecision?.implementationStartedAt !== undefined,
    c.objectionWindowEndsAt !== undefined,
    c.objection?.fromState,
    c.contest?.fromState,
    c.supervisoryDecision?.upheld,
  ]);
}

function pathsFor(paperType: PaperType): Path[] {
  return getShortestPaths(paperMachine, {
    input: { paperType },
    events: candidateEvents,
    serializeState: behaviour,
    // A safety net: should the walk stop being finite, it fails instead of hanging.
    limit: 500_000,
  });
}

const PATHS: Record<PaperType, Path[]> = Object.fromEntries(PAPER_TYPES.map((t) => [t, pathsFor(t)])) as Record<
  PaperType,
  Path[]
>;

function shortestByState(paths: Path[]): Map<PaperStateKey, Path> {
  const best = new Map<PaperStateKey, Path>();
  for (const path of paths) {
    const key = toStateKey(path.state.value);
    const known = best.get(key);
    if (!known || path.steps.length < known.steps.length) best.set(key, path);
  }
  return best;
}

/** A path's events: its first step is the initial snapshot, labelled `xstate.init`. */
function eventsOf(path: Path): PaperEvent[] {
  const [init, ...rest] = path.steps;
  if ((init?.event.type as string) !== 'xstate.init') throw new Error('a path starts at the initial snapshot');
  return rest.map((step) => step.event);
}

function routeOf(path: Path): PaperEventType[] {
  return eventsOf(path).map((e) => e.type);
}

/** Replays a path as the workflow service would, checking every step against the graph. */
function replay(path: Path, paperType: PaperType): PaperSnapshot {
  let [snapshot] = initialTransition(paperMachine, { paperType });
  path.steps.slice(1).forEach(({ event, state }) => {
    if (!snapshot.can(event)) throw new Error(`${event.type} refused in ${toStateKey(snapshot.value)}`);
    [snapshot] = transition(paperMachine, snapshot, event);
    expect(snapshot.value).toEqual(state.value);
  });
  return snapshot;
}

describe('paperMachine graph', () => {
  it('declares exactly the states of the contract and no root-level handlers', () => {
    const leaves = getStateNodes(paperMachine.root)
      .filter((n) => n.type === 'atomic' || n.type === 'final')
      .map((n) => n.path.join('.'));
    expect(new Set(leaves)).toEqual(new Set(PAPER_STATES));
    expect(paperMachine.root.ownEvents).toEqual([]);
    for (const final of ['closed', 'rejected', 'overturned', 'annulled', 'withdrawn', 'noted']) {
      expect(paperMachine.root.states[final].type).toBe('final');
    }
  });

  it('reaches every state, top-level and inside deliberation, from some kind of paper', () => {
    const reached = new Set(PAPER_TYPES.flatMap((t) => PATHS[t].map((p) => toStateKey(p.state.value))));
    expect([...reached].sort()).toEqual([...PAPER_STATES].sort());
  });

  it.each([
    ['Beschlussvorlage', PAPER_STATES.filter((s) => s !== 'noted')],
    ['Antrag', PAPER_STATES.filter((s) => s !== 'noted')],
    ['Mitteilungsvorlage', ['draft', 'signOff', 'deliberation.awaitingAgenda', 'deliberation.scheduled', 'withdrawn', 'noted']],
    ['Anfrage', ['draft', 'signOff', 'deliberation.awaitingAgenda', 'deliberation.scheduled', 'withdrawn', 'noted']],
  ] as const)('a %s reaches exactly the states its kind allows', (paperType, expected) => {
    const reached = new Set(PATHS[paperType].map((p) => toStateKey(p.state.value)));
    expect([...reached].sort()).toEqual([...expected].sort());
  });

  it('finds the expected shortest route to each state of a Beschlussvorlage', () => {
    const best = shortestByState(PATHS.Beschlussvorlage);
    const route = (key: PaperStateKey) => routeOf(best.get(key)!);
    const release = ['SUBMIT', 'SIGN', 'SIGN', 'SIGN'];
    expect(route('draft')).toEqual([]);
    expect(route('signOff')).toEqual(['SUBMIT']);
    expect(route('withdrawn')).toEqual(['WITHDRAW']);
    expect(route('deliberation.awaitingAgenda')).toEqual(release);
    expect(route('deliberation.scheduled')).toEqual([...release, 'SCHEDULE']);
    expect(route('urgentlyDecided')).toEqual([...release, 'URGENT_DECISION']);
    // The urgent decision is the shortcut to a decision, as the law intends for emergencies.
    expect(route('adopted')).toEqual([...release, 'URGENT_DECISION', 'APPROVE_URGENT_DECISION']);
    // Overturning an urgent decision is its own end, not a rejection; the shortest rejection
    // is the committee referring straight to the Kreistag, which is then decisive.
    expect(route('overturned')).toEqual([...release, 'URGENT_DECISION', 'OVERTURN_URGENT_DECISION']);
    expect(route('rejected')).toEqual([...release, 'SCHEDULE', 'RECORD_RESULT', 'SCHEDULE', 'RECORD_RESULT']);
    const rejected = eventsOf(best.get('rejected')!).filter((e) => e.type === 'RECORD_RESULT');
    expect(rejected.map((e) => e.type === 'RECORD_RESULT' && [e.result, e.organizationId])).toEqual([
      ['referred', ORG.districtCouncil],
      ['rejected', undefined],
    ]);
    expect(route('inImplementation')).toEqual([...release, 'URGENT_DECISION', 'APPROVE_URGENT_DECISION', 'START_IMPLEMENTATION']);
    expect(route('closed')).toEqual([...release, 'URGENT_DECISION', 'APPROVE_URGENT_DECISION', 'CLOSE']);
    // § 39 Abs. 2 KrO NRW: a decision of the Kreistag (after the committee and the Kreisausschuss)
    // contested, kept, and decided by the Aufsichtsbehörde.
    const decided = [...release, 'SCHEDULE', 'RECORD_RESULT', 'SCHEDULE', 'RECORD_RESULT', 'SCHEDULE', 'RECORD_RESULT'];
    expect(route('contested.awaitingAgenda')).toEqual([...decided, 'CONTEST']);
    expect(route('contested.scheduled')).toEqual([...decided, 'CONTEST', 'SCHEDULE']);
    expect(route('awaitingSupervision')).toEqual([...decided, 'CONTEST', 'SCHEDULE', 'RECORD_RESULT']);
    expect(route('annulled')).toEqual([...decided, 'CONTEST', 'SCHEDULE', 'RECORD_RESULT', 'SUPERVISORY_DECISION']);
  });

  it('§ 39 KrO NRW: reaches deliberation again by a Widerspruch, and adopted again by the decision after it and by the Aufsichtsbehörde', () => {
    const via = (target: PaperStateKey, type: PaperEventType, check: (e: PaperEvent) => boolean = () => true) =>
      PATHS.Beschlussvorlage.some((p) => toStateKey(p.state.value) === target && eventsOf(p).some((e) => e.type === type && check(e)));
    expect(via('deliberation.awaitingAgenda', 'OBJECT')).toBe(true);
    expect(via('deliberation.scheduled', 'OBJECT')).toBe(true);
    expect(via('adopted', 'OBJECT')).toBe(true);
    expect(via('inImplementation', 'OBJECT')).toBe(true);
    expect(via('rejected', 'OBJECT')).toBe(true);
    expect(via('adopted', 'SUPERVISORY_DECISION', (e) => e.type === 'SUPERVISORY_DECISION' && e.upheld)).toBe(true);
    expect(via('inImplementation', 'CONTEST')).toBe(true);
    expect(via('rejected', 'CONTEST')).toBe(true);
  });

  it('finds the route to noted through every body of a Mitteilungsvorlage', () => {
    const best = shortestByState(PATHS.Mitteilungsvorlage);
    expect(routeOf(best.get('noted')!)).toEqual([
      'SUBMIT',
      'SIGN',
      'SIGN',
      'SIGN',
      'SCHEDULE',
      'RECORD_RESULT',
      'SCHEDULE',
      'RECORD_RESULT',
    ]);
  });

  it('reaches adopted and rejected through deliberation too, not only by urgent decision', () => {
    const decidedBy = (target: PaperStateKey, result: string) =>
      PATHS.Beschlussvorlage.some(
        (p) =>
          toStateKey(p.state.value) === target &&
          eventsOf(p).some((e) => e.type === 'RECORD_RESULT' && e.result === result),
      );
    expect(decidedBy('adopted', 'adopted')).toBe(true);
    expect(decidedBy('rejected', 'rejected')).toBe(true);
    expect(decidedBy('deliberation.awaitingAgenda', 'postponed')).toBe(true);
    expect(decidedBy('deliberation.awaitingAgenda', 'referred')).toBe(true);
  });

  describe.each(PAPER_TYPES)('%s: every path replays through transition()', (paperType) => {
    it('ends in the state the graph says, with a context of the same shape', () => {
      expect(PATHS[paperType].length).toBeGreaterThan(10);
      for (const path of PATHS[paperType]) {
        const end = replay(path, paperType);
        expect(end.value).toEqual(path.state.value);
        expect(end.status).toBe(path.state.status);
        // The graph keeps one snapshot per behaviour class; timestamps or texts may differ.
        expect(behaviour(end)).toBe(behaviour(path.state));
      }
    });
  });

  describe.each(PAPER_TYPES)('%s: state × event × role matrix', (paperType) => {
    const snapshots = PATHS[paperType].map((p) => p.state);

    it('refuses every event a state does not take, even from admin, and changes nothing', () => {
      for (const snapshot of snapshots) {
        const expected = expectedEvents(snapshot);
        for (const event of sampleEvents(snapshot, () => ACTORS.admin)) {
          if (expected.includes(event.type)) continue;
          const label = `${event.type} in ${toStateKey(snapshot.value)}`;
          expect([label, snapshot.can(event)]).toEqual([label, false]);
          const [next, actions] = transition(paperMachine, snapshot, event);
          expect(next).toBe(snapshot);
          expect(actions).toEqual([]);
        }
      }
    });

    it('takes every event a state takes, from admin and from the one right role only', () => {
      for (const snapshot of snapshots) {
        const state = toStateKey(snapshot.value);
        for (const type of expectedEvents(snapshot)) {
          const label = `${type} in ${state}`;
          const byAdmin = sampleEvents(snapshot, () => ACTORS.admin).filter((e) => e.type === type);
          expect([label, byAdmin.some((e) => snapshot.can(e))]).toEqual([label, true]);

          const right = expectedRole(type, snapshot);
          for (const role of ROLES.filter((r) => r !== 'admin')) {
            const sent = sampleEvents(snapshot, () => ROLE_ACTORS[role]).filter((e) => e.type === type);
            const roleLabel = `${label} by ${role}`;
            expect([roleLabel, sent.some((e) => snapshot.can(e))]).toEqual([roleLabel, role === right]);
          }
        }
      }
    });

    it('allowedEventTypes agrees with the matrix for every role', () => {
      for (const snapshot of snapshots) {
        const expected = expectedEvents(snapshot);
        const label = toStateKey(snapshot.value);
        expect([label, allowedEventTypes(snapshot, ACTORS.admin)]).toEqual([
          label,
          PAPER_EVENT_TYPES.filter((t) => expected.includes(t)),
        ]);
        for (const role of ROLES.filter((r) => r !== 'admin')) {
          expect([label, role, allowedEventTypes(snapshot, ROLE_ACTORS[role])]).toEqual([
            label,
            role,
            PAPER_EVENT_TYPES.filter((t) => expected.includes(t) && expectedRole(t, snapshot) === role),
          ]);
        }
      }
    });
  });

  it('the walk keeps history append-only: a decided consultation never changes on a later step', () => {
    for (const path of PATHS.Beschlussvorlage) {
      let [previous] = initialTransition(paperMachine, { paperType: 'Beschlussvorlage' });
      for (const event of eventsOf(path)) {
        const [next] = transition(paperMachine, previous, event);
        for (const decided of previous.context.consultations.filter((c) => c.result !== undefined)) {
          expect(next.context.consultations.find((c) => c.key === decided.key)).toEqual(decided);
        }
        // The current consultation is always undecided while deliberation goes on.
        if (toStateKey(next.value).startsWith('deliberation.') || toStateKey(next.value).startsWith('contested.')) {
          expect(currentConsultation(next.context)?.result).toBeUndefined();
        }
        expect(new Set(next.context.consultations.map((c) => c.key)).size).toBe(next.context.consultations.length);
        previous = next;
      }
    }
  });

  it('signs off in order on every path', () => {
    for (const path of PATHS.Beschlussvorlage) {
      let [snapshot] = initialTransition(paperMachine, { paperType: 'Beschlussvorlage' });
      const signers: Role[] = [];
      for (const event of eventsOf(path)) {
        if (event.type === 'SIGN') {
          expect(event.actor.roles).toEqual([nextSignOffRole(snapshot.context)]);
          signers.push(event.actor.roles[0]);
        }
        if (event.type === 'SUBMIT') signers.length = 0;
        if (event.type === 'REJECT_SIGNOFF') signers.length = 0;
        [snapshot] = transition(paperMachine, snapshot, event);
      }
      expect(DEFAULT_SIGN_OFF_STEPS.slice(0, signers.length)).toEqual(signers);
    }
  });
});
