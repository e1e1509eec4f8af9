import { initialTransition, transition } from 'xstate';
import { meetingMachine, meetingPayloadProblems, toMeetingStateKey } from './meeting.machine';
import { motionDuty } from './meeting.guards';
import { DEFAULT_RULES, type MeetingEvent, type RequestedMotion } from './meeting.types';

/** A Kreistag session on Wed 29.09.2021, 15:00 Berlin; the GO's deadline for Anträge 14 days. */
const START = '2021-09-29T13:00:00.000Z';
const office = { id: 'user-sitzungsdienst', roles: ['committee_office' as const] };
const planned = () => initialTransition(meetingMachine, { organizationId: 'org-kreistag', start: START })[0];

const motion = (p: Partial<RequestedMotion> = {}): RequestedMotion => ({
  paperId: 'antrag-1',
  reference: '2021/130',
  title: 'Digitale Sitzungsunterlagen',
  originatorName: 'Kreistagsfraktion A',
  // 15.09.2021, 10:00 Berlin: the last day within 14 days before 29.09.
  receivedAt: '2021-09-15T08:00:00.000Z',
  placementRight: 'fraction',
  placed: false,
  ...p,
});
const invite = (motions: RequestedMotion[], motionDeadlineDays: number | null = 14): MeetingEvent => ({
  type: 'INVITE',
  actor: office,
  at: '2021-09-16T08:00:00.000Z',
  rules: DEFAULT_RULES,
  members: [{ personId: 'p1' }],
  motions,
  motionDeadlineDays,
});

describe('§ 33 KrO NRW: an Antrag of a Fraktion or a fifth of the members, received within the GO’s deadline, must be on the agenda', () => {
  it('§ 33 KrO NRW: on time is received on the meeting’s Berlin day minus the deadline or earlier', () => {
    expect(motionDuty(motion(), START, 14)).toEqual({ deadline: '2021-09-15', onTime: true, due: true });
    // 16.09. 00:30 Berlin is still 15.09. in UTC: the Berlin day counts
    expect(motionDuty(motion({ receivedAt: '2021-09-15T22:30:00.000Z' }), START, 14)).toEqual({ deadline: '2021-09-15', onTime: false, due: false });
    expect(motionDuty(motion({ placementRight: null }), START, 14)).toEqual({ deadline: '2021-09-15', onTime: true, due: false });
    expect(motionDuty(motion(), START, null)).toEqual({ deadline: null, onTime: false, due: false });
  });

  it('§ 33 KrO NRW: INVITE is refused while a due Antrag is not on the agenda, naming it and the rule', () => {
    const s = planned();
    expect(s.can(invite([motion()]))).toBe(false);
    expect(meetingPayloadProblems(s.context, invite([motion()]))).toEqual([
      '§ 33 KrO NRW: Antrag 2021/130 "Digitale Sitzungsunterlagen" of the Fraktion Kreistagsfraktion A, received on 2021-09-15 within the deadline of 14 days (GO des Kreistags), must be on the agenda before the invitation',
    ]);
    const [invited] = transition(meetingMachine, s, invite([motion({ placed: true })]));
    expect(toMeetingStateKey(invited.value)).toBe('invited');
  });

  it('§ 33 KrO NRW: a late Antrag, or one without the right to be placed, does not hold up the invitation', () => {
    const s = planned();
    expect(s.can(invite([motion({ receivedAt: '2021-09-16T07:00:00.000Z' })]))).toBe(true);
    expect(s.can(invite([motion({ placementRight: null })]))).toBe(true);
    expect(s.can(invite([motion({ placementRight: 'fifth' })]))).toBe(false);
    expect(s.can(invite([motion()], null))).toBe(true);
  });
});

describe('GO des Kreistags: Änderungsanträge are voted before the main motion', () => {
  const inSession = () => {
    let s = planned();
    for (const e of [invite([]), { type: 'OPEN', actor: office, at: START } as MeetingEvent]) [s] = transition(meetingMachine, s, e);
    return s;
  };
  const itemResult = (openAmendments: string[]): MeetingEvent => ({
    type: 'RECORD_ITEM_RESULT',
    actor: office,
    at: START,
    itemId: 'item-11',
    result: 'adopted',
    present: 20,
    members: 28,
    rules: DEFAULT_RULES,
    openAmendments,
  });

  it('GO des Kreistags: the main motion’s result is refused while an Änderungsantrag on it is still proposed, naming it', () => {
    const s = inSession();
    expect(meetingPayloadProblems(s.context, itemResult(['Änderungsantrag 1 (Kreistagsfraktion B)']))).toEqual([
      'GO des Kreistags: Änderungsanträge are voted before the main motion; still proposed: Änderungsantrag 1 (Kreistagsfraktion B)',
    ]);
    expect(s.can(itemResult([]))).toBe(true);
  });

  it('an Änderungsantrag is voted only in session, adopted or rejected, under the quorum rules of items', () => {
    const amendmentResult = (result: string): MeetingEvent => ({
      type: 'RECORD_AMENDMENT_RESULT',
      actor: office,
      at: START,
      itemId: 'item-11',
      amendmentId: 'a1',
      result,
      present: 20,
      members: 28,
      rules: DEFAULT_RULES,
    });
    expect(planned().can(amendmentResult('adopted'))).toBe(false);
    expect(inSession().can(amendmentResult('adopted'))).toBe(true);
    expect(meetingPayloadProblems(inSession().context, amendmentResult('noted'))).toEqual(['an Änderungsantrag is adopted or rejected']);
  });
});
