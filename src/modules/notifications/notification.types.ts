/**
 * What a notification says, independent of how it is sent. The notifications service
 * builds one `NotificationContent` per recipient from an outbox row (resolving ids to
 * names, titles and dates); the templates turn it into a German mail.
 *
 * All instants are ISO strings; templates format them in Europe/Berlin.
 */

import type { OutgoingMail, Recipient, RenderedMail } from '../../infrastructure/mail/mail-message';

export type { OutgoingMail, Recipient, RenderedMail };

export interface PaperRef {
  /** `2021/119`, or null before release. */
  reference: string | null;
  title: string;
}

export interface MeetingRef {
  organizationName: string;
  start: string;
  location: string | null;
}

export interface TaskRef {
  title: string;
  /** "Workshop", "Vergabe", "Förderantrag", "Maßnahme" */
  kindLabel: string;
  paper: PaperRef;
  assigneeName: string | null;
  department: string | null;
}

export type NotificationContent =
  | { kind: 'meetingInvitation'; meeting: MeetingRef; urgent: boolean; reason?: string; publicItems: string[]; nonPublicItemCount: number }
  | { kind: 'meetingCancelled'; meeting: MeetingRef; reason: string }
  | { kind: 'meetingRescheduled'; meeting: MeetingRef; previousStart: string; reason: string }
  | { kind: 'signOffRequested'; paper: PaperRef; roleLabel: string }
  | { kind: 'signOffRejected'; paper: PaperRef; roleLabel: string; reason: string }
  | { kind: 'released'; paper: PaperRef }
  | { kind: 'resultRecorded'; paper: PaperRef; organizationName: string; result: string }
  /** Reminders fired by deadlines. */
  | { kind: 'invitationDue'; meeting: MeetingRef; lastDay: string }
  | { kind: 'documentsDue'; meeting: MeetingRef; paper: PaperRef; paperState: string }
  | { kind: 'signOffWaiting'; paper: PaperRef; roleLabel: string; waitingSince: string; workingDays: number }
  | { kind: 'signOffEscalation'; paper: PaperRef; roleLabel: string; waitingSince: string; workingDays: number }
  | { kind: 'urgentDecisionApproval'; paper: PaperRef; decidedAt: string; nextMeeting: MeetingRef | null }
  /** A task's due date comes close (to the assignee), or has passed (to the department head). */
  | { kind: 'taskDueSoon'; task: TaskRef; dueDate: string }
  | { kind: 'taskOverdue'; task: TaskRef; dueDate: string };

export type NotificationKind = NotificationContent['kind'];

