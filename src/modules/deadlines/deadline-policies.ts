/**
 * When each kind of deadline is due, and what is scheduled for what. Pure: dates come
 * in, dates go out, all in Europe/Berlin; working days skip weekends and NRW public
 * holidays.
 */
import type { Role } from '../identity/role';
import { addDays, berlinDate, berlinMidnight, isWorkingDay, type CalendarDate } from '../../shared/berlin-calendar';
import { latestInvitationDay } from '../meetings/invitation-period';
import type { RulesOfProcedure } from '../meetings/meeting.types';

/** Reminders go out at this hour (Berlin) on the day they are due. */
export const REMINDER_HOUR = 8;

/** A sign-off waiting this many working days is reminded, and escalated after the second number. */
export const SIGN_OFF_REMINDER_WORKING_DAYS = 2;
export const SIGN_OFF_ESCALATION_WORKING_DAYS = 5;

/** Documents are due this many working days before the last day to invite. */
export const DOCUMENTS_DUE_WORKING_DAYS_BEFORE_INVITATION = 2;

/** Whom a sign-off escalates to: the signer's superior in the Kreis's administration. */
export const SUPERIOR: Partial<Record<Role, Role>> = {
  department_head: 'district_director',
  district_director: 'district_administrator',
  district_administrator: 'admin',
};

/** `days` working days after the Berlin day of `from` (the day itself not counted). */
export function addWorkingDays(from: CalendarDate, days: number): CalendarDate {
  let date = from;
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/** `days` working days before `from`. */
export function subtractWorkingDays(from: CalendarDate, days: number): CalendarDate {
  let date = from;
  for (let left = days; left > 0; ) {
    date = addDays(date, -1);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/** The reminder hour on a Berlin day, as an instant. */
export function atReminderHour(date: CalendarDate): Date {
  return new Date(new Date(berlinMidnight(date)).getTime() + REMINDER_HOUR * 3600_000);
}

/** The same moment `workingDays` working days after `from`: at its time of day, on the later working day. */
export function workingDaysAfter(from: Date, workingDays: number): Date {
  const day = berlinDate(from);
  const target = addWorkingDays(day, workingDays);
  const offsetIntoDay = from.getTime() - new Date(berlinMidnight(day)).getTime();
  return new Date(new Date(berlinMidnight(target)).getTime() + offsetIntoDay);
}

/** A sign-off step waits: remind its role after 2 working days, escalate to the superior after 5. */
export function signOffDeadlines(since: Date, role: Role) {
  return [
    { kind: 'signOffReminder', dueAt: workingDaysAfter(since, SIGN_OFF_REMINDER_WORKING_DAYS), payload: { role, since: since.toISOString() } },
    {
      kind: 'signOffEscalation',
      dueAt: workingDaysAfter(since, SIGN_OFF_ESCALATION_WORKING_DAYS),
      payload: { role, superior: SUPERIOR[role] ?? 'admin', since: since.toISOString() },
    },
  ];
}

/**
 * A planned meeting: remind the committee office on the last day the invitation may
 * go out, and the authors of papers planned for it two working days before.
 */
export function meetingDeadlines(start: Date, rules: RulesOfProcedure) {
  const lastDay = latestInvitationDay(start.toISOString(), rules, false);
  return [
    { kind: 'invitationDue', dueAt: atReminderHour(lastDay), payload: { lastDay, start: start.toISOString() } },
    {
      kind: 'documentsDue',
      dueAt: atReminderHour(subtractWorkingDays(lastDay, DOCUMENTS_DUE_WORKING_DAYS_BEFORE_INVITATION)),
      payload: { lastDay, start: start.toISOString() },
    },
  ];
}

/** A task is reminded this many working days before its due date. */
export const TASK_REMINDER_WORKING_DAYS_BEFORE = 2;

/**
 * A task's due date: remind the assignee two working days before it (unless that has
 * passed when the date is set), and escalate to the department head on the first
 * working day after it, when the task is overdue.
 */
export function taskDeadlines(since: Date, dueDate: CalendarDate) {
  const remindAt = atReminderHour(subtractWorkingDays(dueDate, TASK_REMINDER_WORKING_DAYS_BEFORE));
  return [
    ...(remindAt > since ? [{ kind: 'taskDueReminder', dueAt: remindAt, payload: { dueDate } }] : []),
    { kind: 'taskOverdue', dueAt: atReminderHour(addWorkingDays(dueDate, 1)), payload: { dueDate } },
  ];
}
