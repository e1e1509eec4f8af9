import type { EntityManager } from 'typeorm';
import type { DueCheck, FiredDeadline } from '../deadlines/deadline-rules';
import { Consultation } from './consultation.entity';
import { Paper } from './paper.entity';

/** Sign-off reminders (to the role waited for) and escalations (to its superior) while the paper is still in sign-off. */
export const signOffStillDue: DueCheck = async (m, d) => {
  const paper = await m.findOne(Paper, { where: { id: d.subjectId }, select: { id: true, state: true } });
  if (!paper || paper.state !== 'signOff') return { outcome: `obsolete: paper is ${paper?.state ?? 'gone'}`, notices: [] };
  const escalate = d.kind === 'signOffEscalation';
  return {
    outcome: 'notified',
    notices: [
      {
        kind: escalate ? 'signOffEscalation' : 'signOffWaiting',
        to: { role: escalate ? d.payload.superior : d.payload.role },
        role: d.payload.role,
        since: d.payload.since,
        workingDays: escalate ? 5 : 2,
      },
    ],
  };
};

/** § 50 Abs. 3 KrO NRW: the committee office is reminded while the urgent decision still awaits the Kreistag's approval. */
export const urgentApprovalStillDue: DueCheck = async (m, d: FiredDeadline) => {
  const paper = await m.findOne(Paper, { where: { id: d.subjectId }, select: { id: true, state: true } });
  if (paper?.state !== 'urgentlyDecided') return { outcome: `obsolete: paper is ${paper?.state ?? 'gone'}`, notices: [] };
  return { outcome: 'notified', notices: [{ kind: 'urgentDecisionApproval', to: { role: 'committee_office' }, meetingId: d.payload.meetingId }] };
};

/** Papers planned for the organization's session on that Berlin day whose documents are not released yet (draft, sign-off). */
export async function papersAwaitingDocuments(
  m: EntityManager,
  organizationId: string,
  day: string,
): Promise<{ id: string; createdBy: string; state: string }[]> {
  const rows: { id: string; created_by: string; state: string }[] = await m
    .createQueryBuilder(Consultation, 'c')
    .innerJoin(Paper, 'p', 'p.id = c.paperId')
    .select('p.id', 'id')
    .addSelect('p.createdBy', 'created_by')
    .addSelect('p.state', 'state')
    .distinct(true)
    .where('c.organizationId = :organizationId AND c.plannedDate = :day', { organizationId, day })
    .andWhere('p.state IN (:...states)', { states: ['draft', 'signOff'] })
    .getRawMany();
  return rows.map((r) => ({ id: r.id, createdBy: r.created_by, state: r.state }));
}
