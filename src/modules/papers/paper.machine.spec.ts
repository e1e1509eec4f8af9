import { transition } from 'xstate';
import {
  allowedEventTypes,
  fromStateKey,
  insertedConsultationKey,
  paperMachine,
  PAPER_MACHINE_VERSION,
  toStateKey,
  type PaperSnapshot,
} from './paper.machine';
import type { PaperEvent, PaperSubmission } from './paper.types';
import { ACTORS, AT, events, NOTICE_PAPER, ORG, VORLAGE_2021_119 } from '../../../test/fixtures/paper.fixtures';
import { drive, released, start } from '../../../test/fixtures/paper.drive';
import { toPaperEffects } from './paper-workflow.definition';

const { clerk, fbl, kd, landrat, office, auditor, admin } = ACTORS;

/** A refused event changes nothing and emits nothing, exactly as the service relies on. */
function expectRefused(snapshot: PaperSnapshot, event: PaperEvent): void {
  expect(snapshot.can(event)).toBe(false);
  const [next, actions] = transition(paperMachine, snapshot, event);
  expect(next).toBe(snapshot);
  expect(actions).toEqual([]);
}

function state(snapshot: PaperSnapshot): string {
  return toStateKey(snapshot.value);
}

/** Released, then the current consultation put on an agenda. */
function scheduledAt(consultationDate: string, top: string, from: PaperSnapshot): PaperSnapshot {
  return drive(from, events.schedule(consultationDate, top)).snapshot;
}

/** 2021/119 with the committee and the Kreisausschuss done: the Kreistag is on the agenda. */
function atDistrictCouncil(): PaperSnapshot {
  const r = drive(
    released().snapshot,
    events.schedule('2021-08-31', '2.a'),
    events.result('recommended'),
    events.schedule('2021-09-13', '5'),
    events.result('recommended'),
    events.schedule('2021-09-29', '11'),
  );
  return r.snapshot;
}

describe('paperMachine', () => {
  it('is version 1 with id paper', () => {
    expect(PAPER_MACHINE_VERSION).toBe(1);
    expect(paperMachine.id).toBe('paper');
  });

  describe('initial snapshot', () => {
    it('starts in draft with the default sign-off chain and nothing recorded', () => {
      const s = start();
      expect(state(s)).toBe('draft');
      expect(s.context).toEqual({
        paperType: 'Beschlussvorlage',
        signOffSteps: ['department_head', 'district_director', 'district_administrator'],
        signatures: [],
        coSignUnits: [],
        coSignatures: [],
        signOffRejections: [],
        consultations: [],
        current: -1,
        decisionTexts: [],
      });
    });

    it('takes the sign-off chain from the input, since it is data per body', () => {
      expect(start({ paperType: 'Antrag', signOffSteps: ['department_head'] }).context.signOffSteps).toEqual([
        'department_head',
      ]);
    });
  });

  describe('SUBMIT', () => {
    it('moves a complete paper to sign-off, copies the consultations and records proposal version 1', () => {
      const { snapshot, effects } = drive(start(), events.submit());
      expect(state(snapshot)).toBe('signOff');
      expect(snapshot.context.consultations).toEqual([
        {
          key: 'awd-2021-08-31',
          organizationId: ORG.economy,
          organizationKind: 'committee',
          role: 'preliminary',
          plannedDate: '2021-08-31',
          reporter: 'Herr Haumann',
          agendaItemNumber: '2.a',
          origin: 'planned',
        },
        {
          key: 'ka-2021-09-13',
          organizationId: ORG.districtCommittee,
          organizationKind: 'district_committee',
          role: 'preliminary',
          plannedDate: '2021-09-13',
          reporter: 'Herr Haumann',
          agendaItemNumber: '5',
          origin: 'planned',
        },
        {
          key: 'kt-2021-09-29',
          organizationId: ORG.districtCouncil,
          organizationKind: 'district_council',
          role: 'decisive',
          plannedDate: '2021-09-29',
          reporter: 'Herr Haumann',
          agendaItemNumber: '11',
          origin: 'planned',
        },
      ]);
      expect(snapshot.context.decisionTexts).toEqual([
        { version: 1, text: VORLAGE_2021_119.decisionProposal, at: AT.submitted, source: 'proposal' },
      ]);
      expect(snapshot.context.current).toBe(-1);
      expect(effects).toEqual([
        { type: 'notify', params: { kind: 'signOffRequested', role: 'department_head' } },
        { type: 'scheduleDeadline', params: { kind: 'signOffWaiting', role: 'department_head' } },
      ]);
    });

    it('refuses an incomplete paper', () => {
      expectRefused(start(), events.submit({ ...VORLAGE_2021_119, title: '   ' }));
      expectRefused(start(), events.submit({ ...VORLAGE_2021_119, consultations: [] }));
      expectRefused(
        start(),
        events.submit({ ...VORLAGE_2021_119, climateImpact: { effect: 'positive', justification: '' } }),
      );
    });

    it('refuses a Beschlussvorlage whose Kreistag decision the Kreisausschuss does not prepare', () => {
      const withoutKa: PaperSubmission = {
        ...VORLAGE_2021_119,
        consultations: VORLAGE_2021_119.consultations.filter((c) => c.organizationKind !== 'district_committee'),
      };
      expectRefused(start(), events.submit(withoutKa));
    });

    it('is for the clerk (and admin) only', () => {
      for (const actor of [fbl, kd, landrat, office, auditor]) expectRefused(start(), events.submit(VORLAGE_2021_119, actor));
      expect(state(drive(start(), events.submit(VORLAGE_2021_119, admin)).snapshot)).toBe('signOff');
    });

    it('records a new proposal version on re-submission only if the proposal changed', () => {
      const rejected = drive(start(), events.submit(), events.rejectSignOff(fbl)).snapshot;
      const same = drive(rejected, events.submit(VORLAGE_2021_119, clerk, '2021-08-10T08:00:00.000Z')).snapshot;
      expect(same.context.decisionTexts).toHaveLength(1);

      const changed = drive(
        rejected,
        events.submit({ ...VORLAGE_2021_119, decisionProposal: 'Neuer Vorschlag' }, clerk, '2021-08-10T08:00:00.000Z'),
      ).snapshot;
      expect(changed.context.decisionTexts).toEqual([
        { version: 1, text: VORLAGE_2021_119.decisionProposal, at: AT.submitted, source: 'proposal' },
        { version: 2, text: 'Neuer Vorschlag', at: '2021-08-10T08:00:00.000Z', source: 'proposal' },
      ]);
    });

    it('releases at once when the body has no sign-off steps', () => {
      const { snapshot, effects } = drive(start({ paperType: 'Beschlussvorlage', signOffSteps: [] }), events.submit());
      expect(state(snapshot)).toBe('deliberation.awaitingAgenda');
      expect(snapshot.context.current).toBe(0);
      expect(effects).toEqual([{ type: 'assignReference' }, { type: 'notify', params: { kind: 'released' } }]);
    });
  });

  describe('sign-off', () => {
    const submitted = () => drive(start(), events.submit()).snapshot;

    it('takes signatures in the configured order only', () => {
      expectRefused(submitted(), events.sign(kd));
      expectRefused(submitted(), events.sign(landrat));
      expectRefused(submitted(), events.sign(clerk));

      const { snapshot, effects } = drive(submitted(), events.sign(fbl, AT.signedFbl));
      expect(state(snapshot)).toBe('signOff');
      expect(snapshot.context.signatures).toEqual([
        { role: 'department_head', actorId: fbl.id, at: AT.signedFbl, function: 'Fachbereichsleitung' },
      ]);
      // The waiting step's deadlines move on to the next signer.
      expect(effects).toEqual([
        { type: 'notify', params: { kind: 'signOffRequested', role: 'district_director' } },
        { type: 'cancelDeadline', params: { kind: 'signOffWaiting' } },
        { type: 'scheduleDeadline', params: { kind: 'signOffWaiting', role: 'district_director' } },
      ]);

      expectRefused(snapshot, events.sign(fbl));
      expectRefused(snapshot, events.sign(landrat));
    });

    it('refuses the auditor and accepts admin, who signs for the step that is due', () => {
      expectRefused(submitted(), events.sign(auditor));
      const { snapshot } = drive(submitted(), events.sign(admin, AT.signedFbl));
      expect(snapshot.context.signatures).toEqual([
        { role: 'department_head', actorId: admin.id, at: AT.signedFbl, function: 'Fachbereichsleitung' },
      ]);
    });

    it('releases on the last signature: reference assigned exactly once, current consultation 0', () => {
      const { snapshot, effects } = released();
      expect(state(snapshot)).toBe('deliberation.awaitingAgenda');
      expect(snapshot.context.current).toBe(0);
      expect(snapshot.context.signatures.map((s) => [s.role, s.actorId, s.at])).toEqual([
        ['department_head', fbl.id, AT.signedFbl],
        ['district_director', kd.id, AT.signedKd],
        ['district_administrator', landrat.id, AT.signedLandrat],
      ]);
      expect(effects).toEqual([
        { type: 'notify', params: { kind: 'signOffRequested', role: 'department_head' } },
        { type: 'scheduleDeadline', params: { kind: 'signOffWaiting', role: 'department_head' } },
        { type: 'notify', params: { kind: 'signOffRequested', role: 'district_director' } },
        { type: 'cancelDeadline', params: { kind: 'signOffWaiting' } },
        { type: 'scheduleDeadline', params: { kind: 'signOffWaiting', role: 'district_director' } },
        { type: 'notify', params: { kind: 'signOffRequested', role: 'district_administrator' } },
        { type: 'cancelDeadline', params: { kind: 'signOffWaiting' } },
        { type: 'scheduleDeadline', params: { kind: 'signOffWaiting', role: 'district_administrator' } },
        { type: 'assignReference' },
        { type: 'notify', params: { kind: 'released' } },
        { type: 'cancelDeadline', params: { kind: 'signOffWaiting' } },
      ]);
    });

    it('follows a custom chain', () => {
      const s = drive(start({ paperType: 'Beschlussvorlage', signOffSteps: ['district_director'] }), events.submit()).snapshot;
      expectRefused(s, events.sign(fbl));
      const { snapshot, effects } = drive(s, events.sign(kd));
      expect(state(snapshot)).toBe('deliberation.awaitingAgenda');
      expect(effects.filter((e) => e.type === 'assignReference')).toHaveLength(1);
    });

    it('REJECT_SIGNOFF by the signer due returns to draft, clears signatures and keeps the rejection', () => {
      const signedOnce = drive(submitted(), events.sign(fbl)).snapshot;
      expectRefused(signedOnce, events.rejectSignOff(fbl));
      expectRefused(signedOnce, events.rejectSignOff(landrat));
      expectRefused(signedOnce, events.rejectSignOff(kd, '  '));

      const { snapshot, effects } = drive(signedOnce, events.rejectSignOff(kd, 'Kosten fehlen', '2021-08-04T10:00:00.000Z'));
      expect(state(snapshot)).toBe('draft');
      expect(snapshot.context.signatures).toEqual([]);
      expect(snapshot.context.signOffRejections).toEqual([
        { role: 'district_director', actorId: kd.id, at: '2021-08-04T10:00:00.000Z', reason: 'Kosten fehlen' },
      ]);
      expect(effects).toEqual([
        { type: 'notify', params: { kind: 'signOffRejected', role: 'district_director', reason: 'Kosten fehlen' } },
        { type: 'cancelDeadline', params: { kind: 'signOffWaiting' } },
      ]);

      // After re-submission the chain starts again at its first step.
      const again = drive(snapshot, events.submit()).snapshot;
      expectRefused(again, events.sign(kd));
      expect(drive(again, events.sign(fbl)).snapshot.context.signatures).toHaveLength(1);
    });
  });

  describe('deliberation', () => {
    it('SCHEDULE writes date, TOP and meeting onto the current consultation only', () => {
      const s0 = released().snapshot;
      expectRefused(s0, events.result('recommended'));
      expectRefused(s0, events.schedule('2021-08-31', '2.a', 'm-1', clerk));
      expectRefused(s0, events.schedule('2021-08-31', ' '));
      expectRefused(s0, events.schedule('', '2.a'));

      const s1 = drive(s0, events.schedule('2021-08-31', '2.b', 'meeting-awd-1')).snapshot;
      expect(state(s1)).toBe('deliberation.scheduled');
      expect(s1.context.consultations[0]).toMatchObject({
        scheduledDate: '2021-08-31',
        agendaItemNumber: '2.b',
        meetingId: 'meeting-awd-1',
      });
      expect(s1.context.consultations.slice(1)).toEqual(s0.context.consultations.slice(1));

      // Moved to another session before it is deliberated: the same consultation, new date, TOP and meeting.
      const moved = drive(s1, events.schedule('2021-09-07', '4', 'meeting-awd-2')).snapshot;
      expect(state(moved)).toBe('deliberation.scheduled');
      expect(moved.context.consultations[0]).toMatchObject({ scheduledDate: '2021-09-07', agendaItemNumber: '4', meetingId: 'meeting-awd-2' });
      expect(moved.context.consultations).toHaveLength(s1.context.consultations.length);
      expectRefused(s1, events.schedule('2021-09-07', '4', 'm', clerk));
    });

    it('UNSCHEDULE takes the current consultation off its agenda, keeping everything else', () => {
      const s0 = released().snapshot;
      expectRefused(s0, events.unschedule());
      const s1 = drive(s0, events.schedule('2021-08-31', '2.a', 'meeting-awd-1')).snapshot;
      expectRefused(s1, events.unschedule(ACTORS.clerk));
      const back = drive(s1, events.unschedule()).snapshot;
      expect(state(back)).toBe('deliberation.awaitingAgenda');
      // The TOP belonged to the session it was taken off; the rest is the consultation as planned.
      const { agendaItemNumber: _top, ...planned } = s0.context.consultations[0];
      expect(back.context.consultations[0]).toEqual(planned);
      expect(back.context.consultations.slice(1)).toEqual(s0.context.consultations.slice(1));
      expect(back.context.current).toBe(s0.context.current);
      expect(state(drive(back, events.schedule('2021-09-07', '3', 'meeting-awd-2')).snapshot)).toBe('deliberation.scheduled');
    });

    it('accepts only the results the consultation role allows', () => {
      const preliminary = scheduledAt('2021-08-31', '2.a', released().snapshot);
      for (const result of ['adopted', 'rejected', 'noted'] as const) expectRefused(preliminary, events.result(result));
      expectRefused(preliminary, events.result('adopted_amended', { text: 'geändert' }));

      const decisive = atDistrictCouncil();
      for (const result of ['recommended', 'not_recommended', 'noted'] as const) expectRefused(decisive, events.result(result));

      const info = scheduledAt('2021-09-01', '4', released({ paperType: 'Mitteilungsvorlage' }, NOTICE_PAPER).snapshot);
      for (const result of ['recommended', 'adopted', 'rejected'] as const) expectRefused(info, events.result(result));
    });

    it('records results by the committee office (and admin) only', () => {
      const s = scheduledAt('2021-08-31', '2.a', released().snapshot);
      for (const actor of [clerk, fbl, kd, landrat, auditor]) expectRefused(s, events.result('recommended', {}, actor));
      expect(state(drive(s, events.result('recommended', {}, admin)).snapshot)).toBe('deliberation.awaitingAgenda');
    });

    it('a recommendation is recorded and the next body becomes current', () => {
      const s = scheduledAt('2021-08-31', '2.a', released().snapshot);
      const { snapshot, effects } = drive(
        s,
        events.result('not_recommended', { votes: { yes: 3, no: 9, abstain: 1 }, text: 'Mehrheitlich abgelehnt' }, office, AT.committee),
      );
      expect(state(snapshot)).toBe('deliberation.awaitingAgenda');
      expect(snapshot.context.current).toBe(1);
      expect(snapshot.context.consultations[0]).toMatchObject({
        result: 'not_recommended',
        votes: { yes: 3, no: 9, abstain: 1 },
        resultText: 'Mehrheitlich abgelehnt',
        decidedAt: AT.committee,
      });
      expect(effects).toEqual([
        {
          type: 'notify',
          params: { kind: 'resultRecorded', result: 'not_recommended', consultationKey: 'awd-2021-08-31', organizationId: ORG.economy },
        },
      ]);
    });

    it('refuses malformed votes', () => {
      const s = scheduledAt('2021-08-31', '2.a', released().snapshot);
      expectRefused(s, events.result('recommended', { votes: { yes: -1, no: 0, abstain: 0 } }));
      expectRefused(s, events.result('recommended', { votes: { yes: 1.5, no: 0, abstain: 0 } }));
      expect(drive(s, events.result('recommended', { votes: { unanimous: true } })).snapshot.context.consultations[0].votes).toEqual({
        unanimous: true,
      });
    });

    it('postponed keeps the old result and inserts a new consultation of the same body right after it', () => {
      const s = scheduledAt('2021-08-31', '2.a', released().snapshot);
      const { snapshot, effects } = drive(s, events.result('postponed', {}, office, AT.committee));
      const cs = snapshot.context.consultations;
      expect(state(snapshot)).toBe('deliberation.awaitingAgenda');
      expect(cs.map((c) => c.key)).toEqual(['awd-2021-08-31', 'awd-2021-08-31-postponed-1', 'ka-2021-09-13', 'kt-2021-09-29']);
      expect(cs[0]).toMatchObject({ result: 'postponed', decidedAt: AT.committee, scheduledDate: '2021-08-31' });
      expect(cs[1]).toEqual({
        key: 'awd-2021-08-31-postponed-1',
        organizationId: ORG.economy,
        organizationKind: 'committee',
        role: 'preliminary',
        reporter: 'Herr Haumann',
        origin: 'postponed',
      });
      expect(snapshot.context.current).toBe(1);
      expect(effects).toEqual([
        {
          type: 'notify',
          params: { kind: 'resultRecorded', result: 'postponed', consultationKey: 'awd-2021-08-31', organizationId: ORG.economy },
        },
      ]);

      // Postponed again: another new consultation, all keys unique, history untouched.
      const twice = drive(snapshot, events.schedule('2021-09-07', '3'), events.result('postponed')).snapshot;
      expect(twice.context.consultations.map((c) => c.key)).toEqual([
        'awd-2021-08-31',
        'awd-2021-08-31-postponed-1',
        'awd-2021-08-31-postponed-1-postponed-1',
        'ka-2021-09-13',
        'kt-2021-09-29',
      ]);
      expect(twice.context.consultations[0]).toEqual(cs[0]);
      expect(twice.context.current).toBe(2);
    });

    it('postponing the decisive consultation keeps the paper ending in a decisive one', () => {
      const { snapshot } = drive(atDistrictCouncil(), events.result('postponed'));
      const cs = snapshot.context.consultations;
      expect(cs.at(-1)).toMatchObject({ key: 'kt-2021-09-29-postponed-1', role: 'decisive', origin: 'postponed' });
      expect(snapshot.context.current).toBe(cs.length - 1);
    });

    it('referred needs a target body and inserts its consultation, then the referring body again', () => {
      const s = scheduledAt('2021-09-13', '5', drive(released().snapshot, events.schedule('2021-08-31', '2.a'), events.result('recommended')).snapshot);
      expectRefused(s, events.result('referred'));
      expectRefused(s, events.result('referred', { organizationId: ORG.finance }));
      expectRefused(s, events.result('referred', { organizationId: ORG.districtCommittee, organizationKind: 'district_committee' }));

      const { snapshot } = drive(
        s,
        events.result('referred', { organizationId: ORG.finance, organizationKind: 'committee' }, office, AT.districtCommittee),
      );
      const cs = snapshot.context.consultations;
      expect(cs.map((c) => [c.key, c.organizationId, c.role, c.origin, c.result])).toEqual([
        ['awd-2021-08-31', ORG.economy, 'preliminary', 'planned', 'recommended'],
        ['ka-2021-09-13', ORG.districtCommittee, 'preliminary', 'planned', 'referred'],
        ['ka-2021-09-13-referred-1', ORG.finance, 'preliminary', 'referred', undefined],
        ['ka-2021-09-13-return-1', ORG.districtCommittee, 'preliminary', 'referred', undefined],
        ['kt-2021-09-29', ORG.districtCouncil, 'decisive', 'planned', undefined],
      ]);
      expect(cs[2].organizationKind).toBe('committee');
      expect(cs[3].organizationKind).toBe('district_committee');
      expect(snapshot.context.current).toBe(2);
      expect(state(snapshot)).toBe('deliberation.awaitingAgenda');

      // The finance committee advises, the Kreisausschuss deliberates again, then the Kreistag decides.
      const done = drive(
        snapshot,
        events.schedule('2021-09-20', '7'),
        events.result('recommended'),
        events.schedule('2021-09-27', '2'),
        events.result('recommended'),
        events.schedule('2021-10-06', '4'),
        events.result('adopted'),
      ).snapshot;
      expect(state(done)).toBe('adopted');
      expect(done.context.consultations.map((c) => c.result)).toEqual([
        'recommended',
        'referred',
        'recommended',
        'recommended',
        'adopted',
      ]);
    });

    it('referring the decisive consultation returns to a decisive consultation of the same body', () => {
      const { snapshot } = drive(atDistrictCouncil(), events.result('referred', { organizationId: ORG.finance, organizationKind: 'committee' }));
      expect(snapshot.context.consultations.slice(-2).map((c) => [c.key, c.role, c.organizationId])).toEqual([
        ['kt-2021-09-29-referred-1', 'preliminary', ORG.finance],
        ['kt-2021-09-29-return-1', 'decisive', ORG.districtCouncil],
      ]);
    });

    it('referral follows competence (§ 26 KrO NRW): referred to the Kreistag, the consultation is decisive and the planned one no longer is', () => {
      // The committee refers straight to the Kreistag, which is competent to decide a Beschlussvorlage.
      const s = scheduledAt('2021-08-31', '2.a', released().snapshot);
      const { snapshot } = drive(s, events.result('referred', { organizationId: ORG.districtCouncil, organizationKind: 'district_council' }));
      const cs = snapshot.context.consultations;
      expect(cs.map((c) => [c.key, c.organizationId, c.role, c.origin, c.result, c.supersededBy])).toEqual([
        ['awd-2021-08-31', ORG.economy, 'preliminary', 'planned', 'referred', undefined],
        ['awd-2021-08-31-referred-1', ORG.districtCouncil, 'decisive', 'referred', undefined, undefined],
        ['ka-2021-09-13', ORG.districtCommittee, 'preliminary', 'planned', undefined, undefined],
        ['kt-2021-09-29', ORG.districtCouncil, 'preliminary', 'planned', undefined, 'awd-2021-08-31-referred-1'],
      ]);
      expect(snapshot.context.current).toBe(1);
      // The Kreistag decides: adopted, not merely recommended.
      expectRefused(drive(snapshot, events.schedule('2021-09-29', '11')).snapshot, events.result('recommended'));
      const done = drive(snapshot, events.schedule('2021-09-29', '11'), events.result('adopted')).snapshot;
      expect(state(done)).toBe('adopted');
    });

    it('referral follows competence (§ 26 KrO NRW): to the organization the decisive consultation names, it is decisive', () => {
      const delegated: PaperSubmission = {
        ...VORLAGE_2021_119,
        consultations: [
          { key: 'ka', organizationId: ORG.districtCommittee, organizationKind: 'district_committee', role: 'preliminary' },
          { key: 'fa', organizationId: ORG.finance, organizationKind: 'committee', role: 'decisive' },
        ],
      };
      const s = scheduledAt('2021-09-13', '5', released({ paperType: 'Beschlussvorlage' }, delegated).snapshot);
      const { snapshot } = drive(s, events.result('referred', { organizationId: ORG.finance, organizationKind: 'committee' }));
      expect(snapshot.context.consultations.map((c) => [c.key, c.role, c.supersededBy])).toEqual([
        ['ka', 'preliminary', undefined],
        ['ka-referred-1', 'decisive', undefined],
        ['fa', 'preliminary', 'ka-referred-1'],
      ]);
    });

    it('referral follows competence (§ 26 KrO NRW): to a committee that is not competent, it stays preliminary and returns', () => {
      const s = scheduledAt('2021-08-31', '2.a', released().snapshot);
      const { snapshot } = drive(s, events.result('referred', { organizationId: ORG.finance, organizationKind: 'committee' }));
      expect(snapshot.context.consultations.map((c) => [c.key, c.role])).toEqual([
        ['awd-2021-08-31', 'preliminary'],
        ['awd-2021-08-31-referred-1', 'preliminary'],
        ['awd-2021-08-31-return-1', 'preliminary'],
        ['ka-2021-09-13', 'preliminary'],
        ['kt-2021-09-29', 'decisive'],
      ]);
    });

    it('adopted_amended needs a text and keeps every version of the decision text', () => {
      const s = atDistrictCouncil();
      expectRefused(s, events.result('adopted_amended'));
      expectRefused(s, events.result('adopted_amended', { text: '  ' }));
      const { snapshot } = drive(s, events.result('adopted_amended', { text: 'Geänderter Beschluss' }, office, AT.districtCouncil));
      expect(state(snapshot)).toBe('adopted');
      expect(snapshot.context.decisionTexts).toEqual([
        { version: 1, text: VORLAGE_2021_119.decisionProposal, at: AT.submitted, source: 'proposal' },
        { version: 2, text: 'Geänderter Beschluss', at: AT.districtCouncil, source: 'amendment' },
      ]);
      expect(snapshot.context.consultations[2]).toMatchObject({ result: 'adopted_amended', resultText: 'Geänderter Beschluss' });
    });

    it('rejected by the decisive body ends the paper as rejected', () => {
      const { snapshot } = drive(atDistrictCouncil(), events.result('rejected', { votes: { yes: 20, no: 40, abstain: 2 } }));
      expect(state(snapshot)).toBe('rejected');
      expect(snapshot.status).toBe('done');
      expect(snapshot.context.consultations[2].result).toBe('rejected');
    });

    it('a Mitteilungsvorlage is noted body by body and ends as noted', () => {
      const r = released({ paperType: 'Mitteilungsvorlage' }, NOTICE_PAPER);
      const first = drive(r.snapshot, events.schedule('2021-08-31', '9'), events.result('noted')).snapshot;
      expect(state(first)).toBe('deliberation.awaitingAgenda');
      expect(first.context.current).toBe(1);
      const { snapshot, effects } = drive(first, events.schedule('2021-09-13', '12'), events.result('noted'));
      expect(state(snapshot)).toBe('noted');
      expect(snapshot.status).toBe('done');
      expect(effects.at(-1)).toEqual({
        type: 'notify',
        params: { kind: 'resultRecorded', result: 'noted', consultationKey: 'ka-info', organizationId: ORG.districtCommittee },
      });
    });

    it('a paper without a decisive body whose last recommendation is recorded ends as noted', () => {
      const onlyPreliminary: PaperSubmission = {
        ...NOTICE_PAPER,
        consultations: [{ key: 'awd', organizationId: ORG.economy, organizationKind: 'committee', role: 'preliminary' }],
      };
      const { snapshot } = drive(
        released({ paperType: 'Anfrage' }, onlyPreliminary).snapshot,
        events.schedule('2021-08-31', '1'),
        events.result('recommended'),
      );
      expect(state(snapshot)).toBe('noted');
    });
  });

  describe('Vorlage 2021/119 from draft to closed', () => {
    it('runs its whole life and keeps every field of its Beratungsfolge', () => {
      const { snapshot, effects } = drive(
        start(),
        events.submit(VORLAGE_2021_119, clerk, AT.submitted),
        events.sign(fbl, AT.signedFbl),
        events.sign(kd, AT.signedKd),
        events.sign(landrat, AT.signedLandrat),
        events.schedule('2021-08-31', '2.a', 'meeting-awd-2021-08-31'),
        events.result('recommended', { votes: { unanimous: true } }, office, AT.committee),
        events.schedule('2021-09-13', '5', 'meeting-ka-2021-09-13'),
        events.result('recommended', { votes: { unanimous: true } }, office, AT.districtCommittee),
        events.schedule('2021-09-29', '11', 'meeting-kt-2021-09-29'),
        events.result('adopted', { votes: { yes: 58, no: 2, abstain: 1 } }, office, AT.districtCouncil),
      );
      expect(state(snapshot)).toBe('adopted');
      expect(snapshot.context.consultations.map((c) => [c.organizationId, c.role, c.scheduledDate, c.agendaItemNumber, c.reporter, c.result, c.decidedAt])).toEqual([
        [ORG.economy, 'preliminary', '2021-08-31', '2.a', 'Herr Haumann', 'recommended', AT.committee],
        [ORG.districtCommittee, 'preliminary', '2021-09-13', '5', 'Herr Haumann', 'recommended', AT.districtCommittee],
        [ORG.districtCouncil, 'decisive', '2021-09-29', '11', 'Herr Haumann', 'adopted', AT.districtCouncil],
      ]);
      expect(effects.filter((e) => e.type === 'assignReference')).toHaveLength(1);
      expect(effects.map((e) => (e.type === 'notify' ? `notify:${e.params.kind}` : e.type))).toEqual([
        'notify:signOffRequested',
        'scheduleDeadline',
        'notify:signOffRequested',
        'cancelDeadline',
        'scheduleDeadline',
        'notify:signOffRequested',
        'cancelDeadline',
        'scheduleDeadline',
        'assignReference',
        'notify:released',
        'cancelDeadline',
        'notify:resultRecorded',
        'notify:resultRecorded',
        'notify:resultRecorded',
      ]);

      expectRefused(snapshot, events.close(2));
      expectRefused(snapshot, events.startImplementation(office));
      const implementing = drive(snapshot, events.startImplementation()).snapshot;
      expect(state(implementing)).toBe('inImplementation');
      expectRefused(implementing, events.close(1));
      expectRefused(implementing, events.close(0, auditor));
      expectRefused(implementing, events.startImplementation());

      const closed = drive(implementing, events.close(0)).snapshot;
      expect(state(closed)).toBe('closed');
      expect(closed.status).toBe('done');
    });

    it('can be closed straight from adopted when no task was ever created', () => {
      const adopted = drive(atDistrictCouncil(), events.result('adopted')).snapshot;
      expect(state(drive(adopted, events.close(0)).snapshot)).toBe('closed');
    });
  });

  describe('urgent decision (§ 50 Abs. 3 KrO NRW)', () => {
    it('is taken by the Landrat while the decisive consultation is open, and schedules the approval deadline', () => {
      for (const s of [released().snapshot, atDistrictCouncil()]) {
        const { snapshot, effects } = drive(s, events.urgent({}, landrat, '2021-09-20T10:00:00.000Z'));
        expect(state(snapshot)).toBe('urgentlyDecided');
        expect(snapshot.context.urgentDecision).toEqual({
          decidedBy: 'district_committee',
          text: 'Der Kreisausschuss beschließt dringlich: wie Beschlussvorschlag.',
          justification: 'Förderfrist endet vor der nächsten Kreistagssitzung.',
          at: '2021-09-20T10:00:00.000Z',
          actorId: landrat.id,
        });
        expect(snapshot.context.decisionTexts.at(-1)).toEqual({
          version: 2,
          text: 'Der Kreisausschuss beschließt dringlich: wie Beschlussvorschlag.',
          at: '2021-09-20T10:00:00.000Z',
          source: 'urgent_decision',
        });
        expect(effects).toEqual([{ type: 'scheduleDeadline', params: { kind: 'urgentDecisionApproval' } }]);
      }
    });

    it('refuses other roles, missing text or justification', () => {
      const s = released().snapshot;
      for (const actor of [clerk, fbl, kd, office, auditor]) expectRefused(s, events.urgent({}, actor));
      expectRefused(s, events.urgent({ text: ' ' }));
      expectRefused(s, events.urgent({ justification: '' }));
    });

    it('§ 50 Abs. 3 KrO: the Landrat decides with one member of the Kreisausschuss, named by person', () => {
      const s = released().snapshot;
      expectRefused(s, events.urgent({ decidedBy: 'district_administrator_with_member' }));
      // A name alone is no member: the person must be named, so the memberships can be checked.
      expectRefused(s, events.urgent({ decidedBy: 'district_administrator_with_member', memberName: 'Frau Muster' }));
      expectRefused(s, events.urgent({ decidedBy: 'district_administrator_with_member', memberPersonId: 'person-1', form: 'session' }));
      const { snapshot } = drive(
        s,
        events.urgent({ decidedBy: 'district_administrator_with_member', memberPersonId: 'person-1', memberName: 'Frau Muster' }),
      );
      expect(snapshot.context.urgentDecision).toMatchObject({
        decidedBy: 'district_administrator_with_member',
        memberPersonId: 'person-1',
        memberName: 'Frau Muster',
      });
    });

    it('§ 50 Abs. 3 KrO: the Kreisausschuss decides in session or by circulation, without a co-deciding member', () => {
      const s = released().snapshot;
      expectRefused(s, events.urgent({ memberPersonId: 'person-1' }));
      expectRefused(s, events.urgent({ form: 'telephone' as never }));
      const { snapshot } = drive(s, events.urgent({ form: 'circulation' }));
      expect(snapshot.context.urgentDecision).toMatchObject({ decidedBy: 'district_committee', form: 'circulation' });
    });

    it('is not possible for a paper that asks for no decision, nor before release', () => {
      expectRefused(released({ paperType: 'Mitteilungsvorlage' }, NOTICE_PAPER).snapshot, events.urgent());
      expectRefused(drive(start(), events.submit()).snapshot, events.urgent());
      expectRefused(start(), events.urgent());
    });

    it('stays possible after the decisive consultation was postponed, since a decision is still owed', () => {
      const postponed = drive(atDistrictCouncil(), events.result('postponed')).snapshot;
      expect(postponed.can(events.urgent())).toBe(true);
    });

    it('approved by the Kreistag: adopted, deadline cancelled', () => {
      const decided = drive(released().snapshot, events.urgent()).snapshot;
      expectRefused(decided, events.approveUrgent(clerk));
      expectRefused(decided, events.withdraw());
      const { snapshot, effects } = drive(decided, events.approveUrgent(office, '2021-10-06T17:00:00.000Z'));
      expect(state(snapshot)).toBe('adopted');
      expect(snapshot.context.urgentDecision?.approval).toEqual({ outcome: 'approved', at: '2021-10-06T17:00:00.000Z' });
      expect(effects).toEqual([{ type: 'cancelDeadline', params: { kind: 'urgentDecisionApproval' } }]);
      expect(state(drive(snapshot, events.startImplementation(), events.close(0)).snapshot)).toBe('closed');
    });

    it('§ 50 Abs. 3 KrO: overturned by the Kreistag for the future only, not rejected as if never decided', () => {
      const decided = drive(released().snapshot, events.urgent()).snapshot;
      expectRefused(decided, { ...events.overturnUrgent(true), thirdPartyRightsArisen: undefined as unknown as boolean });
      const { snapshot, effects } = drive(decided, events.overturnUrgent(true, office, '2021-10-06T17:00:00.000Z'));
      expect(state(snapshot)).toBe('overturned');
      expect(snapshot.status).toBe('done');
      expect(snapshot.context.urgentDecision).toMatchObject({
        text: 'Der Kreisausschuss beschließt dringlich: wie Beschlussvorschlag.',
        approval: {
          outcome: 'overturned',
          at: '2021-10-06T17:00:00.000Z',
          thirdPartyRightsArisen: true,
          effect: 'future',
          record: expect.stringContaining('Rechte Dritter, die durch ihre Ausführung bereits entstanden sind, bleiben unberührt'),
        },
      });
      expect(snapshot.context.decisionTexts.at(-1)?.source).toBe('urgent_decision');
      expect(effects).toEqual([{ type: 'cancelDeadline', params: { kind: 'urgentDecisionApproval' } }]);
    });

    it('§ 50 Abs. 3 KrO: tasks may start as soon as the urgent decision is taken; approval then leads to inImplementation', () => {
      const decided = drive(released().snapshot, events.urgent()).snapshot;
      const started = drive(decided, events.startImplementation(clerk, '2021-09-21T08:00:00.000Z')).snapshot;
      expect(state(started)).toBe('urgentlyDecided');
      expect(started.context.urgentDecision?.implementationStartedAt).toBe('2021-09-21T08:00:00.000Z');
      // Recorded once: the first task starts it.
      expectRefused(started, events.startImplementation());
      const approved = drive(started, events.approveUrgent(office)).snapshot;
      expect(state(approved)).toBe('inImplementation');
      expect(state(drive(approved, events.close(0)).snapshot)).toBe('closed');
      // Overturned after tasks started: still overturned, the tasks' record stays.
      const overturned = drive(started, events.overturnUrgent(true)).snapshot;
      expect(state(overturned)).toBe('overturned');
      expect(overturned.context.urgentDecision?.implementationStartedAt).toBe('2021-09-21T08:00:00.000Z');
    });
  });

  describe('WITHDRAW', () => {
    const before: Array<[string, () => PaperSnapshot]> = [
      ['draft', () => start()],
      ['signOff', () => drive(start(), events.submit(), events.sign(fbl)).snapshot],
      ['deliberation.awaitingAgenda', () => released().snapshot],
      ['deliberation.scheduled', () => atDistrictCouncil()],
    ];

    it.each(before)('withdraws from %s and records who, when and why', (expected, make) => {
      const s = make();
      expect(state(s)).toBe(expected);
      expectRefused(s, events.withdraw(' '));
      expectRefused(s, events.withdraw('Grund', office));
      expectRefused(s, events.withdraw('Grund', auditor));
      const { snapshot } = drive(s, events.withdraw('Durch Antrag der Fraktion erledigt', clerk, '2021-09-01T09:00:00.000Z'));
      expect(state(snapshot)).toBe('withdrawn');
      expect(snapshot.status).toBe('done');
      expect(snapshot.context.withdrawal).toEqual({
        reason: 'Durch Antrag der Fraktion erledigt',
        at: '2021-09-01T09:00:00.000Z',
        actorId: clerk.id,
      });
    });

    it('is refused once decided or urgently decided, even for admin', () => {
      const adopted = drive(atDistrictCouncil(), events.result('adopted')).snapshot;
      expectRefused(adopted, events.withdraw('zu spät', admin));
      expectRefused(drive(adopted, events.startImplementation()).snapshot, events.withdraw('zu spät', admin));
      expectRefused(drive(released().snapshot, events.urgent()).snapshot, events.withdraw('zu spät', admin));
    });
  });

  describe('persistence', () => {
    it('a snapshot restored from JSON continues exactly like the live one', () => {
      const live = drive(released().snapshot, events.schedule('2021-08-31', '2.a'), events.result('postponed')).snapshot;
      const stored = JSON.parse(JSON.stringify({ state: toStateKey(live.value), context: live.context }));
      const restored = paperMachine.resolveState({ value: fromStateKey(stored.state), context: stored.context });
      expect(restored.value).toEqual(live.value);

      const next: PaperEvent[] = [events.schedule('2021-09-07', '3'), events.result('recommended')];
      const a = drive(live, ...next);
      const b = drive(restored, ...next);
      expect(b.snapshot.value).toEqual(a.snapshot.value);
      expect(b.snapshot.context).toEqual(a.snapshot.context);
      expect(b.effects).toEqual(a.effects);
    });

    it('a restored final snapshot accepts nothing', () => {
      const ctx = drive(atDistrictCouncil(), events.result('adopted')).snapshot.context;
      for (const value of ['closed', 'rejected', 'withdrawn', 'noted']) {
        const s = paperMachine.resolveState({ value, context: ctx });
        expect(s.status).toBe('done');
        expectRefused(s, events.close(0, admin));
        expectRefused(s, events.withdraw('x', admin));
        expect(allowedEventTypes(s, admin)).toEqual([]);
      }
    });

    it('toStateKey and fromStateKey are inverse', () => {
      expect(toStateKey({ deliberation: 'scheduled' })).toBe('deliberation.scheduled');
      expect(toStateKey('draft')).toBe('draft');
      expect(fromStateKey('deliberation.awaitingAgenda')).toEqual({ deliberation: 'awaitingAgenda' });
      expect(fromStateKey('adopted')).toBe('adopted');
    });
  });

  describe('allowedEventTypes', () => {
    it('lists what this actor may send now, ignoring the payload', () => {
      const draft = start();
      expect(allowedEventTypes(draft, clerk)).toEqual(['SUBMIT', 'WITHDRAW']);
      expect(allowedEventTypes(draft, auditor)).toEqual([]);
      expect(allowedEventTypes(draft, fbl)).toEqual([]);

      const signOff = drive(start(), events.submit()).snapshot;
      expect(allowedEventTypes(signOff, fbl)).toEqual(['SIGN', 'REJECT_SIGNOFF']);
      expect(allowedEventTypes(signOff, kd)).toEqual([]);
      expect(allowedEventTypes(signOff, clerk)).toEqual(['WITHDRAW']);
      expect(allowedEventTypes(signOff, admin)).toEqual(['SIGN', 'REJECT_SIGNOFF', 'WITHDRAW']);

      const awaiting = released().snapshot;
      expect(allowedEventTypes(awaiting, office)).toEqual(['SCHEDULE']);
      expect(allowedEventTypes(awaiting, landrat)).toEqual(['URGENT_DECISION']);

      const scheduled = atDistrictCouncil();
      expect(allowedEventTypes(scheduled, admin)).toEqual(['SCHEDULE', 'UNSCHEDULE', 'RECORD_RESULT', 'URGENT_DECISION', 'WITHDRAW', 'PREPARE_TASK']);
      expect(allowedEventTypes(scheduled, office)).toEqual(['SCHEDULE', 'UNSCHEDULE', 'RECORD_RESULT']);

      const notice = released({ paperType: 'Mitteilungsvorlage' }, NOTICE_PAPER).snapshot;
      expect(allowedEventTypes(notice, landrat)).toEqual([]);

      const adopted = drive(scheduled, events.result('adopted')).snapshot;
      expect(allowedEventTypes(adopted, clerk)).toEqual(['START_IMPLEMENTATION', 'CLOSE']);
      expect(allowedEventTypes(adopted, office)).toEqual([]);
    });
  });

  it('insertedConsultationKey takes the next free number', () => {
    const cs = [{ key: 'a-postponed-1' }, { key: 'a-postponed-2' }] as unknown as Parameters<typeof insertedConsultationKey>[0];
    expect(insertedConsultationKey(cs, 'a-postponed')).toBe('a-postponed-3');
    expect(insertedConsultationKey(cs, 'b-referred')).toBe('b-referred-1');
  });

  it('toPaperEffects keeps type and params only, ready for the outbox', () => {
    const [, actions] = transition(paperMachine, start(), events.submit());
    expect(actions[0]).toHaveProperty('exec');
    expect(toPaperEffects(actions)).toEqual([
      { type: 'notify', params: { kind: 'signOffRequested', role: 'department_head' } },
      { type: 'scheduleDeadline', params: { kind: 'signOffWaiting', role: 'department_head' } },
    ]);
    expect(JSON.parse(JSON.stringify(toPaperEffects(actions)))).toEqual(toPaperEffects(actions));
  });
});
