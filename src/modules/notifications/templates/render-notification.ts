/**
 * Turns what a notification says into a German mail (subject, text and HTML part). Pure:
 * no clock, no I/O; the notifications service resolves ids to names before calling it.
 */
import type { NotificationContent, Recipient, RenderedMail } from '../notification.types';
import { decisionExtract, decisionExtractUndeliverable } from './extract-templates';
import { composeMail, type MailDraft } from './mail-layout';
import { meetingCancelled, meetingInvitation, meetingRescheduled } from './meeting-templates';
import { decisionChallenged, released, resultRecorded, signOffRejected, signOffRequested, supervisionRequired } from './paper-templates';
import { documentsDue, invitationDue, signOffEscalation, signOffWaiting, taskDueSoon, taskOverdue, urgentDecisionApproval } from './reminder-templates';

export interface RenderNotificationOptions {
  /** Base URL of the app (http or https); adds a link line when given. */
  appUrl?: string;
}

export function renderNotification(
  content: NotificationContent,
  recipient: Recipient,
  options: RenderNotificationOptions = {},
): RenderedMail {
  return composeMail(draft(content), recipient, options);
}

function draft(content: NotificationContent): MailDraft {
  switch (content.kind) {
    case 'meetingInvitation':
      return meetingInvitation(content);
    case 'meetingCancelled':
      return meetingCancelled(content);
    case 'meetingRescheduled':
      return meetingRescheduled(content);
    case 'signOffRequested':
      return signOffRequested(content);
    case 'signOffRejected':
      return signOffRejected(content);
    case 'released':
      return released(content);
    case 'resultRecorded':
      return resultRecorded(content);
    case 'decisionChallenged':
      return decisionChallenged(content);
    case 'supervisionRequired':
      return supervisionRequired(content);
    case 'invitationDue':
      return invitationDue(content);
    case 'documentsDue':
      return documentsDue(content);
    case 'signOffWaiting':
      return signOffWaiting(content);
    case 'signOffEscalation':
      return signOffEscalation(content);
    case 'urgentDecisionApproval':
      return urgentDecisionApproval(content);
    case 'taskDueSoon':
      return taskDueSoon(content);
    case 'taskOverdue':
      return taskOverdue(content);
    case 'decisionExtract':
      return decisionExtract(content);
    case 'decisionExtractUndeliverable':
      return decisionExtractUndeliverable(content);
    default:
      return unknownKind(content);
  }
}

/** A new kind without a template fails to compile here. */
function unknownKind(content: never): never {
  throw new Error(`no template for notification kind ${JSON.stringify((content as { kind?: unknown }).kind)}`);
}
