import {
  addDays,
  berlinDate,
  berlinMidnight,
  earliestMeetingDate,
  earliestStart,
  invitationInTime,
  isQuorate,
  isWorkingDay,
  lateAdditionDeadline,
  lateAdditionInTime,
  latestInvitationDate,
  latestInvitationDay,
} from './invitation-period';
import { DEFAULT_RULES, PERIOD_KINDS, type RulesOfProcedure } from './meeting.types';

/** The seed's meetings, 17:00 Berlin: Ausschuss 31.08., Kreisausschuss 13.09., Kreistag 29.09.2021. */
const COMMITTEE = '2021-08-31T15:00:00.000Z';
const DISTRICT_COMMITTEE = '2021-09-13T15:00:00.000Z';
const DISTRICT_COUNCIL = '2021-09-29T15:00:00.000Z';

const rules = (patch: Partial<RulesOfProcedure> = {}): RulesOfProcedure => ({ ...DEFAULT_RULES, ...patch });

describe('berlinDate', () => {
  it('gives the Berlin day, not the UTC day, around midnight in summer and winter', () => {
    expect(berlinDate('2021-08-30T21:59:59.999Z')).toBe('2021-08-30');
    expect(berlinDate('2021-08-30T22:00:00.000Z')).toBe('2021-08-31'); // 00:00 CEST
    expect(berlinDate('2021-12-31T22:59:59.999Z')).toBe('2021-12-31');
    expect(berlinDate('2021-12-31T23:00:00.000Z')).toBe('2022-01-01'); // 00:00 CET
    expect(berlinDate(new Date('2021-08-31T15:00:00.000Z'))).toBe('2021-08-31');
    expect(berlinDate('2021-08-31T17:00:00+02:00')).toBe('2021-08-31');
  });

  it('refuses what is not an instant', () => {
    expect(() => berlinDate('gestern')).toThrow(RangeError);
  });
});

describe('berlinMidnight', () => {
  it('is 22:00 UTC the day before in summer and 23:00 UTC in winter', () => {
    expect(berlinMidnight('2021-08-31')).toBe('2021-08-30T22:00:00.000Z');
    expect(berlinMidnight('2021-01-15')).toBe('2021-01-14T23:00:00.000Z');
  });

  it('is right on the days the clocks change (2021-03-28 and 2021-10-31) and the days after', () => {
    // Clocks go forward at 02:00 on 28.03.: that midnight is still CET.
    expect(berlinMidnight('2021-03-28')).toBe('2021-03-27T23:00:00.000Z');
    expect(berlinMidnight('2021-03-29')).toBe('2021-03-28T22:00:00.000Z');
    // Clocks go back at 03:00 on 31.10.: that midnight is still CEST.
    expect(berlinMidnight('2021-10-31')).toBe('2021-10-30T22:00:00.000Z');
    expect(berlinMidnight('2021-11-01')).toBe('2021-10-31T23:00:00.000Z');
    // The DST days are 23 and 25 hours long.
    const hours = (a: string, b: string) => (Date.parse(berlinMidnight(b)) - Date.parse(berlinMidnight(a))) / 3_600_000;
    expect(hours('2021-03-28', '2021-03-29')).toBe(23);
    expect(hours('2021-10-31', '2021-11-01')).toBe(25);
  });

  it('round-trips with berlinDate, and the instant a millisecond earlier is the day before', () => {
    for (let d = '2021-01-01'; d <= '2021-12-31'; d = addDays(d, 1)) {
      const midnight = berlinMidnight(d);
      expect(berlinDate(midnight)).toBe(d);
      expect(berlinDate(new Date(Date.parse(midnight) - 1))).toBe(addDays(d, -1));
    }
  });

  it('refuses what is not a calendar day', () => {
    expect(() => berlinMidnight('2021-02-29')).toThrow(RangeError);
    expect(() => berlinMidnight('31.08.2021')).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it('knows the NRW holidays Allerheiligen and Fronleichnam', () => {
    expect(isWorkingDay('2021-11-01')).toBe(false); // Allerheiligen, Monday
    expect(isWorkingDay('2021-06-03')).toBe(false); // Fronleichnam, Thursday
    expect(isWorkingDay('2021-06-02')).toBe(true);
    expect(isWorkingDay('2021-06-04')).toBe(true);
    expect(isWorkingDay('2021-11-02')).toBe(true);
    expect(isWorkingDay('2021-12-24')).toBe(true); // Heiligabend is no public holiday
    expect(isWorkingDay('2021-12-27')).toBe(true);
  });

  it('does not take Reformationstag for an NRW holiday', () => {
    expect(isWorkingDay('2021-10-31')).toBe(false); // a Sunday anyway
    expect(isWorkingDay('2022-10-31')).toBe(true); // a Monday: working day in NRW
    expect(isWorkingDay('2022-11-01')).toBe(false); // Allerheiligen, Tuesday
  });

  it('counts Saturday and Sunday out', () => {
    expect(['2021-08-27', '2021-08-28', '2021-08-29', '2021-08-30'].map(isWorkingDay)).toEqual([true, false, false, true]);
  });
});

describe('earliestMeetingDate', () => {
  it('full days (default): 7 whole days strictly between invitation and meeting', () => {
    // Invited 23.08.: 24.–30.08. are 7 full days, so 31.08. is the earliest meeting day.
    expect(earliestMeetingDate('2021-08-23', 7, 'full')).toBe('2021-08-31');
    expect(earliestMeetingDate('2021-08-24', 7, 'full')).toBe('2021-09-01');
    expect(earliestMeetingDate('2021-08-23', 0, 'full')).toBe('2021-08-24');
  });

  it('calendar days: the meeting day is at least `days` after the invitation day', () => {
    expect(earliestMeetingDate('2021-08-23', 7, 'calendar')).toBe('2021-08-30');
    expect(earliestMeetingDate('2021-08-24', 7, 'calendar')).toBe('2021-08-31');
    expect(earliestMeetingDate('2021-08-23', 0, 'calendar')).toBe('2021-08-23');
  });

  it('working days: skips the weekend', () => {
    // Invited Fri 20.08.: Mon 23., Tue 24., Wed 25. are 3 working days → Thu 26.
    expect(earliestMeetingDate('2021-08-20', 3, 'working')).toBe('2021-08-26');
    // Invited Wed 25.08.: Thu 26., Fri 27. and Mon 30. → Tue 31.
    expect(earliestMeetingDate('2021-08-25', 3, 'working')).toBe('2021-08-31');
    // Invited Fri: one working day (Mon) between → Tue; the meeting may be on a Saturday too.
    expect(earliestMeetingDate('2021-08-20', 1, 'working')).toBe('2021-08-24');
    expect(earliestMeetingDate('2021-08-25', 1, 'working')).toBe('2021-08-27');
    expect(earliestMeetingDate('2021-08-26', 1, 'working')).toBe('2021-08-28');
    expect(earliestMeetingDate('2021-08-20', 0, 'working')).toBe('2021-08-21');
  });

  it('working days: skips Fronleichnam (03.06.2021) and Allerheiligen (01.11.2021)', () => {
    // Invited Tue 01.06.: Wed 2., (Thu 3. holiday), Fri 4., Mon 7. → Tue 08.06.
    expect(earliestMeetingDate('2021-06-01', 3, 'working')).toBe('2021-06-08');
    // The same a week later, without a holiday: Wed, Thu, Fri → already Sat 12.06.
    expect(earliestMeetingDate('2021-06-08', 3, 'working')).toBe('2021-06-12');
    // Invited Fri 29.10.: Sat, Sun, Mon 1.11. holiday, Tue 2. is the one working day → Wed 03.11.
    expect(earliestMeetingDate('2021-10-29', 1, 'working')).toBe('2021-11-03');
  });

  it('refuses negative or fractional days and unknown kinds', () => {
    expect(() => earliestMeetingDate('2021-08-23', -1, 'full')).toThrow(RangeError);
    expect(() => earliestMeetingDate('2021-08-23', 1.5, 'full')).toThrow(RangeError);
    expect(() => earliestMeetingDate('2021-08-23', 7, 'weeks' as never)).toThrow(RangeError);
  });
});

describe('latestInvitationDate is the exact inverse of earliestMeetingDate', () => {
  it('names the seed meetings’ last invitation days (7 full days)', () => {
    expect(latestInvitationDate('2021-08-31', 7, 'full')).toBe('2021-08-23');
    expect(latestInvitationDate('2021-09-13', 7, 'full')).toBe('2021-09-05');
    expect(latestInvitationDate('2021-09-29', 7, 'full')).toBe('2021-09-21');
    expect(latestInvitationDate('2021-06-08', 3, 'working')).toBe('2021-06-01');
    expect(latestInvitationDate('2021-08-26', 3, 'working')).toBe('2021-08-22'); // the Sunday before Mon–Wed
  });

  it.each(PERIOD_KINDS)('%s: a notice sent on L is in time for M iff L ≤ latestInvitationDate(M)', (kind) => {
    // Around Fronleichnam and a few weekends; every day count from 0 to 8.
    for (let meeting = '2021-05-25'; meeting <= '2021-06-20'; meeting = addDays(meeting, 1)) {
      for (let days = 0; days <= 8; days++) {
        const latest = latestInvitationDate(meeting, days, kind);
        for (let sent = addDays(meeting, -20); sent <= meeting; sent = addDays(sent, 1)) {
          const inTime = earliestMeetingDate(sent, days, kind) <= meeting;
          expect([kind, meeting, days, sent, inTime]).toEqual([kind, meeting, days, sent, sent <= latest]);
        }
      }
    }
  });
});

describe('invitationInTime / earliestStart / latestInvitationDay', () => {
  it.each([
    ['Ausschuss', COMMITTEE, '2021-08-23'],
    ['Kreisausschuss', DISTRICT_COMMITTEE, '2021-09-05'],
    ['Kreistag', DISTRICT_COUNCIL, '2021-09-21'],
  ])('%s: invited on %s at the latest', (_body, start, lastDay) => {
    expect(latestInvitationDay(start, DEFAULT_RULES, false)).toBe(lastDay);
    // The whole last day counts, up to 23:59:59.999 Berlin; 00:00 the next day is late.
    const lastInstant = new Date(Date.parse(berlinMidnight(addDays(lastDay, 1))) - 1).toISOString();
    expect(invitationInTime(start, berlinMidnight(lastDay), DEFAULT_RULES, false)).toBe(true);
    expect(invitationInTime(start, lastInstant, DEFAULT_RULES, false)).toBe(true);
    expect(invitationInTime(start, berlinMidnight(addDays(lastDay, 1)), DEFAULT_RULES, false)).toBe(false);
  });

  it('the committee meeting of 31.08.2021: 23.08. is in time, 24.08. is not', () => {
    expect(invitationInTime(COMMITTEE, '2021-08-23T08:00:00.000Z', DEFAULT_RULES, false)).toBe(true);
    // 23.08. 23:30 Berlin is 21:30 UTC: still the 23rd.
    expect(invitationInTime(COMMITTEE, '2021-08-23T21:30:00.000Z', DEFAULT_RULES, false)).toBe(true);
    // 24.08. 00:30 Berlin is 22:30 UTC on the 23rd: already too late.
    expect(invitationInTime(COMMITTEE, '2021-08-23T22:30:00.000Z', DEFAULT_RULES, false)).toBe(false);
    expect(invitationInTime(COMMITTEE, '2021-08-24T08:00:00.000Z', DEFAULT_RULES, false)).toBe(false);
    expect(invitationInTime(COMMITTEE, '2021-08-20T08:00:00.000Z', DEFAULT_RULES, false)).toBe(true);
  });

  it('the urgent period is 3 full days: invited on 27.08. for 31.08., not on 28.08.', () => {
    expect(invitationInTime(COMMITTEE, '2021-08-27T10:00:00.000Z', DEFAULT_RULES, true)).toBe(true);
    expect(invitationInTime(COMMITTEE, '2021-08-28T10:00:00.000Z', DEFAULT_RULES, true)).toBe(false);
    expect(invitationInTime(COMMITTEE, '2021-08-27T10:00:00.000Z', DEFAULT_RULES, false)).toBe(false);
    expect(latestInvitationDay(COMMITTEE, DEFAULT_RULES, true)).toBe('2021-08-27');
  });

  it('the meeting’s time of day does not matter, only its Berlin day', () => {
    // 31.08. 00:30 Berlin is 30.08. 22:30 UTC.
    expect(invitationInTime('2021-08-30T22:30:00.000Z', '2021-08-23T08:00:00.000Z', DEFAULT_RULES, false)).toBe(true);
    // 30.08. 23:30 Berlin is one day earlier: 23.08. is too late for it.
    expect(invitationInTime('2021-08-30T21:30:00.000Z', '2021-08-23T08:00:00.000Z', DEFAULT_RULES, false)).toBe(false);
  });

  it('counts with the organization’s kind of days', () => {
    const working = rules({ invitationPeriodKind: 'working', invitationPeriodDays: 5 });
    // 31.08. (Tue): Mon 30., Fri 27., Thu 26., Wed 25., Tue 24. → invited Mon 23.08.
    expect(invitationInTime(COMMITTEE, '2021-08-23T08:00:00.000Z', working, false)).toBe(true);
    expect(invitationInTime(COMMITTEE, '2021-08-24T08:00:00.000Z', working, false)).toBe(false);
    const calendar = rules({ invitationPeriodKind: 'calendar' });
    expect(invitationInTime(COMMITTEE, '2021-08-24T08:00:00.000Z', calendar, false)).toBe(true);
    expect(invitationInTime(COMMITTEE, '2021-08-25T08:00:00.000Z', calendar, false)).toBe(false);
  });

  it('earliestStart is 00:00 Berlin of the earliest meeting day', () => {
    expect(earliestStart('2021-08-23T08:00:00.000Z', DEFAULT_RULES, false)).toBe('2021-08-30T22:00:00.000Z');
    expect(earliestStart('2021-08-24T08:00:00.000Z', DEFAULT_RULES, false)).toBe('2021-08-31T22:00:00.000Z');
    expect(earliestStart('2021-08-23T08:00:00.000Z', DEFAULT_RULES, true)).toBe('2021-08-26T22:00:00.000Z');
    // Invited on 23.10.: the earliest day 31.10. starts in CEST, 01.11. in CET.
    expect(earliestStart('2021-10-23T08:00:00.000Z', DEFAULT_RULES, false)).toBe('2021-10-30T22:00:00.000Z');
    expect(earliestStart('2021-10-24T08:00:00.000Z', DEFAULT_RULES, false)).toBe('2021-10-31T23:00:00.000Z');
  });
});

describe('lateAdditionDeadline', () => {
  it('is the end of the last Berlin day before the meeting with 3 full days in between', () => {
    // Meeting Tue 31.08.: 28., 29., 30. are the 3 full days; the last day is Fri 27.08.
    // The bound is exclusive: 00:00 Berlin on Sat 28.08.
    expect(lateAdditionDeadline(COMMITTEE, DEFAULT_RULES)).toBe('2021-08-27T22:00:00.000Z');
    expect(lateAdditionInTime(COMMITTEE, '2021-08-27T21:59:59.999Z', DEFAULT_RULES)).toBe(true);
    expect(lateAdditionInTime(COMMITTEE, '2021-08-27T22:00:00.000Z', DEFAULT_RULES)).toBe(false);
    expect(lateAdditionInTime(COMMITTEE, '2021-08-30T08:00:00.000Z', DEFAULT_RULES)).toBe(false);
    expect(lateAdditionInTime(COMMITTEE, '2021-08-20T08:00:00.000Z', DEFAULT_RULES)).toBe(true);
  });

  it('counts like the invitation period: calendar and working days', () => {
    // Calendar: last day 28.08. (31 − 3).
    expect(lateAdditionDeadline(COMMITTEE, rules({ invitationPeriodKind: 'calendar' }))).toBe('2021-08-28T22:00:00.000Z');
    // Working: Mon 30., Fri 27., Thu 26. between → last day Wed 25.08.
    expect(lateAdditionDeadline(COMMITTEE, rules({ invitationPeriodKind: 'working' }))).toBe('2021-08-25T22:00:00.000Z');
    // Working across Fronleichnam: meeting Tue 08.06.: Mon 7., Fri 4., Wed 2. → last day Tue 01.06.
    expect(lateAdditionDeadline('2021-06-08T15:00:00.000Z', rules({ invitationPeriodKind: 'working' }))).toBe(
      '2021-06-01T22:00:00.000Z',
    );
  });

  it('lands on the Berlin midnight even when the bound falls on a DST change', () => {
    // Meeting Wed 03.11.2021, 3 full days (31.10., 01.11., 02.11.): last day Sat 30.10.,
    // bound 00:00 on Sun 31.10., which is still CEST.
    expect(lateAdditionDeadline('2021-11-03T17:00:00.000Z', DEFAULT_RULES)).toBe('2021-10-30T22:00:00.000Z');
    expect(lateAdditionDeadline('2021-11-04T17:00:00.000Z', DEFAULT_RULES)).toBe('2021-10-31T23:00:00.000Z');
  });

  it('with 0 days of kind calendar allows additions up to the end of the meeting day', () => {
    expect(lateAdditionDeadline(COMMITTEE, rules({ lateAdditionDays: 0, invitationPeriodKind: 'calendar' }))).toBe(
      '2021-08-31T22:00:00.000Z',
    );
    expect(lateAdditionDeadline(COMMITTEE, rules({ lateAdditionDays: 0 }))).toBe('2021-08-30T22:00:00.000Z');
  });
});

describe('isQuorate', () => {
  it('needs more than half of the members by default', () => {
    expect(isQuorate(8, 15, DEFAULT_RULES)).toBe(true);
    expect(isQuorate(7, 15, DEFAULT_RULES)).toBe(false);
    expect(isQuorate(8, 14, DEFAULT_RULES)).toBe(true);
    expect(isQuorate(7, 14, DEFAULT_RULES)).toBe(false); // exactly half is not more than half
    expect(isQuorate(1, 1, DEFAULT_RULES)).toBe(true);
    expect(isQuorate(0, 1, DEFAULT_RULES)).toBe(false);
  });

  it('follows other fractions', () => {
    const twoThirds = rules({ quorumNumerator: 2, quorumDenominator: 3 });
    expect(isQuorate(10, 15, twoThirds)).toBe(false);
    expect(isQuorate(11, 15, twoThirds)).toBe(true);
    const third = rules({ quorumNumerator: 1, quorumDenominator: 3 });
    expect(isQuorate(5, 15, third)).toBe(false);
    expect(isQuorate(6, 15, third)).toBe(true);
  });

  it('is never quorate without members or with impossible counts', () => {
    expect(isQuorate(0, 0, DEFAULT_RULES)).toBe(false);
    expect(isQuorate(16, 15, DEFAULT_RULES)).toBe(false);
    expect(isQuorate(-1, 15, DEFAULT_RULES)).toBe(false);
    expect(isQuorate(8.5, 15, DEFAULT_RULES)).toBe(false);
    expect(isQuorate(8, 15, rules({ quorumDenominator: 0 }))).toBe(false);
  });
});
