import { ROLES, type Role } from '../identity/role';
import { isMeetingEventPermitted, MEETING_EVENT_ROLES, mayActOnMeeting, meetingPayloadProblems, rulesProblems } from './meeting.guards';
import {
  DEFAULT_RULES,
  MEETING_EVENT_TYPES,
  type MeetingActor,
  type MeetingContext,
  type MeetingEvent,
  type MeetingEventType,
  type RulesOfProcedure,
} from './meeting.types';

/**
 * The meeting guards on their own: every refusal says why, and the happy path of each
 * event passes. The seed's committee session (Ausschuss für Wirtschaftspolitik und
 * Digitales, Tue 31.08.2021, 17:00 Berlin) with the GO des Kreistags' default rules:
 * Ladungsfrist 7 full days, urgent 3, Nachträge 3 days before, quorum more than 1/2.
 */

const START = '2021-08-31T15:00:00.000Z';

const actor = (id: string, ...roles: Role[]): MeetingActor => ({ id, roles });
const office = actor('user-sitzungsdienst', 'committee_office');
const chair = actor('user-landrat', 'district_administrator');
const recorder = actor('user-schriftfuehrer', 'clerk');
const MEMBERS = [{ personId: 'person-1' }, { personId: 'person-2' }, { personId: 'person-3' }];

/** A planned meeting: nothing has happened to it yet. */
function planned(patch: Partial<MeetingContext> = {}): MeetingContext {
  return {
    organizationId: 'org-ausschuss-wirtschaft-digitales',
    start: START,
    end: '2021-08-31T18:00:00.000Z',
    location: 'Kreishaus Recklinghausen',
    voidedInvitations: [],
    reschedules: [],
    agendaRevision: 0,
    ...patch,
  };
}
const INVITATION = { at: '2021-08-20T08:00:00.000Z', urgent: false, actorId: office.id, invitedPersonIds: MEMBERS.map((m) => m.personId) };
const invited = (patch: Partial<MeetingContext> = {}) => planned({ invitation: INVITATION, ...patch });
const inSession = (patch: Partial<MeetingContext> = {}) => invited({ openedAt: '2021-08-31T15:02:00.000Z', ...patch });
const held = (patch: Partial<MeetingContext> = {}) =>
  inSession({ closedAt: '2021-08-31T18:10:00.000Z', signatories: { chairUserId: chair.id, recorderUserId: recorder.id }, ...patch });

type EventOf<T extends MeetingEventType> = Extract<MeetingEvent, { type: T }>;
/** An event as a client might send it: any field may be wrong. */
function ev<T extends MeetingEventType>(type: T, fields: Record<string, unknown> = {}): EventOf<T> {
  return { type, actor: office, at: '2021-08-20T08:00:00.000Z', ...fields } as unknown as EventOf<T>;
}

describe('meeting guards', () => {
  describe('roles (who may send what)', () => {
    it('lets the Sitzungsdienst send every event and an admin too', () => {
      for (const type of MEETING_EVENT_TYPES) {
        expect(mayActOnMeeting(type, office)).toBe(true);
        expect(mayActOnMeeting(type, actor('user-admin', 'admin'))).toBe(true);
      }
    });

    it('lets any member of staff sign minutes (the designation decides); an item is settled on behalf of whoever may send the paper event', () => {
      // SETTLE_ITEM: the clerk withdraws, the Landrat decides urgently (§ 50 Abs. 3 KrO NRW); nothing else is staff's.
      const expected = { clerk: ['SETTLE_ITEM', 'SIGN_MINUTES'], department_head: ['SIGN_MINUTES'], district_director: ['SIGN_MINUTES'], district_administrator: ['SETTLE_ITEM', 'SIGN_MINUTES'] };
      for (const role of ['clerk', 'department_head', 'district_director', 'district_administrator'] as const) {
        const staff = actor(`user-${role}`, role);
        expect(MEETING_EVENT_TYPES.filter((type) => mayActOnMeeting(type, staff))).toEqual(expected[role]);
      }
    });

    it('refuses the auditor and the operator every event, and an actor without roles', () => {
      for (const type of MEETING_EVENT_TYPES) {
        expect(mayActOnMeeting(type, actor('user-auditor', 'auditor'))).toBe(false);
        expect(mayActOnMeeting(type, actor('user-operator', 'operator'))).toBe(false);
        expect(mayActOnMeeting(type, undefined)).toBe(false);
        expect(mayActOnMeeting(type, { id: 'x', roles: 'committee_office' } as unknown as MeetingActor)).toBe(false);
      }
    });

    it('lists a role for every event type, and only known roles', () => {
      expect(Object.keys(MEETING_EVENT_ROLES).sort()).toEqual([...MEETING_EVENT_TYPES].sort());
      for (const roles of Object.values(MEETING_EVENT_ROLES)) for (const role of roles) expect(ROLES).toContain(role);
    });
  });

  describe('rules of procedure (GO des Kreistags, data per organization)', () => {
    it('accepts the defaults', () => {
      expect(rulesProblems(DEFAULT_RULES)).toEqual([]);
    });

    it('names each field that is not a count, the counting kind and the quorum fraction', () => {
      expect(rulesProblems(undefined)).toEqual(['rules are required']);
      const bad = { invitationPeriodDays: -1, urgentInvitationPeriodDays: 1.5, lateAdditionDays: '3', quorumNumerator: null, invitationPeriodKind: 'weeks', quorumDenominator: 0 };
      expect(rulesProblems(bad as unknown as RulesOfProcedure)).toEqual([
        'rules.invitationPeriodDays must be a non-negative integer',
        'rules.urgentInvitationPeriodDays must be a non-negative integer',
        'rules.lateAdditionDays must be a non-negative integer',
        'rules.quorumNumerator must be a non-negative integer',
        'rules.invitationPeriodKind must be calendar, working or full',
        'rules.quorumDenominator must be a positive integer',
      ]);
      // A quorum of "more than 2/2" could never be reached.
      expect(rulesProblems({ ...DEFAULT_RULES, quorumNumerator: 2, quorumDenominator: 2 })).toEqual([
        'rules.quorumNumerator must be less than rules.quorumDenominator',
      ]);
    });
  });

  describe('any event', () => {
    it('needs an instant with an offset and a meeting with a valid start', () => {
      expect(meetingPayloadProblems(planned(), ev('OPEN', { at: '2021-08-31 17:00' }))).toEqual(['at must be an ISO instant']);
      expect(meetingPayloadProblems(planned(), ev('OPEN', { at: '2021-08-31T17:00:00' }))).toEqual(['at must be an ISO instant']);
      expect(meetingPayloadProblems(planned({ start: '31.08.2021' }), ev('OPEN', { at: START }))).toEqual(['the meeting has no valid start']);
    });

    it('refuses an event type it does not know', () => {
      expect(meetingPayloadProblems(planned(), ev('TELEPORT' as MeetingEventType))).toEqual(['unknown event']);
    });
  });

  describe('INVITE: the Ladungsfrist (GO des Kreistags: 7 full days, urgent 3)', () => {
    const invite = (fields: Record<string, unknown>) => ev('INVITE', { rules: DEFAULT_RULES, members: MEMBERS, ...fields });

    it('invites the 31.08. session on Monday 23.08. at the latest, and refuses Tuesday 24.08. naming the last day', () => {
      expect(meetingPayloadProblems(planned(), invite({ at: '2021-08-23T21:59:00.000Z' }))).toEqual([]); // 23:59 Berlin
      expect(meetingPayloadProblems(planned(), invite({ at: '2021-08-23T22:00:00.000Z' }))).toEqual([
        'the invitation period of 7 full days is not kept: a meeting on 2021-08-31 must be invited by 2021-08-23, not on 2021-08-24',
      ]);
    });

    it('counts working days when the organization says so (skipping the weekend)', () => {
      const rules: RulesOfProcedure = { ...DEFAULT_RULES, invitationPeriodKind: 'working', invitationPeriodDays: 5 };
      // Five working days strictly between: Tue 24.08. … Mon 30.08. → invited on Mon 23.08. at the latest.
      expect(meetingPayloadProblems(planned(), invite({ rules, at: '2021-08-23T08:00:00.000Z' }))).toEqual([]);
      expect(meetingPayloadProblems(planned(), invite({ rules, at: '2021-08-24T08:00:00.000Z' }))).toEqual([
        'the invitation period of 5 working days is not kept: a meeting on 2021-08-31 must be invited by 2021-08-23, not on 2021-08-24',
      ]);
    });

    it('applies the shortened period to an urgent invitation, which needs a reason', () => {
      expect(meetingPayloadProblems(planned(), invite({ at: '2021-08-27T08:00:00.000Z', urgent: true, reason: 'Förderfrist' }))).toEqual([]);
      expect(meetingPayloadProblems(planned(), invite({ at: '2021-08-28T08:00:00.000Z', urgent: true, reason: 'Förderfrist' }))).toEqual([
        'the urgent invitation period of 3 full days is not kept: a meeting on 2021-08-31 must be invited by 2021-08-27, not on 2021-08-28',
      ]);
      expect(meetingPayloadProblems(planned(), invite({ at: '2021-08-27T08:00:00.000Z', urgent: true, reason: '  ' }))).toEqual([
        'reason is required for an urgent invitation',
      ]);
      expect(meetingPayloadProblems(planned(), invite({ urgent: 'yes' }))).toEqual(['urgent must be a boolean']);
    });

    it('refuses an invitation after the start, and bad rules or members before looking at dates', () => {
      expect(meetingPayloadProblems(planned(), invite({ at: '2021-09-01T08:00:00.000Z' }))).toEqual(['the meeting must start after the invitation']);
      expect(meetingPayloadProblems(planned(), invite({ members: 'all' }))).toEqual(['members must be a list']);
      expect(meetingPayloadProblems(planned(), invite({ members: [{ personId: 'person-1' }, { personId: ' ' }, { personId: 'person-1' }] }))).toEqual([
        'members[1].personId is required',
        'members[2].personId must not repeat',
      ]);
      expect(meetingPayloadProblems(planned(), invite({ rules: undefined, at: '2021-09-01T08:00:00.000Z' }))).toEqual(['rules are required']);
    });
  });

  describe('OPEN', () => {
    it('opens from the meeting day on (Berlin), not the evening before', () => {
      expect(meetingPayloadProblems(invited(), ev('OPEN', { at: '2021-08-30T22:00:00.000Z' }))).toEqual([]); // 31.08., 00:00 Berlin
      expect(meetingPayloadProblems(invited(), ev('OPEN', { at: '2021-08-30T21:59:00.000Z' }))).toEqual([
        'the session can be opened from the meeting day (2021-08-31) on',
      ]);
    });
  });

  describe('ADD_ITEM: the agenda and Nachträge', () => {
    const addItem = (fields: Record<string, unknown> = {}) =>
      ev('ADD_ITEM', { itemId: 'item-2a', number: '2.a', public: true, paperId: 'paper-2021-119', rules: DEFAULT_RULES, ...fields });

    it('takes an item before the invitation without a reason', () => {
      expect(meetingPayloadProblems(planned(), addItem())).toEqual([]);
      expect(meetingPayloadProblems(planned(), addItem({ paperId: undefined }))).toEqual([]);
    });

    it('names each missing field', () => {
      expect(meetingPayloadProblems(planned(), addItem({ itemId: '', number: ' ', public: 'ja', paperId: '' }))).toEqual([
        'itemId is required',
        'number is required',
        'public must be a boolean',
        'paperId must not be blank',
      ]);
    });

    it('after the invitation an item is a Nachtrag: it needs a reason and must come before the Nachtrag deadline (end of Fri 27.08.)', () => {
      expect(meetingPayloadProblems(invited(), addItem({ at: '2021-08-25T08:00:00.000Z' }))).toEqual([
        'urgentReason is required for an item added after the invitation',
      ]);
      expect(meetingPayloadProblems(invited(), addItem({ at: '2021-08-27T21:59:59.000Z', urgentReason: 'Förderfrist' }))).toEqual([]);
      expect(meetingPayloadProblems(invited(), addItem({ at: '2021-08-27T22:00:00.000Z', urgentReason: 'Förderfrist' }))).toEqual([
        'the deadline for late additions passed at 2021-08-27T22:00:00.000Z; add the item in the session',
      ]);
    });

    it('lets the session itself add a Nachtrag after the deadline, with a reason', () => {
      expect(meetingPayloadProblems(inSession(), addItem({ at: '2021-08-31T16:00:00.000Z', urgentReason: 'Dringlich' }))).toEqual([]);
      expect(meetingPayloadProblems(inSession(), addItem({ at: '2021-08-31T16:00:00.000Z' }))).toEqual([
        'urgentReason is required for an item added after the invitation',
      ]);
    });
  });

  describe('UPDATE_ITEM and REMOVE_ITEM', () => {
    it('need the item and no blank number or title', () => {
      expect(meetingPayloadProblems(invited(), ev('UPDATE_ITEM', { itemId: 'item-2a', number: '2.b' }))).toEqual([]);
      expect(meetingPayloadProblems(invited(), ev('UPDATE_ITEM', { itemId: '', number: '', title: ' ' }))).toEqual([
        'itemId is required',
        'number must not be blank',
        'title must not be blank',
      ]);
      expect(meetingPayloadProblems(invited(), ev('REMOVE_ITEM', { itemId: 'item-2a' }))).toEqual([]);
      expect(meetingPayloadProblems(invited(), ev('REMOVE_ITEM', {}))).toEqual(['itemId is required']);
    });
  });

  describe('RECORD_ATTENDANCE', () => {
    it('takes counts, and checks rules only when given', () => {
      expect(meetingPayloadProblems(inSession(), ev('RECORD_ATTENDANCE', { present: 12, members: 15 }))).toEqual([]);
      expect(meetingPayloadProblems(inSession(), ev('RECORD_ATTENDANCE', { present: 16, members: 15 }))).toEqual(['present must not exceed members']);
      expect(meetingPayloadProblems(inSession(), ev('RECORD_ATTENDANCE', { present: -1, members: 15 }))).toEqual([
        'present and members must be non-negative integers',
      ]);
      expect(meetingPayloadProblems(inSession(), ev('RECORD_ATTENDANCE', { present: 12, members: 15, rules: { ...DEFAULT_RULES, quorumDenominator: 0 } }))).toEqual([
        'rules.quorumDenominator must be a positive integer',
      ]);
    });
  });

  describe('Beschlussfähigkeit (§ 34 KrO NRW): presumed until the lack is established', () => {
    const result = (fields: Record<string, unknown>) =>
      ev('RECORD_ITEM_RESULT', { at: '2021-08-31T16:00:00.000Z', itemId: 'item-2a', result: 'recommended', rules: DEFAULT_RULES, ...fields });
    const lack = { at: '2021-08-31T15:30:00.000Z', actorId: office.id, present: 7, members: 15 };

    it('records a result with 3 of 15 present while nobody established the lack of quorum', () => {
      expect(meetingPayloadProblems(inSession(), result({ present: 3, members: 15 }))).toEqual([]);
    });

    it('refuses a result with 7 of 15 present once the lack is established, naming the count and the fraction', () => {
      expect(meetingPayloadProblems(inSession({ quorumLack: lack }), result({ present: 7, members: 15 }))).toEqual([
        'the lack of quorum was established: 7 of 15 members present, more than 1/2 needed',
      ]);
      // 8 of 15 is more than half: quorate again.
      expect(meetingPayloadProblems(inSession({ quorumLack: lack }), result({ present: 8, members: 15 }))).toEqual([]);
    });

    it('still puts a matter back (postponed), and decides a second summons whatever the attendance', () => {
      expect(meetingPayloadProblems(inSession({ quorumLack: lack }), result({ present: 2, members: 15, result: 'postponed' }))).toEqual([]);
      expect(meetingPayloadProblems(inSession({ quorumLack: lack }), result({ present: 2, members: 15, secondSummons: true }))).toEqual([]);
      expect(meetingPayloadProblems(inSession({ quorumLack: lack }), result({ present: 2, members: 15, secondSummons: 'ja' }))).toEqual([
        'secondSummons must be a boolean',
      ]);
    });

    it('names a missing item, result or count', () => {
      expect(meetingPayloadProblems(inSession(), result({ itemId: '', result: ' ', present: 20, members: 15 }))).toEqual([
        'present must not exceed members',
        'itemId is required',
        'result is required',
      ]);
    });

    it('establishes the lack only when it exists', () => {
      const noQuorum = (present: number) => ev('ESTABLISH_NO_QUORUM', { at: '2021-08-31T16:00:00.000Z', present, members: 15, rules: DEFAULT_RULES });
      expect(meetingPayloadProblems(inSession(), noQuorum(7))).toEqual([]);
      expect(meetingPayloadProblems(inSession(), noQuorum(8))).toEqual(['the meeting is quorate: 8 of 15 members present']);
      expect(meetingPayloadProblems(inSession(), ev('ESTABLISH_NO_QUORUM', { present: 7, members: 15 }))).toEqual(['rules are required']);
    });
  });

  describe('CLOSE', () => {
    it('closes only when every item is decided, postponed or removed', () => {
      expect(meetingPayloadProblems(inSession(), ev('CLOSE', { openItems: 0 }))).toEqual([]);
      expect(meetingPayloadProblems(inSession(), ev('CLOSE', { openItems: 2 }))).toEqual(['2 agenda item(s) are still open']);
      expect(meetingPayloadProblems(inSession(), ev('CLOSE', { openItems: -1 }))).toEqual(['openItems must be a non-negative integer']);
    });
  });

  describe('CANCEL and RESCHEDULE', () => {
    it('cancel needs a reason and the members to tell', () => {
      expect(meetingPayloadProblems(invited(), ev('CANCEL', { reason: 'Beschlussunfähigkeit absehbar', members: MEMBERS }))).toEqual([]);
      expect(meetingPayloadProblems(invited(), ev('CANCEL', { reason: '', members: undefined }))).toEqual(['members must be a list', 'reason is required']);
    });

    const reschedule = (fields: Record<string, unknown>) =>
      ev('RESCHEDULE', { reason: 'Raum belegt', members: MEMBERS, start: '2021-09-07T15:00:00.000Z', ...fields });

    it('moves the session to a new start in the future', () => {
      expect(meetingPayloadProblems(invited(), reschedule({}))).toEqual([]);
      expect(meetingPayloadProblems(invited(), reschedule({ end: '2021-09-07T18:00:00.000Z' }))).toEqual([]);
    });

    it('names what is wrong with the new start, end and reason', () => {
      expect(meetingPayloadProblems(invited(), reschedule({ reason: ' ', start: '07.09.2021' }))).toEqual(['reason is required', 'start must be an ISO instant']);
      expect(meetingPayloadProblems(invited(), reschedule({ start: '2021-08-19T15:00:00.000Z' }))).toEqual(['the new start must be in the future']);
      // The same instant written with the Berlin offset is no new start.
      expect(meetingPayloadProblems(invited(), reschedule({ start: '2021-08-31T17:00:00+02:00' }))).toEqual(['the new start must differ from the current start']);
      expect(meetingPayloadProblems(invited(), reschedule({ end: 'abends' }))).toEqual(['end must be an ISO instant']);
      expect(meetingPayloadProblems(invited(), reschedule({ end: '2021-09-07T15:00:00.000Z' }))).toEqual(['end must be after start']);
    });
  });

  describe('Niederschrift (§ 37 KrO NRW): signed by the chair and the Schriftführer designated for the meeting', () => {
    const designate = (chairUserId: unknown, recorderUserId: unknown) => ev('DESIGNATE_SIGNATORIES', { chairUserId, recorderUserId });

    it('designates two different persons, until the first signature', () => {
      expect(meetingPayloadProblems(held({ signatories: undefined }), designate(chair.id, recorder.id))).toEqual([]);
      expect(meetingPayloadProblems(held(), designate('', undefined))).toEqual(['chairUserId is required', 'recorderUserId is required']);
      expect(meetingPayloadProblems(held(), designate(chair.id, chair.id))).toEqual(['the chair and the recorder must be different persons']);
      const signed = held({ minutesSignatures: { chair: { userId: chair.id, at: '2021-09-10T08:00:00.000Z' } } });
      expect(meetingPayloadProblems(signed, designate(chair.id, recorder.id))).toEqual(['the minutes are already being signed']);
    });

    const sign = (as: unknown, by: MeetingActor) => ev('SIGN_MINUTES', { as, actor: by, at: '2021-09-10T08:00:00.000Z' });

    it('lets each designated person sign their own part', () => {
      expect(meetingPayloadProblems(held(), sign('chair', chair))).toEqual([]);
      expect(meetingPayloadProblems(held(), sign('recorder', recorder))).toEqual([]);
    });

    it('refuses anyone else, a second signature, an unknown part and a meeting without designation', () => {
      expect(meetingPayloadProblems(held(), sign('chair', recorder))).toEqual(['only the designated chair signs as chair']);
      expect(meetingPayloadProblems(held(), sign('recorder', office))).toEqual(['only the designated recorder signs as recorder']);
      const chairSigned = held({ minutesSignatures: { chair: { userId: chair.id, at: '2021-09-10T08:00:00.000Z' } } });
      expect(meetingPayloadProblems(chairSigned, sign('chair', chair))).toEqual(['the chair has already signed']);
      expect(meetingPayloadProblems(chairSigned, sign('recorder', recorder))).toEqual([]);
      expect(meetingPayloadProblems(held(), sign('mayor', chair))).toEqual(['as must be chair or recorder']);
      expect(meetingPayloadProblems(held({ signatories: undefined }), sign('chair', chair))).toEqual(['no chair and recorder are designated for this meeting']);
    });

    it('approval names the approving meeting and item; Einwendungen are text', () => {
      const approve = (fields: Record<string, unknown>) => ev('APPROVE_MINUTES', { approvingMeetingId: 'meeting-ka', agendaItemId: 'item-1', ...fields });
      expect(meetingPayloadProblems(held(), approve({}))).toEqual([]);
      expect(meetingPayloadProblems(held(), approve({ objections: 'TOP 3 berichtigt' }))).toEqual([]);
      expect(meetingPayloadProblems(held(), approve({ objections: 3, approvingMeetingId: '', agendaItemId: ' ' }))).toEqual([
        'objections must be text',
        'approvingMeetingId is required',
        'agendaItemId is required',
      ]);
    });
  });

  describe('isMeetingEventPermitted: role and payload together', () => {
    const invite = (by: MeetingActor, at: string) => ev('INVITE', { actor: by, at, rules: DEFAULT_RULES, members: MEMBERS });

    it('permits the office in time, and refuses the wrong role or a late invitation', () => {
      expect(isMeetingEventPermitted(planned(), invite(office, '2021-08-20T08:00:00.000Z'))).toBe(true);
      expect(isMeetingEventPermitted(planned(), invite(actor('user-clerk', 'clerk'), '2021-08-20T08:00:00.000Z'))).toBe(false);
      expect(isMeetingEventPermitted(planned(), invite(office, '2021-08-25T08:00:00.000Z'))).toBe(false);
    });
  });
});
