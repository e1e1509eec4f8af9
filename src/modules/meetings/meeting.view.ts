import type { PersistedSnapshot } from '../../workflow/workflow-definition';
import type { AgendaItem } from './agenda-item.entity';
import type { Attendance } from './attendance.entity';
import type { Meeting } from './meeting.entity';
import type { Amendment } from './amendment.entity';
import { amendmentLabel } from './amendment-label';
import type { MeetingContext, RequestedMotion } from './meeting.types';

export type MeetingSummary = ReturnType<typeof meetingSummary>;
export type MeetingView = ReturnType<typeof meetingView>;

export function meetingSummary(m: Meeting) {
  const context = (m.snapshot as PersistedSnapshot).context as MeetingContext;
  return {
    id: m.id,
    organizationId: m.organizationId,
    start: m.start.toISOString(),
    end: m.end?.toISOString() ?? null,
    location: m.location,
    cancelled: m.cancelled,
    state: m.state,
    version: m.version,
    invitation: context.invitation
      ? { at: context.invitation.at, urgent: context.invitation.urgent, reason: context.invitation.reason ?? null }
      : null,
    cancellation: context.cancellation ?? null,
    reschedules: context.reschedules,
    minutesApproval: context.minutesApproval ?? null,
    signatories: context.signatories ?? null,
    minutesSignatures: context.minutesSignatures ?? {},
    quorumLack: context.quorumLack ?? null,
  };
}

export function amendmentView(a: Amendment) {
  return {
    id: a.id,
    number: a.number,
    label: amendmentLabel(a),
    originator: { organizationId: a.originatorOrganizationId, personId: a.originatorPersonId, name: a.originatorName },
    text: a.text,
    change: a.change,
    state: a.state,
    votes: a.votes,
    recordedAt: a.recordedAt?.toISOString() ?? null,
    withdrawnReason: a.withdrawnReason,
  };
}

export function agendaItemView(i: AgendaItem, references: Map<string, { reference: string | null }>, amendments: Amendment[] = []) {
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    public: i.public,
    paperId: i.paperId,
    paperReference: i.paperId ? (references.get(i.paperId)?.reference ?? null) : null,
    consultationKey: i.consultationKey,
    reporter: i.reporter,
    minutesOfMeetingId: i.minutesOfMeetingId,
    lateAddition: i.lateAddition,
    urgentReason: i.urgentReason,
    status: i.status,
    result: i.result,
    votes: i.votes,
    decisionText: i.decisionText,
    majority: i.majority,
    secondSummons: i.secondSummons,
    postponedForLackOfQuorum: i.postponedForLackOfQuorum,
    biasedPersonIds: i.biasedPersonIds,
    bias: i.biasedPersonIds.map((personId) => i.bias.find((b) => b.personId === personId) ?? { personId, reason: null }),
    decidedAt: i.decidedAt?.toISOString() ?? null,
    /** Änderungsanträge on the item, voted before the main motion (GO des Kreistags). */
    amendments: amendments.filter((a) => a.agendaItemId === i.id).map(amendmentView),
  };
}

/** An Antrag asking for the session, with what § 33 KrO NRW makes of it. */
export interface MotionRequestView extends RequestedMotion {
  /** The last day (Berlin) it could come in to be on time; null: the GO sets no deadline. */
  deadline: string | null;
  onTime: boolean;
  /** On time and from a Fraktion or a fifth of the members: the invitation is refused without it. */
  mustBePlaced: boolean;
}

export function meetingView(
  m: Meeting,
  items: AgendaItem[],
  attendance: Attendance[],
  references: Map<string, { reference: string | null }>,
  motionsRequested: MotionRequestView[] = [],
  amendments: Amendment[] = [],
) {
  return {
    ...meetingSummary(m),
    motionsRequested,
    agenda: items.map((i) => agendaItemView(i, references, amendments)),
    invitedAgenda: m.invitedAgenda,
    attendance: attendance.map((a) => ({ personId: a.personId, present: a.present, substituteForPersonId: a.substituteForPersonId })),
  };
}
