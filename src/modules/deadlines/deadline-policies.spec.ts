import { DEFAULT_RULES } from '../meetings/meeting.types';
import { addWorkingDays, meetingDeadlines, signOffDeadlines, subtractWorkingDays, SUPERIOR, taskDeadlines, workingDaysAfter } from './deadline-policies';

describe('deadline policies (Europe/Berlin, NRW working days)', () => {
  it('counts working days past weekends and NRW holidays', () => {
    expect(addWorkingDays('2021-08-26', 2)).toBe('2021-08-30'); // Thu → Mon
    // Easter 2022: Good Friday 15.04. and Easter Monday 18.04. are holidays.
    expect(addWorkingDays('2022-04-13', 2)).toBe('2022-04-19');
    // Fronleichnam (03.06.2021) is a holiday in NRW; Reformationstag (31.10.) is not.
    expect(addWorkingDays('2021-06-02', 1)).toBe('2021-06-04');
    expect(addWorkingDays('2022-10-28', 1)).toBe('2022-10-31');
    expect(subtractWorkingDays('2021-08-23', 2)).toBe('2021-08-19');
  });

  it('keeps the time of day when moving working days, across the change to winter time', () => {
    // Thu 28.10.2021 15:30 CEST → Tue 02.11.2021 15:30 CET (Allerheiligen 01.11. is a holiday).
    expect(workingDaysAfter(new Date('2021-10-28T13:30:00Z'), 2).toISOString()).toBe('2021-11-02T14:30:00.000Z');
  });

  it('reminds a waiting signer after 2 working days and escalates to the superior after 5', () => {
    const [reminder, escalation] = signOffDeadlines(new Date('2021-08-16T07:00:00Z'), 'department_head');
    expect(reminder).toMatchObject({ kind: 'signOffReminder', dueAt: new Date('2021-08-18T07:00:00Z'), payload: { role: 'department_head' } });
    expect(escalation).toMatchObject({ kind: 'signOffEscalation', dueAt: new Date('2021-08-23T07:00:00Z'), payload: { superior: 'district_director' } });
    expect(SUPERIOR).toEqual({ department_head: 'district_director', district_director: 'district_administrator', district_administrator: 'admin' });
  });

  it('reminds on the last day to invite to the seed committee session, and of the documents two working days before', () => {
    // 31.08.2021, 17:00: 7 full days → invite by Monday 23.08.; documents due Thursday 19.08., 08:00 Berlin.
    const [invitation, documents] = meetingDeadlines(new Date('2021-08-31T15:00:00Z'), DEFAULT_RULES);
    expect(invitation).toMatchObject({ kind: 'invitationDue', dueAt: new Date('2021-08-23T06:00:00Z'), payload: { lastDay: '2021-08-23' } });
    expect(documents).toMatchObject({ kind: 'documentsDue', dueAt: new Date('2021-08-19T06:00:00Z') });
  });

  it('reminds of a task two working days before its due date and escalates on the first working day after it', () => {
    // The 2021/119 workshop, due Monday 30.08.2021: reminded Thursday 26.08., 08:00; overdue Tuesday 31.08., 08:00.
    expect(taskDeadlines(new Date('2021-08-16T07:00:00Z'), '2021-08-30')).toEqual([
      { kind: 'taskDueReminder', dueAt: new Date('2021-08-26T06:00:00Z'), payload: { dueDate: '2021-08-30' } },
      { kind: 'taskOverdue', dueAt: new Date('2021-08-31T06:00:00Z'), payload: { dueDate: '2021-08-30' } },
    ]);
    // Due Friday 23.12.2022: the escalation skips the weekend and the 2nd Christmas day (Monday) to Tuesday 27.12.
    expect(taskDeadlines(new Date('2022-12-01T07:00:00Z'), '2022-12-23')[1].dueAt).toEqual(new Date('2022-12-27T07:00:00Z'));
    // Set when its reminder day has passed: only the escalation is scheduled.
    expect(taskDeadlines(new Date('2021-08-27T07:00:00Z'), '2021-08-30').map((d) => d.kind)).toEqual(['taskOverdue']);
  });
});
