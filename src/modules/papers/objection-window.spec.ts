import { objectionWindowEndsAt, redecisionBounds } from './objection-window';

describe('objection window (§ 39 Abs. 1 KrO NRW)', () => {
  it('§ 39 Abs. 1 KrO NRW: ends with the third day after the session, 24:00 in Berlin, summer and winter', () => {
    // Kreistag Wednesday 29.09.2021 (CEST): the window ends with Saturday 02.10.2021.
    expect(objectionWindowEndsAt('2021-09-29', '2021-09-29T17:00:00.000Z', 3)).toBe('2021-10-02T22:00:00.000Z');
    // Monday 10.03.2031 (CET): ends with Thursday 13.03.2031.
    expect(objectionWindowEndsAt('2031-03-10', '2031-03-10T17:00:00.000Z', 3)).toBe('2031-03-13T23:00:00.000Z');
    // Across the change to summer time (30.03.2031): ends with Monday 31.03.2031, 22:00 UTC.
    expect(objectionWindowEndsAt('2031-03-28', '2031-03-28T19:00:00.000Z', 3)).toBe('2031-03-31T22:00:00.000Z');
    // Recorded at 23:30 Berlin (22:30 UTC): still the session day.
    expect(objectionWindowEndsAt('2031-01-15', '2031-01-15T22:30:00.000Z', 3)).toBe('2031-01-18T23:00:00.000Z');
  });

  it('§ 39 Abs. 1 KrO NRW: counts from the session day, not from a later recording; a result recorded before its scheduled day counts from that day', () => {
    expect(objectionWindowEndsAt('2021-09-29', '2021-09-30T08:00:00.000Z', 3)).toBe('2021-10-02T22:00:00.000Z');
    expect(objectionWindowEndsAt('2028-09-05', '2026-12-08T10:00:00.000Z', 3)).toBe('2026-12-11T23:00:00.000Z');
    expect(objectionWindowEndsAt(undefined, '2026-12-08T10:00:00.000Z', 0)).toBe('2026-12-08T23:00:00.000Z');
  });

  it('§ 39 Abs. 1 KrO NRW: the new session lies from the third day to four weeks after the objection (Berlin day)', () => {
    expect(redecisionBounds('2031-03-12T08:00:00.000Z')).toEqual({ day: '2031-03-12', earliestSessionDay: '2031-03-15', latestSessionDay: '2031-04-09' });
    // 23:30 Berlin on 31.12. is still that day.
    expect(redecisionBounds('2030-12-31T22:30:00.000Z')).toEqual({ day: '2030-12-31', earliestSessionDay: '2031-01-03', latestSessionDay: '2031-01-28' });
  });
});
