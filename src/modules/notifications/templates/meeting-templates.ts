/**
 * Mails about a meeting to its members: invitation, cancellation, new date. They are
 * letters of the Sitzungsdienst. The invitation names only the public agenda items; of
 * the non-public part it tells the number of items, never their titles.
 */
import { facts, list, paragraph, type MailDraft } from './mail-layout';
import { itemCount, longDateTime, meetingPhrase, meetingSubject, shortDateTime, type ContentOf } from './template-format';

export function meetingInvitation(content: ContentOf<'meetingInvitation'>): MailDraft {
  const { meeting, urgent, reason, publicItems, nonPublicItemCount } = content;
  const subject = `${urgent ? 'Dringliche Einladung' : 'Einladung'}: ${meetingSubject(meeting)}`;
  const blocks = [
    paragraph(
      urgent
        ? `hiermit laden wir Sie dringlich zur Sitzung ${meeting.organizationName} ein.`
        : `hiermit laden wir Sie zur Sitzung ${meeting.organizationName} ein.`,
    ),
    facts(
      ['Termin', longDateTime(meeting.start)],
      meeting.location ? ['Ort', meeting.location] : null,
      urgent && reason ? ['Grund der Dringlichkeit', reason] : null,
    ),
    ...agenda(publicItems, nonPublicItemCount),
  ];
  return { subject, blocks, closing: 'service' };
}

function agenda(publicItems: readonly string[], nonPublicItemCount: number): MailDraft['blocks'] {
  const nonPublic = `${itemCount(nonPublicItemCount)} im nichtöffentlichen Teil`;
  if (publicItems.length === 0) {
    return nonPublicItemCount > 0
      ? [paragraph(`Die Tagesordnung umfasst ${nonPublic}.`)]
      : [paragraph('Die Tagesordnung wird gesondert bekannt gegeben.')];
  }
  const blocks = [list('Tagesordnung, öffentlicher Teil:', publicItems)];
  if (nonPublicItemCount > 0) blocks.push(paragraph(`sowie ${nonPublic}.`));
  return blocks;
}

export function meetingCancelled(content: ContentOf<'meetingCancelled'>): MailDraft {
  const { meeting, reason } = content;
  return {
    subject: `Abgesagt: ${meetingSubject(meeting)}`,
    blocks: [
      paragraph(`die ${meetingPhrase(meeting)} ist abgesagt.`),
      facts(meeting.location ? ['Ort', meeting.location] : null, ['Grund', reason]),
    ],
    closing: 'service',
  };
}

export function meetingRescheduled(content: ContentOf<'meetingRescheduled'>): MailDraft {
  const { meeting, previousStart, reason } = content;
  return {
    subject: `Verlegt: Sitzung ${meeting.organizationName} vom ${shortDateTime(previousStart)} auf den ${shortDateTime(meeting.start)}`,
    blocks: [
      paragraph(`die Sitzung ${meeting.organizationName} ist verlegt worden.`),
      facts(
        ['Bisheriger Termin', longDateTime(previousStart)],
        ['Neuer Termin', longDateTime(meeting.start)],
        meeting.location ? ['Ort', meeting.location] : null,
        ['Grund', reason],
      ),
    ],
    closing: 'service',
  };
}
