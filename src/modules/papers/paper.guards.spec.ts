import {
  allowedResults,
  canDecideUrgently,
  completenessProblems,
  EVENT_ROLES,
  isComplete,
  isResultAllowed,
  mayAct,
  payloadProblems,
  recordResultProblems,
  requiredRoles,
  resultOutcome,
  signOffChainProblem,
  urgentDecisionProblems,
} from './paper.guards';
import type { Role } from '../identity/role';
import {
  PAPER_EVENT_TYPES,
  type ConsultationState,
  type PaperContext,
  type PaperSubmission,
  type PlannedConsultation,
} from './paper.types';
import { ACTORS, events, NOTICE_PAPER, ORG, VORLAGE_2021_119 } from '../../../test/fixtures/paper.fixtures';

const [committee, districtCommittee, districtCouncil] = VORLAGE_2021_119.consultations;
const withConsultations = (consultations: PlannedConsultation[], base: PaperSubmission = VORLAGE_2021_119) => ({
  ...base,
  consultations,
});

describe('completenessProblems', () => {
  it('finds nothing wrong with Vorlage 2021/119 (climate effect none, justification optional)', () => {
    expect(completenessProblems('Beschlussvorlage', VORLAGE_2021_119)).toEqual([]);
    expect(isComplete('Beschlussvorlage', VORLAGE_2021_119)).toBe(true);
    const { justification: _j, ...noJustification } = VORLAGE_2021_119.climateImpact;
    expect(completenessProblems('Beschlussvorlage', { ...VORLAGE_2021_119, climateImpact: noJustification })).toEqual([]);
  });

  it.each([
    ['title', 'title is required'],
    ['decisionProposal', 'decisionProposal is required'],
    ['facts', 'facts is required'],
  ] as const)('requires a non-blank %s', (field, message) => {
    expect(completenessProblems('Beschlussvorlage', { ...VORLAGE_2021_119, [field]: '' })).toEqual([message]);
    expect(completenessProblems('Beschlussvorlage', { ...VORLAGE_2021_119, [field]: ' \n\t' })).toEqual([message]);
    expect(isComplete('Beschlussvorlage', { ...VORLAGE_2021_119, [field]: ' ' })).toBe(false);
  });

  it('requires a climate justification for positive and negative effects only', () => {
    const message = 'climateImpact.justification is required unless effect is none';
    for (const effect of ['positive', 'negative'] as const) {
      expect(completenessProblems('Beschlussvorlage', { ...VORLAGE_2021_119, climateImpact: { effect } })).toEqual([message]);
      expect(
        completenessProblems('Beschlussvorlage', { ...VORLAGE_2021_119, climateImpact: { effect, justification: '  ' } }),
      ).toEqual([message]);
      expect(
        completenessProblems('Beschlussvorlage', { ...VORLAGE_2021_119, climateImpact: { effect, justification: 'CO2-Einsparung' } }),
      ).toEqual([]);
    }
    expect(
      completenessProblems('Beschlussvorlage', {
        ...VORLAGE_2021_119,
        climateImpact: { effect: 'unknown' as 'none' },
      }),
    ).toEqual(['climateImpact.effect must be none, positive or negative']);
  });

  it('requires at least one consultation', () => {
    expect(completenessProblems('Beschlussvorlage', withConsultations([]))).toEqual(['at least one consultation is required']);
    expect(completenessProblems('Mitteilungsvorlage', withConsultations([], NOTICE_PAPER))).toEqual([
      'at least one consultation is required',
    ]);
  });

  describe.each(['Beschlussvorlage', 'Antrag'] as const)('%s', (paperType) => {
    it('needs exactly one decisive consultation', () => {
      expect(completenessProblems(paperType, withConsultations([committee, districtCommittee]))).toEqual([
        `a ${paperType} needs exactly one decisive consultation`,
      ]);
      const twoDecisive = [{ ...committee, role: 'decisive' as const }, districtCommittee, districtCouncil];
      expect(completenessProblems(paperType, withConsultations(twoDecisive))).toEqual([
        `a ${paperType} needs exactly one decisive consultation`,
      ]);
    });

    it('needs the decisive consultation last', () => {
      expect(completenessProblems(paperType, withConsultations([districtCommittee, districtCouncil, committee]))).toEqual([
        'the decisive consultation must be the last consultation',
      ]);
    });

    it('accepts a decisive committee alone', () => {
      expect(completenessProblems(paperType, withConsultations([{ ...committee, role: 'decisive' }]))).toEqual([]);
    });
  });

  describe.each(['Mitteilungsvorlage', 'Anfrage'] as const)('%s', (paperType) => {
    it('must not have a decisive consultation', () => {
      expect(completenessProblems(paperType, NOTICE_PAPER)).toEqual([]);
      expect(completenessProblems(paperType, VORLAGE_2021_119)).toEqual([`a ${paperType} must not have a decisive consultation`]);
      expect(completenessProblems(paperType, withConsultations([committee]))).toEqual([]);
    });
  });

  describe('Kreisausschuss before Kreistag (§ 50 Abs. 1 S. 2 KrO NRW)', () => {
    const message = 'a decisive district_council consultation must be preceded by a district_committee consultation';

    it('refuses a Kreistag decision without a prior Kreisausschuss consultation', () => {
      expect(completenessProblems('Beschlussvorlage', withConsultations([committee, districtCouncil]))).toEqual([message]);
      expect(completenessProblems('Beschlussvorlage', withConsultations([districtCouncil]))).toEqual([message]);
    });

    it('accepts the Kreisausschuss anywhere before, not only right before', () => {
      expect(completenessProblems('Beschlussvorlage', withConsultations([districtCommittee, committee, districtCouncil]))).toEqual([]);
    });

    it('does not apply to a decision of another body', () => {
      expect(
        completenessProblems('Beschlussvorlage', withConsultations([committee, { ...districtCommittee, role: 'decisive' }])),
      ).toEqual([]);
    });

    it('does not count a non-decisive Kreistag consultation', () => {
      const informKreistag = [{ ...districtCouncil, role: 'info' as const }];
      expect(completenessProblems('Mitteilungsvorlage', withConsultations(informKreistag, NOTICE_PAPER))).toEqual([]);
    });
  });

  it('names consultation fields that are missing or duplicated', () => {
    const broken = withConsultations([
      { ...committee, key: ' ' },
      { ...districtCommittee, organizationId: '' },
      { ...districtCouncil, key: districtCommittee.key },
    ]);
    expect(completenessProblems('Beschlussvorlage', broken)).toEqual([
      'consultations[0].key is required',
      'consultations[1].organizationId is required',
      'consultations[2].key must be unique',
    ]);
    expect(
      completenessProblems('Beschlussvorlage', withConsultations([{ ...districtCouncil, role: 'chair' as 'decisive', organizationKind: 'x' as 'committee' }])),
    ).toEqual(expect.arrayContaining(['consultations[0].organizationKind is invalid', 'consultations[0].role is invalid']));
  });

  it('lists every problem at once, so the user can fix them in one go', () => {
    expect(
      completenessProblems('Beschlussvorlage', {
        title: '',
        decisionProposal: '',
        facts: '',
        climateImpact: { effect: 'negative' },
        consultations: [],
      }),
    ).toEqual([
      'title is required',
      'decisionProposal is required',
      'facts is required',
      'climateImpact.justification is required unless effect is none',
      'at least one consultation is required',
    ]);
  });
});

describe('roles', () => {
  const context = { signOffSteps: ['department_head', 'district_director'] as Role[], signatures: [] };

  it('lets admin send every event and the auditor none', () => {
    for (const type of PAPER_EVENT_TYPES) {
      expect(mayAct(type, ACTORS.admin, context)).toBe(true);
      expect(mayAct(type, ACTORS.auditor, context)).toBe(false);
    }
  });

  it('binds sign-off events to the step that is due', () => {
    expect(requiredRoles('SIGN', context)).toEqual(['department_head']);
    expect(requiredRoles('REJECT_SIGNOFF', context)).toEqual(['department_head']);
    const afterOne = { ...context, signatures: [{ role: 'department_head' as Role, actorId: 'x', at: 't' }] };
    expect(requiredRoles('SIGN', afterOne)).toEqual(['district_director']);
    expect(mayAct('SIGN', ACTORS.fbl, afterOne)).toBe(false);
    expect(mayAct('SIGN', ACTORS.kd, afterOne)).toBe(true);
    const done = { ...afterOne, signatures: [...afterOne.signatures, { role: 'district_director' as Role, actorId: 'y', at: 't' }] };
    expect(requiredRoles('SIGN', done)).toEqual([]);
  });

  it('gives each fixed event to its role', () => {
    expect(EVENT_ROLES).toEqual({
      SUBMIT: ['clerk'],
      REGISTER: ['committee_office'],
      ANSWER: ['committee_office'],
      SIGN: 'nextSignOffStep',
      REJECT_SIGNOFF: 'nextSignOffStep',
      SCHEDULE: ['committee_office'],
      UNSCHEDULE: ['committee_office'],
      RECORD_RESULT: ['committee_office'],
      URGENT_DECISION: ['district_administrator'],
      APPROVE_URGENT_DECISION: ['committee_office'],
      OVERTURN_URGENT_DECISION: ['committee_office'],
      WITHDRAW: ['clerk'],
      START_IMPLEMENTATION: ['clerk'],
      CLOSE: ['clerk'],
      PREPARE_TASK: ['clerk'],
      OBJECT: ['district_administrator'],
      CONTEST: ['district_administrator'],
      SUPERVISORY_DECISION: ['committee_office'],
    });
  });

  it('adds up roles: an auditor who is also a clerk may act as clerk', () => {
    expect(mayAct('SUBMIT', { id: 'u', roles: ['auditor', 'clerk'] }, context)).toBe(true);
    expect(mayAct('SUBMIT', { id: 'u', roles: [] }, context)).toBe(false);
  });
});

describe('results', () => {
  it('allow per consultation role', () => {
    expect(allowedResults('preliminary')).toEqual(['recommended', 'not_recommended', 'postponed', 'referred']);
    expect(allowedResults('decisive')).toEqual(['adopted', 'adopted_amended', 'rejected', 'postponed', 'referred']);
    expect(allowedResults('info')).toEqual(['noted', 'postponed', 'referred']);
    expect(isResultAllowed('preliminary', 'adopted')).toBe(false);
    expect(isResultAllowed('info', 'recommended')).toBe(false);
    expect(isResultAllowed('decisive', 'noted')).toBe(false);
  });

  const consultation = (patch: Partial<ConsultationState> = {}): ConsultationState => ({
    key: 'k',
    organizationId: ORG.economy,
    organizationKind: 'committee',
    role: 'preliminary',
    origin: 'planned',
    ...patch,
  });
  const ctx = (consultations: ConsultationState[], current = 0): PaperContext => ({
    paperType: 'Beschlussvorlage',
    signOffSteps: [],
    signatures: [],
    signOffRejections: [],
    consultations,
    current,
    decisionTexts: [],
  });

  it('recordResultProblems explains each refusal', () => {
    expect(recordResultProblems(ctx([], -1), events.result('recommended'))).toEqual(['there is no current consultation']);
    expect(recordResultProblems(ctx([consultation({ result: 'recommended' })]), events.result('recommended'))).toEqual([
      'the current consultation already has a result',
    ]);
    expect(recordResultProblems(ctx([consultation()]), events.result('adopted'))).toEqual([
      'result adopted is not allowed for a preliminary consultation',
    ]);
    expect(recordResultProblems(ctx([consultation({ role: 'decisive' })]), events.result('adopted_amended'))).toEqual([
      'text is required for adopted_amended',
    ]);
    expect(recordResultProblems(ctx([consultation()]), events.result('referred'))).toEqual([
      'organizationId is required for referred',
      'organizationKind is required for referred',
    ]);
  });

  it('resultOutcome picks the transition: advance while bodies remain, exhausted after the last', () => {
    const two = ctx([consultation(), consultation({ key: 'k2', role: 'info' })]);
    expect(resultOutcome(two, events.result('recommended'))).toBe('advance');
    expect(resultOutcome({ ...two, current: 1 }, events.result('noted'))).toBe('exhausted');
    expect(resultOutcome(two, events.result('postponed'))).toBe('postpone');
    expect(resultOutcome(two, events.result('referred', { organizationId: ORG.finance, organizationKind: 'committee' }))).toBe('refer');
    const decisive = ctx([consultation({ role: 'decisive' })]);
    expect(resultOutcome(decisive, events.result('adopted'))).toBe('adopt');
    expect(resultOutcome(decisive, events.result('adopted_amended', { text: 'neu' }))).toBe('adoptAmended');
    expect(resultOutcome(decisive, events.result('rejected'))).toBe('reject');
    expect(resultOutcome(decisive, events.result('recommended'))).toBeUndefined();
  });

  it('urgent decisions need an open decisive consultation of a paper that asks for a decision', () => {
    const open = ctx([consultation(), consultation({ key: 'd', role: 'decisive' })]);
    expect(canDecideUrgently(open)).toBe(true);
    expect(canDecideUrgently({ ...open, paperType: 'Anfrage' })).toBe(false);
    expect(canDecideUrgently(ctx([consultation({ role: 'decisive', result: 'adopted' })]))).toBe(false);
    expect(urgentDecisionProblems(open, events.urgent())).toEqual([]);
    expect(urgentDecisionProblems(open, events.urgent({ decidedBy: 'district_administrator_with_member', text: '' }))).toEqual([
      'memberPersonId is required when decidedBy is district_administrator_with_member',
      'text is required',
    ]);
  });

  it('CLOSE needs zero open tasks', () => {
    const c = ctx([]);
    expect(payloadProblems(c, events.close(0))).toEqual([]);
    expect(payloadProblems(c, events.close(3))).toEqual(['all tasks must be done or cancelled before closing (3 open)']);
  });
});

describe('signOffChainProblem (the body’s chain must be contained, in order)', () => {
  const rule: Role[] = ['department_head', 'district_director', 'district_administrator'];

  it('accepts the rule itself and chains that only add steps', () => {
    expect(signOffChainProblem(rule, rule)).toBeUndefined();
    expect(signOffChainProblem(['district_administrator'], ['department_head', 'district_administrator'])).toBeUndefined();
    expect(signOffChainProblem([], [])).toBeUndefined();
    expect(signOffChainProblem([], ['department_head'])).toBeUndefined();
  });

  it('refuses a chain that drops or reorders a required step, naming the first one missing', () => {
    expect(signOffChainProblem(rule, [])).toMatch(/missing or out of order: department_head/);
    expect(signOffChainProblem(rule, ['department_head'])).toMatch(/missing or out of order: district_director/);
    expect(signOffChainProblem(rule, ['district_director', 'department_head', 'district_administrator'])).toMatch(/out of order: district_director/);
    expect(signOffChainProblem(['district_administrator'], ['department_head'])).toMatch(/district_administrator/);
  });
});
