/**
 * What a notification says, independent of how it is sent. The notifications service
 * builds one `NotificationContent` per recipient from an outbox row (resolving ids to
 * names, titles and dates); the templates turn it into a German mail.
 *
 * All instants are ISO strings; templates format them in Europe/Berlin.
 */

export interface Recipient {
  /** Display name, e.g. "AWD-Mitglied 01" or "Sitzungsdienst". */
  name: string;
  email: string;
}

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
  /** Widerspruch (§ 39 Abs. 1) or Beanstandung (§ 39 Abs. 2 KrO NRW): to the committee office. */
  | { kind: 'decisionChallenged'; paper: PaperRef; procedure: 'objection' | 'contest'; reason: string; byName: string; earliestSessionDay?: string; latestSessionDay?: string }
  /** The body kept a contested decision: to the Landrat, who obtains the Aufsichtsbehörde's decision. */
  | { kind: 'supervisionRequired'; paper: PaperRef }
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

/** A rendered mail: German subject, plain text and HTML parts. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One message for the transport. `messageId` is derived from the outbox id, so a resend is recognisable. */
export interface OutgoingMail extends RenderedMail {
  from: string;
  to: Recipient;
  messageId: string;
  /** The body the mail is sent for: not part of the message; the local mailbox is scoped by it. */
  bodyId?: string;
}
