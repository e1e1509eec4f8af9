/**
 * Reminders and escalations fired by deadlines, plus the request to have an urgent
 * decision (Dringlichkeitsentscheidung) approved by the Kreistag at its next session.
 */
import { facts, paragraph, type MailDraft } from './mail-layout';
import {
  longDateTime,
  meetingPhrase,
  meetingSubject,
  paperIdentity,
  paperPhrase,
  paperStateLabel,
  shortDate,
  sinceWorkingDays,
  weekdayDate,
  type ContentOf,
} from './template-format';
import type { TaskRef } from '../notification.types';

export function invitationDue(content: ContentOf<'invitationDue'>): MailDraft {
  const { meeting, lastDay } = content;
  const day = weekdayDate(lastDay);
  return {
    subject: `Erinnerung: Ladungsfrist endet am ${day}`,
    blocks: [
      paragraph(`die Ladungsfrist für die ${meetingPhrase(meeting)} endet am ${day}.`),
      paragraph('Bitte versenden Sie die Einladung rechtzeitig.'),
    ],
    closing: 'automatic',
  };
}

export function documentsDue(content: ContentOf<'documentsDue'>): MailDraft {
  const { meeting, paper, paperState } = content;
  return {
    subject: `Erinnerung: Unterlagen für die ${meetingSubject(meeting)} fehlen noch`,
    blocks: [
      paragraph(`für die ${meetingPhrase(meeting)} ist eine Vorlage noch nicht freigegeben.`),
      facts(['Vorlage', paperIdentity(paper)], ['Stand', paperStateLabel(paperState)]),
      paragraph('Bitte sorgen Sie dafür, dass die Vorlage rechtzeitig freigegeben wird.'),
    ],
    closing: 'automatic',
  };
}

export function signOffWaiting(content: ContentOf<'signOffWaiting'>): MailDraft {
  const { paper, roleLabel, waitingSince, workingDays } = content;
  return {
    subject: `Erinnerung: ${paperPhrase(paper)} wartet ${sinceWorkingDays(workingDays)} auf Mitzeichnung`,
    blocks: [
      paragraph(`die ${paperPhrase(paper)} wartet ${sinceWorkingDays(workingDays)} auf Ihre Mitzeichnung.`),
      facts(['Mitzeichnung durch', roleLabel], ['Angefordert am', shortDate(waitingSince)]),
    ],
    closing: 'automatic',
  };
}

export function signOffEscalation(content: ContentOf<'signOffEscalation'>): MailDraft {
  const { paper, roleLabel, waitingSince, workingDays } = content;
  return {
    subject: `Eskalation: ${paperPhrase(paper)} wartet ${sinceWorkingDays(workingDays)} auf Mitzeichnung (${roleLabel})`,
    blocks: [
      paragraph(`die ${paperPhrase(paper)} wartet ${sinceWorkingDays(workingDays)} auf die Mitzeichnung durch ${roleLabel}.`),
      facts(['Angefordert am', shortDate(waitingSince)]),
      paragraph('Bitte veranlassen Sie die Mitzeichnung oder eine Vertretung.'),
    ],
    closing: 'automatic',
  };
}

export function urgentDecisionApproval(content: ContentOf<'urgentDecisionApproval'>): MailDraft {
  const { paper, decidedAt, nextMeeting } = content;
  return {
    subject: `Dringlichkeitsentscheidung zur Genehmigung: ${paperPhrase(paper)}`,
    blocks: [
      paragraph(
        `zur ${paperPhrase(paper)} wurde am ${longDateTime(decidedAt)} eine Dringlichkeitsentscheidung getroffen. ` +
          'Sie ist dem Kreistag in seiner nächsten Sitzung zur Genehmigung vorzulegen.',
      ),
      nextMeeting
        ? facts(['Nächste Sitzung', meetingPhrase(nextMeeting)], nextMeeting.location ? ['Ort', nextMeeting.location] : null)
        : paragraph('Eine nächste Sitzung des Kreistags ist noch nicht geplant.'),
    ],
    closing: 'automatic',
  };
}

/** The task's facts, shared by its reminder and its escalation. */
function taskFacts(task: TaskRef, dueDate: string) {
  return facts(
    ['Maßnahme', `${task.kindLabel}: ${task.title}`],
    ['Beschluss', paperIdentity(task.paper)],
    ['Fällig am', weekdayDate(dueDate)],
    ['Zuständig', [task.assigneeName, task.department].filter(Boolean).join(', ') || 'nicht zugewiesen'],
  );
}

export function taskDueSoon(content: ContentOf<'taskDueSoon'>): MailDraft {
  const { task, dueDate } = content;
  return {
    subject: `Erinnerung: ${task.kindLabel} „${task.title}“ ist am ${shortDate(dueDate)} fällig`,
    blocks: [
      paragraph(`die folgende Maßnahme zur Umsetzung der ${paperPhrase(task.paper)} ist am ${weekdayDate(dueDate)} fällig.`),
      taskFacts(task, dueDate),
      paragraph('Bitte erledigen Sie den nächsten Schritt rechtzeitig oder vereinbaren Sie eine neue Frist.'),
    ],
    closing: 'automatic',
  };
}

export function taskOverdue(content: ContentOf<'taskOverdue'>): MailDraft {
  const { task, dueDate } = content;
  return {
    subject: `Überfällig: ${task.kindLabel} „${task.title}“ (fällig seit ${shortDate(dueDate)})`,
    blocks: [
      paragraph(`die folgende Maßnahme zur Umsetzung der ${paperPhrase(task.paper)} ist überfällig: sie war am ${weekdayDate(dueDate)} fällig.`),
      taskFacts(task, dueDate),
      paragraph('Bitte klären Sie mit der zuständigen Stelle den Stand und eine neue Frist (Beschlusskontrolle).'),
    ],
    closing: 'automatic',
  };
}
