/**
 * Test data for the paper machine specs: Vorlage 2021/119 as SUBMIT sees it, the demo
 * users as actors, and event builders. Plain data, no jest, so every spec can share it.
 */
import type { Role } from '../../identity/role';
import type {
  PaperActor,
  PaperEvent,
  PaperSubmission,
  PaperType,
  PlannedConsultation,
  RecordResultEvent,
} from '../paper.types';

export const ORG = {
  economy: 'org-ausschuss-wirtschaft-digitales',
  districtCommittee: 'org-kreisausschuss',
  districtCouncil: 'org-kreistag',
  finance: 'org-finanzausschuss',
} as const;

function actor(id: string, ...roles: Role[]): PaperActor {
  return { id, roles };
}

/** The demo users of CONTRACT.md. */
export const ACTORS = {
  clerk: actor('user-clerk', 'clerk'),
  fbl: actor('user-fbl', 'department_head'),
  kd: actor('user-kd', 'district_director'),
  landrat: actor('user-landrat', 'district_administrator'),
  office: actor('user-sitzungsdienst', 'committee_office'),
  auditor: actor('user-auditor', 'auditor'),
  admin: actor('user-admin', 'admin'),
  operator: actor('user-operator', 'operator'),
} as const;

export const ROLE_ACTORS: Record<Role, PaperActor> = {
  clerk: ACTORS.clerk,
  department_head: ACTORS.fbl,
  district_director: ACTORS.kd,
  district_administrator: ACTORS.landrat,
  committee_office: ACTORS.office,
  auditor: ACTORS.auditor,
  admin: ACTORS.admin,
  operator: ACTORS.operator,
};

export const VORLAGE_2021_119_CONSULTATIONS: PlannedConsultation[] = [
  {
    key: 'awd-2021-08-31',
    organizationId: ORG.economy,
    organizationKind: 'committee',
    role: 'preliminary',
    plannedDate: '2021-08-31',
    reporter: 'Herr Haumann',
    agendaItemNumber: '2.a',
  },
  {
    key: 'ka-2021-09-13',
    organizationId: ORG.districtCommittee,
    organizationKind: 'district_committee',
    role: 'preliminary',
    plannedDate: '2021-09-13',
    reporter: 'Herr Haumann',
    agendaItemNumber: '5',
  },
  {
    key: 'kt-2021-09-29',
    organizationId: ORG.districtCouncil,
    organizationKind: 'district_council',
    role: 'decisive',
    plannedDate: '2021-09-29',
    reporter: 'Herr Haumann',
    agendaItemNumber: '11',
  },
];

export const VORLAGE_2021_119: PaperSubmission = {
  title: 'Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen',
  decisionProposal:
    'Der Kreistag begrüßt die Vorgehensweise zur digitalen Zukunftsstrategie für den Kreis Recklinghausen ' +
    'und unterstützt das gemeinsame Vorgehen mit den kreisangehörigen Städten',
  facts:
    'Neben der intensiven Behandlung der Thematik im Kreistag am 17.05.2021 haben Gespräche des Bürgermeisters ' +
    'Rajko Kravanja aus Castrop-Rauxel als Verbandsvorsteher der GKD Recklinghausen … gezeigt, dass gemeinsamer ' +
    'Handlungsbedarf im weiteren Vorgehen besteht.',
  climateImpact: {
    effect: 'none',
    justification:
      'Die Digitalisierung ist ein wesentlicher Baustein um die Nachhaltigkeitsstrategie und den Klimaschutz im Kreis umsetzen zu können.',
  },
  consultations: VORLAGE_2021_119_CONSULTATIONS,
};

/** A Mitteilungsvorlage informing the committee and the Kreisausschuss. */
export const NOTICE_PAPER: PaperSubmission = {
  title: 'Sachstand Breitbandausbau',
  decisionProposal: 'Der Ausschuss nimmt den Sachstand zur Kenntnis.',
  facts: 'Bericht über den Stand des Ausbaus.',
  climateImpact: { effect: 'none' },
  consultations: [
    { key: 'awd-info', organizationId: ORG.economy, organizationKind: 'committee', role: 'info' },
    { key: 'ka-info', organizationId: ORG.districtCommittee, organizationKind: 'district_committee', role: 'info' },
  ],
};

/** A complete submission for any paper type. */
export function submissionFor(paperType: PaperType): PaperSubmission {
  return paperType === 'Beschlussvorlage' || paperType === 'Antrag' ? VORLAGE_2021_119 : NOTICE_PAPER;
}

/** Fixed, increasing timestamps, so snapshots are reproducible. */
export const AT = {
  submitted: '2021-08-02T08:00:00.000Z',
  signedFbl: '2021-08-03T09:00:00.000Z',
  signedKd: '2021-08-04T09:00:00.000Z',
  signedLandrat: '2021-08-05T09:00:00.000Z',
  scheduled: '2021-08-20T10:00:00.000Z',
  committee: '2021-08-31T15:00:00.000Z',
  districtCommittee: '2021-09-13T15:00:00.000Z',
  districtCouncil: '2021-09-29T17:00:00.000Z',
  implementation: '2021-10-04T08:00:00.000Z',
  /** The end of the Widerspruchsfrist after the Kreistag of 29.09.2021: end of 02.10.2021 in Berlin. */
  objectionWindowEnds: '2021-10-02T22:00:00.000Z',
  objected: '2021-10-01T09:00:00.000Z',
  closed: '2022-06-30T08:00:00.000Z',
  any: '2021-09-01T12:00:00.000Z',
} as const;

type Ev<T extends PaperEvent['type']> = Extract<PaperEvent, { type: T }>;

export const events = {
  submit: (paper: PaperSubmission = VORLAGE_2021_119, by: PaperActor = ACTORS.clerk, at: string = AT.submitted): Ev<'SUBMIT'> => ({
    type: 'SUBMIT',
    paper,
    actor: by,
    at,
  }),
  sign: (by: PaperActor, at: string = AT.any): Ev<'SIGN'> => ({ type: 'SIGN', actor: by, at }),
  /** An Antrag or Anfrage registered by the committee office as received from Fraktion A. */
  register: (paper: PaperSubmission = VORLAGE_2021_119, by: PaperActor = ROLE_ACTORS.committee_office, at: string = AT.submitted): Ev<'REGISTER'> => ({
    type: 'REGISTER',
    paper,
    motion: {
      originator: { kind: 'fraction', id: 'fraktion-a', name: 'Fraktion A' },
      receivedAt: at,
      supporterPersonIds: [],
      placementRight: 'fraction',
      registeredBy: by.id,
    },
    actor: by,
    at,
  }),
  answer: (answerPaperId: string, by: PaperActor = ACTORS.clerk, at: string = AT.any): Ev<'ANSWER'> => ({
    type: 'ANSWER',
    answerPaperId,
    reference: '2021/200',
    actor: by,
    at,
  }),
  prepareTask: (reason: string, by: PaperActor = ACTORS.clerk, taskId = 'task-1', at: string = AT.any): Ev<'PREPARE_TASK'> => ({
    type: 'PREPARE_TASK',
    taskId,
    reason,
    actor: by,
    at,
  }),
  rejectSignOff: (by: PaperActor, reason = 'Kosten fehlen', at: string = AT.any): Ev<'REJECT_SIGNOFF'> => ({
    type: 'REJECT_SIGNOFF',
    reason,
    actor: by,
    at,
  }),
  unschedule: (by: PaperActor = ACTORS.office, at: string = AT.scheduled): Ev<'UNSCHEDULE'> => ({
    type: 'UNSCHEDULE',
    actor: by,
    at,
  }),
  schedule: (
    date: string,
    agendaItemNumber: string,
    meetingId?: string,
    by: PaperActor = ACTORS.office,
    at: string = AT.scheduled,
  ): Ev<'SCHEDULE'> => ({
    type: 'SCHEDULE',
    date,
    agendaItemNumber,
    ...(meetingId !== undefined && { meetingId }),
    actor: by,
    at,
  }),
  result: (
    result: RecordResultEvent['result'],
    extra: Partial<Omit<RecordResultEvent, 'type' | 'result' | 'actor' | 'at'>> = {},
    by: PaperActor = ACTORS.office,
    at: string = AT.any,
  ): Ev<'RECORD_RESULT'> => ({ type: 'RECORD_RESULT', result, ...extra, actor: by, at }),
  urgent: (
    extra: Partial<Omit<Ev<'URGENT_DECISION'>, 'type' | 'actor' | 'at'>> = {},
    by: PaperActor = ACTORS.landrat,
    at: string = AT.any,
  ): Ev<'URGENT_DECISION'> => ({
    type: 'URGENT_DECISION',
    decidedBy: 'district_committee',
    text: 'Der Kreisausschuss beschließt dringlich: wie Beschlussvorschlag.',
    justification: 'Förderfrist endet vor der nächsten Kreistagssitzung.',
    ...extra,
    actor: by,
    at,
  }),
  approveUrgent: (by: PaperActor = ACTORS.office, at: string = AT.any): Ev<'APPROVE_URGENT_DECISION'> => ({
    type: 'APPROVE_URGENT_DECISION',
    actor: by,
    at,
  }),
  overturnUrgent: (
    thirdPartyRightsArisen: boolean,
    by: PaperActor = ACTORS.office,
    at: string = AT.any,
  ): Ev<'OVERTURN_URGENT_DECISION'> => ({ type: 'OVERTURN_URGENT_DECISION', thirdPartyRightsArisen, actor: by, at }),
  withdraw: (reason = 'Erledigt durch Ratsbeschluss', by: PaperActor = ACTORS.clerk, at: string = AT.any): Ev<'WITHDRAW'> => ({
    type: 'WITHDRAW',
    reason,
    actor: by,
    at,
  }),
  startImplementation: (by: PaperActor = ACTORS.clerk, at: string = AT.implementation): Ev<'START_IMPLEMENTATION'> => ({
    type: 'START_IMPLEMENTATION',
    actor: by,
    at,
  }),
  close: (openTasks: number, by: PaperActor = ACTORS.clerk, at: string = AT.closed): Ev<'CLOSE'> => ({
    type: 'CLOSE',
    openTasks,
    actor: by,
    at,
  }),
  /** § 39 Abs. 1 KrO NRW; the service adds the day and the bounds of the new session as here. */
  object: (reason = 'Der Beschluss gefährdet das Wohl des Kreises.', by: PaperActor = ACTORS.landrat, at: string = AT.objected): Ev<'OBJECT'> => ({
    type: 'OBJECT',
    reason,
    day: at.slice(0, 10),
    earliestSessionDay: '2021-10-04',
    latestSessionDay: '2021-10-29',
    actor: by,
    at,
  }),
  /** § 39 Abs. 2 KrO NRW. */
  contest: (reason = 'Der Beschluss verletzt das Vergaberecht.', by: PaperActor = ACTORS.landrat, at: string = AT.objected): Ev<'CONTEST'> => ({
    type: 'CONTEST',
    reason,
    actor: by,
    at,
  }),
  supervisory: (upheld: boolean, by: PaperActor = ACTORS.office, at: string = AT.closed): Ev<'SUPERVISORY_DECISION'> => ({
    type: 'SUPERVISORY_DECISION',
    upheld,
    authority: 'Bezirksregierung Münster',
    authorityReference: '31.1-RE-2021-17',
    decidedOn: '2022-01-20',
    actor: by,
    at,
  }),
};
