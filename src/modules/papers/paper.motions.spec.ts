import { transition } from 'xstate';
import { toStateKey, allowedEventTypes } from './paper.machine';
import { toPaperEffects } from './paper-workflow.definition';
import { completenessProblems, recordResultProblems } from './paper.guards';
import { placementRight } from './motions.service';
import type { PaperSubmission, PlannedConsultation } from './paper.types';
import { ACTORS, events, ORG, VORLAGE_2021_119 } from '../../../test/fixtures/paper.fixtures';
import { drive, released, start } from '../../../test/fixtures/paper.drive';

const KT_ONLY: PlannedConsultation[] = [
  { key: 'kt', organizationId: ORG.districtCouncil, organizationKind: 'district_council', role: 'decisive', plannedDate: '2021-09-29' },
];
const ANTRAG: PaperSubmission = {
  title: 'Antrag der Fraktion A: Digitale Sitzungsunterlagen',
  decisionProposal: 'Der Kreistag beauftragt die Verwaltung, die Sitzungsunterlagen digital bereitzustellen.',
  facts: '',
  climateImpact: { effect: 'none' },
  consultations: KT_ONLY,
};
const ANFRAGE: PaperSubmission = { ...ANTRAG, title: 'Anfrage: Breitbandausbau', decisionProposal: 'Wie weit ist der Ausbau?', consultations: [] };

describe('Anträge and Anfragen (registered as received)', () => {
  it('an Antrag registered by the committee office goes straight to deliberation: no administrative sign-off, SIGN impossible', () => {
    const { snapshot, effects } = drive(start({ paperType: 'Antrag' }), events.register(ANTRAG, ACTORS.office));
    expect(toStateKey(snapshot.value)).toBe('deliberation.awaitingAgenda');
    expect(snapshot.context).toMatchObject({ signOffSteps: [], signatures: [], current: 0, motion: { originator: { kind: 'fraction' }, placementRight: 'fraction' } });
    expect(effects.map((e) => e.type)).toEqual(['assignReference', 'notify']);
    expect(snapshot.can(events.sign(ACTORS.landrat))).toBe(false);
    expect(allowedEventTypes(snapshot, ACTORS.landrat)).not.toContain('SIGN');
    // a registered Antrag is withdrawn through the office (for its Fraktion), not by a clerk
    expect(allowedEventTypes(snapshot, ACTORS.office)).toContain('WITHDRAW');
    expect(allowedEventTypes(snapshot, ACTORS.clerk)).not.toContain('WITHDRAW');
  });

  it('only the committee office registers, and only Anträge and Anfragen', () => {
    expect(start({ paperType: 'Antrag' }).can(events.register(ANTRAG, ACTORS.clerk))).toBe(false);
    expect(start({ paperType: 'Beschlussvorlage' }).can(events.register(VORLAGE_2021_119, ACTORS.office))).toBe(false);
  });

  it('§ 33 KrO NRW: a Fraktion’s Antrag goes on the Kreistag’s own agenda; a Vorlage still needs the Kreisausschuss first', () => {
    expect(completenessProblems('Antrag', ANTRAG, true)).toEqual([]);
    expect(completenessProblems('Beschlussvorlage', { ...ANTRAG, facts: 'Sachverhalt' })).toEqual([
      'a decisive district_council consultation must be preceded by a district_committee consultation',
    ]);
    // an Anfrage may be answered in writing only; an Antrag needs its decisive consultation
    expect(completenessProblems('Anfrage', ANFRAGE, true)).toEqual([]);
    expect(completenessProblems('Antrag', { ...ANTRAG, consultations: [] }, true)).toEqual(['at least one consultation is required']);
  });

  it('an Anfrage is answered: ANSWER records the Beantwortung and the Anfrage is noted; an Antrag is not answered', () => {
    const registered = drive(start({ paperType: 'Anfrage' }), events.register(ANFRAGE, ACTORS.office)).snapshot;
    expect(toStateKey(registered.value)).toBe('deliberation.awaitingAgenda');
    const answered = drive(registered, events.answer('answer-1', ACTORS.office)).snapshot;
    expect(toStateKey(answered.value)).toBe('noted');
    expect(answered.context.answers).toEqual([{ paperId: 'answer-1', reference: '2021/200', at: expect.any(String) }]);
    const antrag = drive(start({ paperType: 'Antrag' }), events.register(ANTRAG, ACTORS.office)).snapshot;
    expect(antrag.can(events.answer('answer-1', ACTORS.office))).toBe(false);
  });

  it('§ 33 KrO NRW: a Fraktion, or a fifth of the statutory members, may demand a place on the agenda; a Gruppe or a single member may not', () => {
    const fraction = { kind: 'fraction' as const, id: 'f', name: 'Fraktion A' };
    const group = { kind: 'group' as const, id: 'g', name: 'Gruppe D' };
    const member = { kind: 'person' as const, id: 'p0', name: 'KT-Mitglied 24' };
    expect(placementRight(fraction, [], 28)).toBe('fraction');
    expect(placementRight(group, [], 28)).toBeNull();
    expect(placementRight(member, [], 28)).toBeNull();
    // 28 statutory members: a fifth is 5.6, so 6 persons (the originator counts)
    expect(placementRight(member, ['p1', 'p2', 'p3', 'p4'], 28)).toBeNull();
    expect(placementRight(member, ['p1', 'p2', 'p3', 'p4', 'p5'], 28)).toBe('fifth');
    expect(placementRight(group, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'], 28)).toBe('fifth');
  });
});

describe('Änderungsanträge: the amended text travels with the paper', () => {
  const amendedBy = { organizationId: ORG.districtCommittee, organizationName: 'KA', meetingId: 'm-ka', date: '2021-09-13', agendaItemNumber: '5', amendmentIds: ['a1'] };

  it('GO des Kreistags: a recommendation on an amended text makes it the text the next consultation deliberates', () => {
    const atKa = drive(released().snapshot, events.schedule('2021-08-31', '2.a'), events.result('recommended'), events.schedule('2021-09-13', '5')).snapshot;
    const [next, actions] = transition(atKa.machine, atKa, events.result('recommended', { text: 'Geänderter Beschlusstext', amendedBy }));
    expect(toStateKey(next.value)).toBe('deliberation.awaitingAgenda');
    expect(next.context.decisionTexts.map((t) => [t.version, t.source, t.text])).toEqual([
      [1, 'proposal', VORLAGE_2021_119.decisionProposal],
      [2, 'amendment', 'Geänderter Beschlusstext'],
    ]);
    expect(next.context.decisionTexts[1].amendedBy).toEqual(amendedBy);
    expect(toPaperEffects(actions).map((e) => e.type)).toEqual(['notify']);
  });

  it('an amended text is carried only by a recommendation or an amended adoption, and needs its text', () => {
    const atAwd = drive(released().snapshot, events.schedule('2021-08-31', '2.a')).snapshot;
    expect(recordResultProblems(atAwd.context, events.result('not_recommended', { text: 'x', amendedBy }))).toEqual([
      'an amended text is carried only by recommended or adopted_amended',
    ]);
    expect(recordResultProblems(atAwd.context, events.result('recommended', { amendedBy }))).toEqual(['text (the amended text) is required with amendedBy']);
  });
});
