import type { AuditEvent } from '../audit/audit-event.entity';
import { costItemsSchema } from './cost-items';
import { nextSignOffRole, openCoSignUnits } from './paper.guards';
import type { Consultation } from './consultation.entity';
import type { Paper } from './paper.entity';
import type { PaperContext, Redecision } from './paper.types';

export type ConsultationView = ReturnType<typeof consultationView>;

function consultationView(c: Consultation & { organizationName?: string }, current: boolean, redecision: Redecision | undefined) {
  return {
    id: c.id,
    key: c.key,
    position: c.position,
    organizationId: c.organizationId,
    organizationName: c.organizationName ?? null,
    role: c.role,
    plannedDate: c.plannedDate,
    agendaItemNumber: c.agendaItemNumber,
    reporter: c.reporter,
    meetingId: c.meetingId,
    scheduledDate: c.scheduledDate,
    result: c.result,
    votes: c.votes,
    resultText: c.resultText,
    decidedAt: c.decidedAt,
    origin: c.origin,
    /** A new decision of the body under § 39 KrO NRW (after a Widerspruch: with the days its session must lie between). */
    redecision: redecision ?? null,
    current,
  };
}

/** The top-level state and, inside deliberation, the sub-state (CONTRACT.md). */
export function splitState(state: string): { state: string; stateDetail: string | null } {
  const [top, detail] = state.split('.');
  return { state: top, stateDetail: detail ?? null };
}

/** A paper as clients see it: its fields, its workflow position and its Beratungsfolge. */
export function paperView(paper: Paper, consultations: (Consultation & { organizationName?: string })[]) {
  const context = paper.snapshot.context as PaperContext;
  const deliberating = paper.state.startsWith('deliberation') || paper.state.startsWith('contested');
  const currentKey = deliberating ? context.consultations[context.current]?.key : undefined;
  const redecisions = new Map(context.consultations.map((c) => [c.key, c.redecision]));
  const views = consultations.map((c) => consultationView(c, c.key === currentKey, redecisions.get(c.key)));
  return {
    id: paper.id,
    reference: paper.reference,
    paperType: paper.paperType,
    title: paper.title,
    public: paper.public,
    decisionProposal: paper.decisionProposal,
    facts: paper.facts,
    goals: paper.goals,
    measures: paper.measures,
    costs: paper.costs,
    costItems: costItemsSchema.parse(paper.costItems ?? []),
    paperDate: paper.paperDate ?? null,
    climateImpact: { effect: paper.climateEffect, justification: paper.climateJustification },
    responsibleUnit: paper.responsibleUnit,
    ...splitState(paper.state),
    version: paper.version,
    machineVersion: paper.machineVersion,
    consultations: views,
    currentConsultation: views.find((c) => c.current) ?? null,
    signOff: {
      steps: context.signOffSteps,
      signatures: context.signatures.map((s) => ({ ...s, deputy: s.deputy === true, signedAs: s.deputy ? 'i.V.' : null })),
      /** Parallel co-signers (Mitzeichnung beside the line) and who has signed for them. */
      coSignUnits: context.coSignUnits ?? [],
      coSignatures: context.coSignatures ?? [],
      openCoSignUnits: openCoSignUnits(context),
      nextRole: paper.state === 'signOff' ? (nextSignOffRole(context) ?? null) : null,
      rejections: context.signOffRejections,
    },
    decisionTexts: context.decisionTexts,
    urgentDecision: context.urgentDecision ?? null,
    withdrawal: context.withdrawal ?? null,
    /** § 39 Abs. 1 KrO NRW: until when the Landrat may object to the adoption (null: no window). */
    objectionWindowEndsAt: context.objectionWindowEndsAt ?? null,
    /** The Landrat's Widerspruch (§ 39 Abs. 1 KrO NRW): who, when, why, the session's bounds. */
    objection: context.objection ?? null,
    /** The Landrat's Beanstandung (§ 39 Abs. 2 KrO NRW). */
    contest: context.contest ?? null,
    /** The Aufsichtsbehörde's decision on a contested decision the body kept. */
    supervisoryDecision: context.supervisoryDecision ?? null,
    createdBy: paper.createdBy,
    createdAt: paper.createdAt,
    updatedAt: paper.updatedAt,
  };
}
export type PaperView = ReturnType<typeof paperView>;

export function paperSummary(paper: Paper) {
  return {
    id: paper.id,
    reference: paper.reference,
    paperType: paper.paperType,
    title: paper.title,
    public: paper.public,
    ...splitState(paper.state),
    version: paper.version,
    createdAt: paper.createdAt,
    updatedAt: paper.updatedAt,
  };
}

export function historyView(event: AuditEvent) {
  return {
    seq: event.seq,
    type: event.type,
    actor: { id: event.actorId, username: event.actorName },
    at: event.at,
    from: event.fromState,
    to: event.toState,
    payload: event.payload,
    machineVersion: event.machineVersion,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}
