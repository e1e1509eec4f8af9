import type { AnyMachineSnapshot } from 'xstate';
import type { Projection, Subject } from '../../workflow/workflow.service';
import type { ConsultationState, PaperContext } from './paper.types';

/**
 * Mirrors a transition of the paper machine onto the paper's tables, committed with
 * it: the consultation rows whose machine state changed (results,
 * sessions, inserted postponements and referrals, shifted positions, a decisive role
 * superseded by a referral to the competent body) and, when a
 * new decision text version appeared, the paper's current decision proposal.
 */
export function projectPaper(subject: Subject, next: AnyMachineSnapshot): Projection {
  const before = subject.snapshot.context as PaperContext;
  const after = next.context as PaperContext;
  const consultations = after.consultations
    .map((c, position) => ({ c, position }))
    .filter(({ c, position }) => before.consultations[position] !== c)
    .map(({ c, position }) => row(subject, c, position));
  const latest = after.decisionTexts.at(-1);
  const newText = latest && latest.version !== before.decisionTexts.at(-1)?.version;
  return { rows: { consultations }, ...(newText ? { set: { decision_proposal: latest.text } } : {}) };
}

/** Upserts the changed consultation rows of the swapped papers (PAPER_WORKFLOW.projections). */
export const CONSULTATION_PROJECTION = (rows: string) => `
  INSERT INTO consultation (paper_id, body_id, position, key, organization_id, role, planned_date, agenda_item_number,
    reporter, meeting_id, scheduled_date, result, votes, result_text, decided_at, origin)
  SELECT x.paper_id, x.body_id, x.position, x.key, x.organization_id, x.role, x.planned_date, x.agenda_item_number,
    x.reporter, x.meeting_id, x.scheduled_date, x.result, x.votes, x.result_text, x.decided_at, x.origin
  FROM jsonb_to_recordset(${rows}) AS x(paper_id uuid, body_id uuid, position int, key text, organization_id uuid, role text,
    planned_date date, agenda_item_number text, reporter text, meeting_id uuid, scheduled_date date, result text,
    votes jsonb, result_text text, decided_at timestamptz, origin text)
  JOIN subject_update u ON u.id = x.paper_id
  ON CONFLICT (paper_id, key) DO UPDATE SET position = EXCLUDED.position, role = EXCLUDED.role,
    agenda_item_number = EXCLUDED.agenda_item_number, meeting_id = EXCLUDED.meeting_id,
    scheduled_date = EXCLUDED.scheduled_date, result = EXCLUDED.result, votes = EXCLUDED.votes,
    result_text = EXCLUDED.result_text, decided_at = EXCLUDED.decided_at`;

function row(subject: Subject, c: ConsultationState, position: number) {
  return {
    paper_id: subject.id,
    body_id: subject.bodyId,
    position,
    key: c.key,
    organization_id: c.organizationId,
    role: c.role,
    planned_date: c.plannedDate ?? null,
    agenda_item_number: c.agendaItemNumber ?? null,
    reporter: c.reporter ?? null,
    meeting_id: c.meetingId ?? null,
    scheduled_date: c.scheduledDate ?? null,
    result: c.result ?? null,
    votes: c.votes ?? null,
    result_text: c.resultText ?? null,
    decided_at: c.decidedAt ?? null,
    origin: c.origin,
  };
}
