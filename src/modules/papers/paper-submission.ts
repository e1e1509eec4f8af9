import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../../workflow/prepared-query';
import { organizationColumnSql } from '../bodies/organization-sql';
import type { ClimateEffect, PaperSubmission } from './paper.types';

/** What the papers module keeps with a remembered subject (see Subject.extra). */
export interface PaperExtra {
  /** The draft as SUBMIT checks it, at the subject's version. */
  submission: PaperSubmission;
}

/** What SUBMIT checks, in one query: the paper's fields and its Beratungsfolge with each organization's kind. */
export async function loadSubmission(manager: EntityManager, paperId: string): Promise<PaperSubmission> {
  const [row] = await preparedQuery<{
    title: string;
    decision_proposal: string;
    facts: string;
    climate_effect: ClimateEffect;
    climate_justification: string | null;
    consultations: Record<string, string | null>[];
  }>(
    manager,
    `SELECT p.title, p.decision_proposal, p.facts, p.climate_effect, p.climate_justification,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('key', c.key, 'organization_id', c.organization_id,
           'kind', ${organizationColumnSql('kind', 'c.organization_id')},
           'role', c.role, 'planned_date', c.planned_date, 'reporter', c.reporter, 'agenda_item_number', c.agenda_item_number)
           ORDER BY c.position)
         FROM consultation c WHERE c.paper_id = p.id), '[]') AS consultations
     FROM paper p WHERE p.id = $1`,
    [paperId],
  );
  return {
    title: row.title,
    decisionProposal: row.decision_proposal,
    facts: row.facts,
    climateImpact: { effect: row.climate_effect, justification: row.climate_justification ?? undefined },
    consultations: row.consultations.map((c) => ({
      key: c.key!,
      organizationId: c.organization_id!,
      organizationKind: c.kind as never,
      role: c.role as never,
      ...(c.planned_date ? { plannedDate: c.planned_date } : {}),
      ...(c.reporter ? { reporter: c.reporter } : {}),
      ...(c.agenda_item_number ? { agendaItemNumber: c.agenda_item_number } : {}),
    })),
  };
}
