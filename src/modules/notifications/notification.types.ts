/**
 * What a notification says, independent of how it is sent. The notifications service
 * builds one `NotificationContent` per recipient from an outbox row (resolving ids to
 * names, titles and dates); the templates turn it into a German mail.
 *
 * All instants are ISO strings; templates format them in Europe/Berlin.
 */

import type { MailAttachment, OutgoingMail, Recipient, RenderedMail } from '../../infrastructure/mail/mail-message';

export type { MailAttachment, OutgoingMail, Recipient, RenderedMail };

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

/** A Beschlussauszug as its mail names it (all fixed at signing, read from the stored extract). */
export interface ExtractRef {
  /** "Beschlussauszug: TOP 5 – Kreistag am 29.09.2021" */
  title: string;
  itemNumber: string;
  public: boolean;
  paper: PaperRef;
  /** The paper's responsible unit; null when it named none. */
  unit: string | null;
  sha256: string;
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
  | { kind: 'taskOverdue'; task: TaskRef; dueDate: string }
  /** A Beschlussauszug to its unit's mailbox (the extract attached). */
  | { kind: 'decisionExtract'; extract: ExtractRef }
  /** To the committee office: an extract could not be sent (no unit, or no mailbox for it); the extract attached. */
  | { kind: 'decisionExtractUndeliverable'; extract: ExtractRef };

export type NotificationKind = NotificationContent['kind'];

