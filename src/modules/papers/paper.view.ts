import type { AuditEvent } from '../../workflow/audit/audit-event.entity';
import { costItemsSchema } from './cost-items';
import { nextSignOffRole, openCoSignUnits } from './paper.guards';
import type { Consultation } from './consultation.entity';
import type { Paper } from './paper.entity';
import type { DecisionTextVersion, PaperContext, PaperType, Redecision } from './paper.types';

/** A Beantwortung of an Anfrage, as the Anfrage lists it. */
export interface AnswerView {
  id: string;
  reference: string | null;
  title: string;
  state: string;
}

const DAY = new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });

/** What a decision text version is, in the words of the paper view ("geändert durch den KA am 13.09.2021, TOP 5"). */
export function decisionTextLabel(paperType: PaperType, v: DecisionTextVersion): string {
  switch (v.source) {
    case 'proposal':
      return paperType === 'Antrag' ? 'Antragstext' : 'Beschlussvorschlag der Verwaltung';
    case 'urgent_decision':
      return 'Dringlichkeitsentscheidung (§ 50 Abs. 3 KrO NRW)';
    case 'amendment': {
      const by = v.amendedBy;
      if (!by) return 'mit Änderungen beschlossen';
      return `geändert durch Änderungsantrag: ${by.organizationName} am ${DAY.format(new Date(`${by.date}T00:00:00Z`))}, TOP ${by.agendaItemNumber}`;
    }
  }
}

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
export function paperView(paper: Paper, consultations: (Consultation & { organizationName?: string })[], answers: AnswerView[] = []) {
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
    /** The text the next consultation deliberates, and how it came to be (original, amended by …). */
    decisionText: {
      current: context.decisionTexts.at(-1)?.text ?? paper.decisionProposal,
      versions: context.decisionTexts.map((v) => ({ ...v, label: decisionTextLabel(paper.paperType, v) })),
    },
    /** An Antrag or Anfrage as received: originator, day, requested session, right to be placed (§ 33 KrO NRW). */
    motion: context.motion
      ? { ...context.motion, receivedAt: paper.receivedAt ? new Date(paper.receivedAt).toISOString() : context.motion.receivedAt }
      : null,
    /** An Anfrage: its Beantwortungen (Mitteilungsvorlagen), and when each was released. */
    answers: paper.paperType === 'Anfrage' ? answers.map((a) => ({ ...a, ...splitState(a.state), releasedAt: context.answers?.find((r) => r.paperId === a.id)?.at ?? null })) : [],
    answersPaperId: paper.answersPaperId ?? null,
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
