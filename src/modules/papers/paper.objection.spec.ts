import { transition } from 'xstate';
import {
  contestProblems,
  implementationHold,
  lastDayOfWindow,
  mayAct,
  objectionRefusal,
  objectionWindowOpen,
  payloadProblems,
  redecisionDayProblem,
} from './paper.guards';
import { allowedEventTypes, paperMachine, toStateKey, type PaperSnapshot } from './paper.machine';
import type { PaperEvent, SignerProfile } from './paper.types';
import { ACTORS, AT, events, ORG } from '../../../test/fixtures/paper.fixtures';
import { drive, released } from '../../../test/fixtures/paper.drive';

const { clerk, kd, landrat, office, admin, fbl } = ACTORS;
const state = (s: PaperSnapshot) => toStateKey(s.value);

function expectRefused(snapshot: PaperSnapshot, event: PaperEvent): void {
  expect(snapshot.can(event)).toBe(false);
  const [next, actions] = transition(paperMachine, snapshot, event);
  expect(next).toBe(snapshot);
  expect(actions).toEqual([]);
}

/** 2021/119 on the Kreistag's agenda of 29.09.2021. */
function atKreistag(): PaperSnapshot {
  return drive(
    released().snapshot,
    events.schedule('2021-08-31', '2.a'),
    events.result('recommended'),
    events.schedule('2021-09-13', '5'),
    events.result('recommended'),
    events.schedule('2021-09-29', '11'),
  ).snapshot;
}

/** Adopted by the Kreistag on 29.09.2021, the Widerspruchsfrist ending with 02.10.2021 (as the service computes it). */
function adoptedByKreistag(): PaperSnapshot {
  return drive(atKreistag(), events.result('adopted', { objectionWindowEndsAt: AT.objectionWindowEnds }, office, AT.districtCouncil)).snapshot;
}

const DEPUTY: SignerProfile = { name: 'Butz', function: 'Kreisdirektor', coSignUnits: [], deputyFor: ['district_administrator'] };

describe('§ 39 Abs. 1 KrO NRW: Widerspruch des Landrats', () => {
  it('§ 39 Abs. 1 KrO NRW: an adoption records when the objection window ends; one without a window records none', () => {
    expect(adoptedByKreistag().context.objectionWindowEndsAt).toBe(AT.objectionWindowEnds);
    expect(lastDayOfWindow(AT.objectionWindowEnds)).toBe('02.10.2021');
    const noWindow = drive(atKreistag(), events.result('adopted')).snapshot;
    expect(state(noWindow)).toBe('adopted');
    expect(noWindow.context.objectionWindowEndsAt).toBeUndefined();
    expect(objectionRefusal(noWindow.context, AT.objected)?.code).toBe('PAPER.NO_OBJECTION_WINDOW');
    expectRefused(noWindow, events.object());
  });

  it('§ 39 Abs. 1 KrO NRW: the Landrat objects within the window; the paper goes back to deliberation with a new decisive consultation of the Kreistag', () => {
    const { snapshot, effects } = drive(adoptedByKreistag(), events.object());
    expect(state(snapshot)).toBe('deliberation.awaitingAgenda');
    const current = snapshot.context.consultations[snapshot.context.current];
    expect(current).toEqual({
      key: 'kt-2021-09-29-objection-1',
      organizationId: ORG.districtCouncil,
      organizationKind: 'district_council',
      role: 'decisive',
      reporter: 'Herr Haumann',
      origin: 'objection',
      redecision: { kind: 'objection', earliestDay: '2021-10-04', latestDay: '2021-10-29' },
    });
    // The decision taken stays on record as it was.
    expect(snapshot.context.consultations[snapshot.context.current - 1]).toMatchObject({ key: 'kt-2021-09-29', result: 'adopted' });
    expect(snapshot.context.objection).toEqual({
      reason: 'Der Beschluss gefährdet das Wohl des Kreises.',
      at: AT.objected,
      actorId: landrat.id,
      consultationKey: 'kt-2021-09-29',
      fromState: 'adopted',
      day: '2021-10-01',
      earliestSessionDay: '2021-10-04',
      latestSessionDay: '2021-10-29',
    });
    expect(effects).toEqual([{ type: 'notify', params: { kind: 'decisionChallenged', procedure: 'objection', reason: 'Der Beschluss gefährdet das Wohl des Kreises.' } }]);
  });

  it('§ 39 Abs. 1 KrO NRW: after the window has ended the objection is refused with a code naming the end', () => {
    const adopted = adoptedByKreistag();
    expect(objectionWindowOpen(adopted.context, '2021-10-02T21:59:59.000Z')).toBe(true);
    expect(objectionWindowOpen(adopted.context, AT.objectionWindowEnds)).toBe(false);
    expectRefused(adopted, events.object(undefined, landrat, AT.objectionWindowEnds));
    const refusal = objectionRefusal(adopted.context, AT.objectionWindowEnds)!;
    expect(refusal.code).toBe('PAPER.OBJECTION_WINDOW_CLOSED');
    expect(refusal.message).toContain('§ 39 Abs. 1 KrO NRW');
    expect(refusal.message).toContain('02.10.2021');
    expect(refusal.objectionWindowEndsAt).toBe(AT.objectionWindowEnds);
    // events/allowed runs the same rule with the time of asking.
    expect(allowedEventTypes(adopted, landrat, undefined, AT.objected)).toEqual(['OBJECT', 'CONTEST']);
    expect(allowedEventTypes(adopted, landrat, undefined, AT.objectionWindowEnds)).toEqual(['CONTEST']);
    // Nor is the procedure closed while a Widerspruch may still come.
    expect(allowedEventTypes(adopted, clerk, undefined, AT.objected)).toEqual(['START_IMPLEMENTATION']);
    expectRefused(adopted, events.close(0, clerk, AT.objected));
    expect(payloadProblems(adopted.context, events.close(0, clerk, AT.objected))).toEqual([
      'the objection window (§ 39 Abs. 1 KrO NRW) is open until the end of 02.10.2021',
    ]);
    expect(allowedEventTypes(adopted, clerk, undefined, AT.objectionWindowEnds)).toEqual(['START_IMPLEMENTATION', 'CLOSE']);
  });

  it('§ 39 Abs. 1 KrO NRW: only the Landrat objects, the Kreisdirektor only "i.V." as his named deputy, and a reason is required', () => {
    const adopted = adoptedByKreistag();
    for (const actor of [clerk, fbl, kd, office]) expectRefused(adopted, events.object(undefined, actor));
    expect(mayAct('OBJECT', kd, adopted.context, DEPUTY)).toBe(true);
    expect(mayAct('OBJECT', fbl, adopted.context, { ...DEPUTY })).toBe(false);
    const byDeputy = drive(adopted, { ...events.object(undefined, kd), signer: DEPUTY }).snapshot;
    expect(byDeputy.context.objection).toMatchObject({ actorId: kd.id, name: 'Butz', function: 'Kreisdirektor', deputy: true });
    expect(state(drive(adopted, events.object(undefined, admin)).snapshot)).toBe('deliberation.awaitingAgenda');
    expectRefused(adopted, events.object('   '));
    expect(payloadProblems(adopted.context, events.object('  '))).toEqual(['reason is required']);
  });

  it('§ 39 Abs. 1 KrO NRW: the new session lies between the third day and four weeks after the objection', () => {
    const objected = drive(adoptedByKreistag(), events.object()).snapshot;
    const current = objected.context.consultations[objected.context.current];
    expect(redecisionDayProblem(current, '2021-10-03')).toMatch(/between 2021-10-04 and 2021-10-29/);
    expect(redecisionDayProblem(current, '2021-10-30')).toMatch(/§ 39 Abs. 1 KrO NRW/);
    expect(redecisionDayProblem(current, '2021-10-04')).toBeUndefined();
    expect(redecisionDayProblem(current, '2021-10-29')).toBeUndefined();
    expectRefused(objected, events.schedule('2021-10-03', '4'));
    expectRefused(objected, events.schedule('2021-10-30', '4'));
    expect(state(drive(objected, events.schedule('2021-10-27', '4')).snapshot)).toBe('deliberation.scheduled');
  });

  it('§ 39 Abs. 1 KrO NRW: while the body decides again nothing else takes the decision: no urgent decision, no withdrawal, no referral, no task ahead of it', () => {
    const objected = drive(adoptedByKreistag(), events.object()).snapshot;
    expectRefused(objected, events.urgent());
    expectRefused(objected, events.withdraw());
    expectRefused(objected, events.prepareTask('Workshop'));
    const scheduled = drive(objected, events.schedule('2021-10-27', '4')).snapshot;
    expectRefused(scheduled, events.result('referred', { organizationId: ORG.finance, organizationKind: 'committee' }));
    expect(allowedEventTypes(scheduled, ACTORS.admin)).toEqual(['SCHEDULE', 'UNSCHEDULE', 'RECORD_RESULT']);
    // A postponement keeps it a new decision under § 39, with its bounds.
    const postponed = drive(scheduled, events.result('postponed')).snapshot;
    expect(postponed.context.consultations[postponed.context.current]).toMatchObject({
      origin: 'postponed',
      redecision: { kind: 'objection', earliestDay: '2021-10-04', latestDay: '2021-10-29' },
    });
    expectRefused(postponed, events.schedule('2021-11-03', '2'));
  });

  it('§ 39 Abs. 1 KrO NRW: the re-decision is final for the objection: a second one is refused as "weiterer Widerspruch unzulässig"; a Beanstandung stays possible', () => {
    const objected = drive(adoptedByKreistag(), events.object()).snapshot;
    const redecided = drive(
      objected,
      events.schedule('2021-10-27', '4'),
      events.result('adopted', { objectionWindowEndsAt: '2021-10-30T22:00:00.000Z' }, office, '2021-10-27T16:00:00.000Z'),
    ).snapshot;
    expect(state(redecided)).toBe('adopted');
    // No new window: the decision after a Widerspruch cannot be objected to again.
    expect(redecided.context.objectionWindowEndsAt).toBe(AT.objectionWindowEnds);
    expectRefused(redecided, events.object(undefined, landrat, '2021-10-28T09:00:00.000Z'));
    const refusal = objectionRefusal(redecided.context, '2021-10-28T09:00:00.000Z')!;
    expect(refusal.code).toBe('PAPER.OBJECTION_EXHAUSTED');
    expect(refusal.message).toMatch(/^weiterer Widerspruch unzulässig \(§ 39 Abs. 1 KrO NRW\)/);
    expect(allowedEventTypes(redecided, landrat, undefined, '2021-10-28T09:00:00.000Z')).toEqual(['CONTEST']);
    expect(state(drive(redecided, events.contest()).snapshot)).toBe('contested.awaitingAgenda');
  });

  it('§ 39 Abs. 1 KrO NRW: the body may also rescind the decision on the objection (rejected)', () => {
    const rejected = drive(adoptedByKreistag(), events.object(), events.schedule('2021-10-27', '4'), events.result('rejected')).snapshot;
    expect(state(rejected)).toBe('rejected');
    expect(rejected.status).toBe('done');
  });

  it('§ 39 Abs. 1 KrO NRW: a decision already carried out by tasks prepared before it resumes in inImplementation when taken again', () => {
    const prepared = drive(atKreistag(), events.prepareTask('Workshop am 30.08.2021')).snapshot;
    const adopted = drive(prepared, events.result('adopted', { objectionWindowEndsAt: AT.objectionWindowEnds }, office, AT.districtCouncil)).snapshot;
    expect(state(adopted)).toBe('inImplementation');
    const objected = drive(adopted, events.object()).snapshot;
    expect(objected.context.objection?.fromState).toBe('inImplementation');
    const again = drive(objected, events.schedule('2021-10-27', '4'), events.result('adopted')).snapshot;
    expect(state(again)).toBe('inImplementation');
  });
});

describe('§ 39 Abs. 2 KrO NRW: Beanstandung des Landrats', () => {
  const contested = () => drive(adoptedByKreistag(), events.contest()).snapshot;

  it('§ 39 Abs. 2 KrO NRW: CONTEST suspends the decision in contested; the body decides again in a new decisive consultation', () => {
    const { snapshot, effects } = drive(adoptedByKreistag(), events.contest());
    expect(state(snapshot)).toBe('contested.awaitingAgenda');
    expect(snapshot.context.consultations[snapshot.context.current]).toMatchObject({
      key: 'kt-2021-09-29-contest-1',
      role: 'decisive',
      origin: 'contest',
      redecision: { kind: 'contest' },
    });
    expect(snapshot.context.contest).toMatchObject({ reason: 'Der Beschluss verletzt das Vergaberecht.', consultationKey: 'kt-2021-09-29', fromState: 'adopted' });
    expect(effects).toEqual([{ type: 'notify', params: { kind: 'decisionChallenged', procedure: 'contest', reason: 'Der Beschluss verletzt das Vergaberecht.' } }]);
    // Also after the objection window, and during the implementation.
    const late = drive(adoptedByKreistag(), events.startImplementation(), events.contest(undefined, landrat, '2021-11-15T09:00:00.000Z')).snapshot;
    expect(late.context.contest?.fromState).toBe('inImplementation');
    expect(allowedEventTypes(snapshot, admin)).toEqual(['SCHEDULE']);
    for (const actor of [clerk, kd, office]) expectRefused(adoptedByKreistag(), events.contest(undefined, actor));
    expectRefused(adoptedByKreistag(), events.contest('  '));
  });

  it('§ 39 Abs. 2 KrO NRW: contested once; an urgent decision approved by the Kreistag is not contested here', () => {
    const kept = drive(contested(), events.schedule('2021-11-10', '3'), events.result('adopted'), events.supervisory(true)).snapshot;
    expect(contestProblems(kept.context)).toEqual(['the decision was contested already (§ 39 Abs. 2 KrO NRW)']);
    expectRefused(kept, events.contest());
    const urgent = drive(released().snapshot, events.urgent(), events.approveUrgent()).snapshot;
    expect(state(urgent)).toBe('adopted');
    expectRefused(urgent, events.contest());
    expectRefused(urgent, events.object());
  });

  it('§ 39 Abs. 2 KrO NRW: the body rescinds (rejected) or changes (amended) the decision, and the procedure follows it', () => {
    const scheduled = drive(contested(), events.schedule('2021-11-10', '3')).snapshot;
    expect(state(drive(scheduled, events.result('rejected')).snapshot)).toBe('rejected');
    const amended = drive(scheduled, events.result('adopted_amended', { text: 'Geänderter, rechtmäßiger Beschluss', objectionWindowEndsAt: '2021-11-13T23:00:00.000Z' })).snapshot;
    expect(state(amended)).toBe('adopted');
    expect(amended.context.decisionTexts.at(-1)).toMatchObject({ text: 'Geänderter, rechtmäßiger Beschluss', source: 'amendment' });
    // A changed decision is a new decision: its own Widerspruchsfrist.
    expect(amended.context.objectionWindowEndsAt).toBe('2021-11-13T23:00:00.000Z');
    expectRefused(scheduled, events.result('referred', { organizationId: ORG.finance, organizationKind: 'committee' }));
    const postponed = drive(scheduled, events.result('postponed')).snapshot;
    expect(state(postponed)).toBe('contested.awaitingAgenda');
  });

  it('§ 39 Abs. 2 KrO NRW: the body keeps its decision: awaitingSupervision, the Landrat is told to obtain the authority’s decision', () => {
    const { snapshot, effects } = drive(contested(), events.schedule('2021-11-10', '3'), events.result('adopted'));
    expect(state(snapshot)).toBe('awaitingSupervision');
    expect(effects.at(-1)).toEqual({ type: 'notify', params: { kind: 'supervisionRequired' } });
    expect(allowedEventTypes(snapshot, office)).toEqual(['SUPERVISORY_DECISION']);
    expect(allowedEventTypes(snapshot, landrat)).toEqual([]);
    expectRefused(snapshot, events.supervisory(true, clerk));
    expectRefused(snapshot, { ...events.supervisory(true), authority: ' ' });
    expectRefused(snapshot, { ...events.supervisory(true), decidedOn: '2022-02-30' });
    expectRefused(snapshot, events.startImplementation());
    expectRefused(snapshot, events.close(0));
  });

  it('§ 39 Abs. 2 KrO NRW: upheld by the Aufsichtsbehörde the decision stands (adopted, or inImplementation where it was carried out)', () => {
    const upheld = drive(contested(), events.schedule('2021-11-10', '3'), events.result('adopted'), events.supervisory(true)).snapshot;
    expect(state(upheld)).toBe('adopted');
    expect(upheld.context.supervisoryDecision).toEqual({
      upheld: true,
      authority: 'Bezirksregierung Münster',
      authorityReference: '31.1-RE-2021-17',
      decidedOn: '2022-01-20',
      at: AT.closed,
      actorId: office.id,
    });
    const implementing = drive(adoptedByKreistag(), events.startImplementation(), events.contest(), events.schedule('2021-11-10', '3'), events.result('adopted'), events.supervisory(true)).snapshot;
    expect(state(implementing)).toBe('inImplementation');
  });

  it('§ 39 Abs. 2 KrO NRW: not upheld, the decision is annulled: final, nothing can be done', () => {
    const annulled = drive(contested(), events.schedule('2021-11-10', '3'), events.result('adopted'), events.supervisory(false)).snapshot;
    expect(state(annulled)).toBe('annulled');
    expect(annulled.status).toBe('done');
    expect(annulled.context.supervisoryDecision?.upheld).toBe(false);
    for (const actor of [admin, clerk, landrat, office]) expect(allowedEventTypes(annulled, actor)).toEqual([]);
    for (const event of [events.startImplementation(), events.close(0), events.contest(), events.object(), events.supervisory(true)]) expectRefused(annulled, event);
  });
});

describe('implementationHold: what § 39 KrO NRW holds back from the tasks', () => {
  it('§ 39 Abs. 1 KrO NRW: the open window, then nothing; § 39 Abs. 1 and 2: suspended while objected, contested or awaiting supervision; annulled', () => {
    const adopted = adoptedByKreistag();
    expect(implementationHold('adopted', adopted.context, AT.objected)).toEqual({ kind: 'windowOpen', endsAt: AT.objectionWindowEnds });
    expect(implementationHold('adopted', adopted.context, AT.objectionWindowEnds)).toBeUndefined();
    const objected = drive(adopted, events.object()).snapshot;
    expect(implementationHold(state(objected), objected.context, AT.implementation)).toEqual({ kind: 'suspended', procedure: 'objection', since: AT.objected });
    const contested = drive(adopted, events.contest()).snapshot;
    expect(implementationHold(state(contested), contested.context, AT.implementation)).toMatchObject({ kind: 'suspended', procedure: 'contest' });
    const waiting = drive(contested, events.schedule('2021-11-10', '3'), events.result('adopted')).snapshot;
    expect(implementationHold(state(waiting), waiting.context, AT.implementation)).toMatchObject({ kind: 'suspended', procedure: 'supervision' });
    const annulled = drive(waiting, events.supervisory(false)).snapshot;
    expect(implementationHold(state(annulled), annulled.context, AT.implementation)).toEqual({ kind: 'annulled', decidedOn: '2022-01-20' });
    const upheld = drive(waiting, events.supervisory(true)).snapshot;
    expect(implementationHold(state(upheld), upheld.context, AT.closed)).toBeUndefined();
  });

  it('§ 50 Abs. 3 KrO NRW: an urgent decision is not subject to the window', () => {
    const urgent = drive(released().snapshot, events.urgent()).snapshot;
    expect(implementationHold(state(urgent), urgent.context, AT.any)).toBeUndefined();
    const approved = drive(urgent, events.approveUrgent()).snapshot;
    expect(implementationHold(state(approved), approved.context, AT.any)).toBeUndefined();
  });
});
