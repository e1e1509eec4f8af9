/**
 * Pure rules behind the paper machine's guards. They live outside the machine so the
 * HTTP layer can say *why* an event is refused (completeness, role, result) with the same
 * code that refuses it, and so each rule is tested on its own.
 */
import type { Role } from '../identity/role';
import { voteProblems } from '../../shared/vote-rules';
import { ORGANIZATION_KINDS } from '../bodies/organization-kind';
import { DEFAULT_SIGN_OFF_STEPS, isMotionType } from '../bodies/sign-off-rule';
import {
  CONSULTATION_RESULTS,
  CONSULTATION_ROLES,
  type ConsultationResult,
  type ConsultationRole,
  type ConsultationState,
  type ImplementationHold,
  type PaperActor,
  type PaperContext,
  type PaperEvent,
  type PaperEventType,
  type PaperSubmission,
  type PaperType,
  type RecordResultEvent,
  type SignEvent,
  type SignerProfile,
  type UrgentDecisionEvent,
  type Votes,
  type ObjectEvent,
  type SupervisoryDecisionEvent,
  URGENT_DECISION_FORMS,
} from './paper.types';
import { isNonBlank } from '../../shared/text';
import { EVENT_ROLES, NEXT_SIGN_OFF_STEP } from './paper-event-roles';

export { isNonBlank };
import { isCalendarDate } from '../../shared/calendar';
import { germanDay, lastDayOfWindow } from '../../shared/document-format';

export { germanDay, lastDayOfWindow };

export { DEFAULT_SIGN_OFF_STEPS };

/**
 * Why a paper's sign-off chain does not satisfy its body's rule, or undefined when it
 * does: every required step must be in the chain, in the required order. A clerk may
 * add steps (more eyes, never fewer); skipping or reordering a required one is refused.
 */
export function signOffChainProblem(required: readonly Role[], chain: readonly Role[]): string | undefined {
  let next = 0;
  for (const role of chain) if (role === required[next]) next++;
  if (next === required.length) return undefined;
  return `signOffSteps must contain the body's chain ${required.join(' → ')} in this order (missing or out of order: ${required[next]}); steps may only be added`;
}

/** Paper types that ask for a decision and therefore end in exactly one decisive consultation. */
const DECISION_PAPER_TYPES: readonly PaperType[] = ['Beschlussvorlage', 'Antrag'];

export function needsDecision(paperType: PaperType): boolean {
  return DECISION_PAPER_TYPES.includes(paperType);
}


// ---------------------------------------------------------------------------------------
// Roles: the one table the machine and the HTTP layer share.
// ---------------------------------------------------------------------------------------

// The role table lives in paper-event-roles.ts (the meetings read it too).
export { EVENT_ROLES, NEXT_SIGN_OFF_STEP };

export const SUPERUSER_ROLE: Role = 'admin';

export function nextSignOffRole(context: Pick<PaperContext, 'signOffSteps' | 'signatures'>): Role | undefined {
  return context.signOffSteps[context.signatures.length];
}

/** The roles that may send `type` now (admin aside); empty when nobody but admin may. */
export function requiredRoles(
  type: PaperEventType,
  context: Pick<PaperContext, 'signOffSteps' | 'signatures'> & Partial<Pick<PaperContext, 'motion'>>,
): readonly Role[] {
  // A Fraktion or member withdraws its Antrag through the committee office, not a clerk.
  if (type === 'WITHDRAW' && context.motion) return ['committee_office'];
  const rule = EVENT_ROLES[type];
  if (rule !== NEXT_SIGN_OFF_STEP) return rule;
  const next = nextSignOffRole(context);
  return next ? [next] : [];
}

/**
 * Role check only: whether this actor is the right person for `type`, whatever the state.
 * With a signer profile, SIGN is also open to a deputy of the next step ("i.V.") and to
 * the holder of a co-sign unit still to sign (a rejection stays with the step's role).
 */
export function mayAct(
  type: PaperEventType,
  actor: PaperActor,
  context: SignOffView,
  signer?: SignerProfile,
): boolean {
  const roles = Array.isArray(actor?.roles) ? actor.roles : [];
  if (roles.includes(SUPERUSER_ROLE)) return true;
  if (requiredRoles(type, context).some((role) => roles.includes(role))) return true;
  if (type === 'OBJECT' || type === 'CONTEST') return challengesAsDeputy(actor, signer);
  if (type !== 'SIGN') return false;
  return signsAsDeputy(context, actor, signer) || openCoSignUnits(context).some((unit) => signer?.coSignUnits.includes(unit));
}

/** The roles that may ever send OBJECT/CONTEST: the Landrat, and the Kreisdirektor if his profile names him the Landrat's deputy. */
export const CHALLENGE_ROLES: readonly Role[] = ['district_administrator', 'district_director'];

/**
 * Whether the Kreisdirektor raises a Widerspruch or Beanstandung "i.V." of the Landrat:
 * he does not hold the Landrat's role, and the body's signer profile names him deputy for
 * it (the same data that lets him sign the Landrat's step "i.V.").
 */
export function challengesAsDeputy(actor: PaperActor, signer: SignerProfile | undefined): boolean {
  const roles = Array.isArray(actor?.roles) ? actor.roles : [];
  if (roles.includes('district_administrator')) return false;
  return roles.includes('district_director') && signer?.deputyFor.includes('district_administrator') === true;
}

// ---------------------------------------------------------------------------------------
// Sign-off: the line (Mitzeichnung in order, Schlusszeichnung last), parallel co-signers
// beside it, deputies signing "i.V.".
// ---------------------------------------------------------------------------------------

type SignOffView = Pick<PaperContext, 'signOffSteps' | 'signatures'> & Partial<Pick<PaperContext, 'coSignUnits' | 'coSignatures' | 'motion'>>;

/** What is printed under a signature when the signer has no profile of their own. */
export const SIGNER_FUNCTION_LABELS: Partial<Record<Role, string>> = {
  department_head: 'Fachbereichsleitung',
  district_director: 'Kreisdirektor',
  district_administrator: 'Landrat',
};

/** Co-sign units that have not signed yet (old snapshots have none). */
export function openCoSignUnits(context: Partial<Pick<PaperContext, 'coSignUnits' | 'coSignatures'>>): string[] {
  const signed = new Set((context.coSignatures ?? []).map((s) => s.unit));
  return (context.coSignUnits ?? []).filter((unit) => !signed.has(unit));
}

/**
 * Whether this actor signs the next line step "i.V.": they do not hold its role and their
 * profile names them deputy for it. The general deputy may have signed an earlier step
 * in their own function (the Kreisdirektor signs his step, then the Landrat's i.V.).
 */
export function signsAsDeputy(context: SignOffView, actor: PaperActor, signer: SignerProfile | undefined): boolean {
  const next = nextSignOffRole(context);
  if (!next || !signer) return false;
  const roles = Array.isArray(actor?.roles) ? actor.roles : [];
  if (roles.includes(next)) return false;
  return signer.deputyFor.includes(next);
}

/** Whether the next line signature is the last one, the release (Schlusszeichnung). */
export function isFinalSignature(context: SignOffView): boolean {
  return context.signatures.length + 1 >= context.signOffSteps.length;
}

/** Why this SIGN cannot be taken now (the role check aside). */
export function signProblems(context: SignOffView, event: SignEvent): string[] {
  const roles = Array.isArray(event.actor?.roles) ? event.actor.roles : [];
  const admin = roles.includes(SUPERUSER_ROLE);
  if (event.unit !== undefined) {
    if (!(context.coSignUnits ?? []).includes(event.unit)) return [`unit ${event.unit} does not co-sign this paper`];
    if (!openCoSignUnits(context).includes(event.unit)) return [`unit ${event.unit} has already co-signed`];
    if (!admin && !event.signer?.coSignUnits.includes(event.unit)) return [`you do not sign for unit ${event.unit}`];
    return [];
  }
  const next = nextSignOffRole(context);
  if (!next) return ['there is no sign-off step left'];
  if (!admin && !roles.includes(next) && !signsAsDeputy(context, event.actor, event.signer)) {
    return [`the next step is ${next}'s, and you are not its deputy`];
  }
  const open = openCoSignUnits(context);
  if (isFinalSignature(context) && open.length > 0) {
    return [`the release needs every co-signature first (missing: ${open.join(', ')})`];
  }
  return [];
}

// ---------------------------------------------------------------------------------------
// SUBMIT: completeness of the paper.
// ---------------------------------------------------------------------------------------

/**
 * What is missing or wrong before a paper may go to sign-off. Empty means complete.
 * Messages are English and name the field; the HTTP layer shows them.
 */
export function completenessProblems(paperType: PaperType, paper: PaperSubmission, registered = false): string[] {
  const problems: string[] = [];
  if (!paper || typeof paper !== 'object') return ['paper is required'];
  if (!isNonBlank(paper.title)) problems.push('title is required');
  if (!isNonBlank(paper.decisionProposal)) problems.push('decisionProposal is required');
  // A registered Antrag or Anfrage is taken as the Fraktion or member wrote it: the
  // Begründung and the administration's Klimarelevanz check belong to Vorlagen.
  if (!registered && !isNonBlank(paper.facts)) problems.push('facts is required');

  const effect = paper.climateImpact?.effect;
  if (registered) {
    // nothing: see above
  } else if (effect !== 'none' && effect !== 'positive' && effect !== 'negative') {
    problems.push('climateImpact.effect must be none, positive or negative');
  } else if (effect !== 'none' && !isNonBlank(paper.climateImpact.justification)) {
    problems.push('climateImpact.justification is required unless effect is none');
  }

  const consultations = Array.isArray(paper.consultations) ? paper.consultations : [];
  if (consultations.length === 0) {
    // An Anfrage may be answered in writing only, without a session.
    if (registered && paperType === 'Anfrage') return problems;
    problems.push('at least one consultation is required');
    return problems;
  }

  const seenKeys = new Set<string>();
  consultations.forEach((c, i) => {
    if (!isNonBlank(c.key)) problems.push(`consultations[${i}].key is required`);
    else if (seenKeys.has(c.key)) problems.push(`consultations[${i}].key must be unique`);
    else seenKeys.add(c.key);
    if (!isNonBlank(c.organizationId)) problems.push(`consultations[${i}].organizationId is required`);
    if (!(ORGANIZATION_KINDS as readonly string[]).includes(c.organizationKind)) {
      problems.push(`consultations[${i}].organizationKind is invalid`);
    }
    if (!(CONSULTATION_ROLES as readonly string[]).includes(c.role)) {
      problems.push(`consultations[${i}].role is invalid`);
    }
  });

  const decisiveIndexes = consultations.flatMap((c, i) => (c.role === 'decisive' ? [i] : []));
  if (needsDecision(paperType)) {
    if (decisiveIndexes.length !== 1) {
      problems.push(`a ${paperType} needs exactly one decisive consultation`);
    } else if (decisiveIndexes[0] !== consultations.length - 1) {
      problems.push('the decisive consultation must be the last consultation');
    }
  } else if (decisiveIndexes.length > 0) {
    problems.push(`a ${paperType} must not have a decisive consultation`);
  }

  // § 50 Abs. 1 S. 2 KrO NRW: the Kreisausschuss prepares every Kreistag decision. A
  // registered Antrag is exempt: § 33 KrO NRW puts a Fraktion's proposal on the Kreistag's
  // own agenda (which may refer it to the Kreisausschuss).
  for (const i of registered ? [] : decisiveIndexes) {
    if (consultations[i].organizationKind !== 'district_council') continue;
    const prepared = consultations.slice(0, i).some((c) => c.organizationKind === 'district_committee');
    if (!prepared) {
      problems.push('a decisive district_council consultation must be preceded by a district_committee consultation');
    }
  }
  return problems;
}

export function isComplete(paperType: PaperType, paper: PaperSubmission): boolean {
  return completenessProblems(paperType, paper).length === 0;
}

// ---------------------------------------------------------------------------------------
// Deliberation: the current consultation and its result.
// ---------------------------------------------------------------------------------------

export function currentConsultation(context: PaperContext): ConsultationState | undefined {
  return context.current >= 0 ? context.consultations[context.current] : undefined;
}

/** A consultation that is on its way but not decided yet; once decided it is history. */
export function hasOpenCurrentConsultation(context: PaperContext): boolean {
  const c = currentConsultation(context);
  return c !== undefined && c.result === undefined;
}

/** Postponing and referring are open to every body; the rest depends on its role. */
const RESULTS_BY_ROLE: Record<ConsultationRole, readonly ConsultationResult[]> = {
  preliminary: ['recommended', 'not_recommended', 'postponed', 'referred'],
  decisive: ['adopted', 'adopted_amended', 'rejected', 'postponed', 'referred'],
  info: ['noted', 'postponed', 'referred'],
};

export function allowedResults(role: ConsultationRole): readonly ConsultationResult[] {
  return RESULTS_BY_ROLE[role];
}

export function isResultAllowed(role: ConsultationRole, result: ConsultationResult): boolean {
  return RESULTS_BY_ROLE[role].includes(result);
}

function isCount(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

export function isValidVotes(votes: Votes): boolean {
  if (!votes || typeof votes !== 'object') return false;
  if ('unanimous' in votes) return votes.unanimous === true;
  return isCount(votes.yes) && isCount(votes.no) && isCount(votes.abstain);
}

/** Why a RECORD_RESULT cannot be recorded now (state and payload; not the role). */
export function recordResultProblems(context: PaperContext, event: RecordResultEvent): string[] {
  const current = currentConsultation(context);
  if (!current) return ['there is no current consultation'];
  if (current.result !== undefined) return ['the current consultation already has a result'];
  if (!(CONSULTATION_RESULTS as readonly string[]).includes(event.result)) return ['result is invalid'];
  const problems: string[] = [];
  if (!isResultAllowed(current.role, event.result)) {
    problems.push(`result ${event.result} is not allowed for a ${current.role} consultation`);
  }
  if (event.result === 'adopted_amended' && !isNonBlank(event.text)) {
    problems.push('text is required for adopted_amended');
  }
  if (event.amendedBy !== undefined) {
    if (event.result !== 'recommended' && event.result !== 'adopted_amended') {
      problems.push('an amended text is carried only by recommended or adopted_amended');
    }
    if (!isNonBlank(event.text)) problems.push('text (the amended text) is required with amendedBy');
  }
  if (event.result === 'referred') {
    if (!isNonBlank(event.organizationId)) problems.push('organizationId is required for referred');
    if (!(ORGANIZATION_KINDS as readonly string[]).includes(event.organizationKind as string)) {
      problems.push('organizationKind is required for referred');
    }
    if (event.organizationId === current.organizationId) {
      problems.push('a consultation cannot be referred to its own organization');
    }
  }
  if (event.result === 'referred' && current.redecision) {
    problems.push('a new decision under § 39 KrO NRW is taken by the body itself: it cannot be referred');
  }
  if (event.votes !== undefined && !isValidVotes(event.votes)) {
    problems.push('votes must be non-negative integers or { unanimous: true }');
  } else {
    problems.push(...voteProblems(event.result, event.votes, event).map((p) => p.message));
  }
  return problems;
}

/** Where a valid result takes the paper; the machine has one transition per outcome. */
export type ResultOutcome = 'advance' | 'exhausted' | 'adopt' | 'adoptAmended' | 'reject' | 'postpone' | 'refer';

export function resultOutcome(context: PaperContext, event: RecordResultEvent): ResultOutcome | undefined {
  if (recordResultProblems(context, event).length > 0) return undefined;
  switch (event.result) {
    case 'adopted':
      return 'adopt';
    case 'adopted_amended':
      return 'adoptAmended';
    case 'rejected':
      return 'reject';
    case 'postponed':
      return 'postpone';
    case 'referred':
      return 'refer';
    case 'recommended':
    case 'not_recommended':
    case 'noted':
      // Without a next body (only possible without a decisive consultation) the
      // procedure ends having been taken note of.
      return context.current + 1 < context.consultations.length ? 'advance' : 'exhausted';
  }
}

// ---------------------------------------------------------------------------------------
// Urgent decision (Dringlichkeitsentscheidung, § 50 Abs. 3 KrO NRW).
// ---------------------------------------------------------------------------------------

/** Only a decision still owed can be taken urgently: the decisive consultation is open. */
export function canDecideUrgently(context: PaperContext): boolean {
  return (
    needsDecision(context.paperType) &&
    context.consultations.some((c) => c.role === 'decisive' && c.result === undefined)
  );
}

export function urgentDecisionProblems(context: PaperContext, event: UrgentDecisionEvent): string[] {
  const problems: string[] = [];
  if (!canDecideUrgently(context)) problems.push('there is no open decisive consultation to decide urgently');
  if (event.decidedBy !== 'district_committee' && event.decidedBy !== 'district_administrator_with_member') {
    problems.push('decidedBy must be district_committee or district_administrator_with_member');
  }
  if (event.decidedBy === 'district_administrator_with_member') {
    // Which person it is, and that it sits in the Kreisausschuss, the service checks against the memberships.
    if (!isNonBlank(event.memberPersonId)) {
      problems.push('memberPersonId is required when decidedBy is district_administrator_with_member');
    }
    if (event.form !== undefined) problems.push('form is for a decision of the district_committee only');
  }
  if (event.decidedBy === 'district_committee') {
    if (event.memberPersonId !== undefined) problems.push('memberPersonId is for the district_administrator_with_member procedure only');
    if (event.form !== undefined && !(URGENT_DECISION_FORMS as readonly string[]).includes(event.form)) {
      problems.push('form must be session or circulation');
    }
  }
  if (!isNonBlank(event.text)) problems.push('text is required');
  if (!isNonBlank(event.justification)) problems.push('justification is required');
  return problems;
}

/**
 * The record an overturned urgent decision keeps (§ 50 Abs. 3 KrO NRW): the Kreistag can
 * lift it only as far as no rights of others arose from carrying it out, so it is lifted
 * for the future and the decision stays on record as taken.
 */
export function overturnRecord(thirdPartyRightsArisen: boolean): string {
  return thirdPartyRightsArisen
    ? 'Die Dringlichkeitsentscheidung wurde vom Kreistag mit Wirkung für die Zukunft aufgehoben. ' +
        'Rechte Dritter, die durch ihre Ausführung bereits entstanden sind, bleiben unberührt.'
    : 'Die Dringlichkeitsentscheidung wurde vom Kreistag mit Wirkung für die Zukunft aufgehoben. ' +
        'Rechte Dritter sind durch ihre Ausführung nicht entstanden.';
}

/** Tasks may start under an urgent decision before the Kreistag approves it; the first one is recorded. */
export function implementationStarted(context: PaperContext): boolean {
  return context.urgentDecision?.implementationStartedAt !== undefined;
}

// ---------------------------------------------------------------------------------------
// Referral: the role follows the competence of the body referred to.
// ---------------------------------------------------------------------------------------

/**
 * The organization competent to decide the paper: the one its decisive consultation names
 * (the latest one, open or not), or the Kreistag (`district_council`) for a paper that asks
 * for a decision and names none. Undefined for papers that ask for no decision.
 */
function isCompetent(context: PaperContext, organizationId: string, organizationKind: string | undefined): boolean {
  if (!needsDecision(context.paperType)) return false;
  // The Kreistag decides every matter of the Kreis it takes up (Kreisordnung NRW, Zuständigkeiten des Kreistags).
  if (organizationKind === 'district_council') return true;
  const decisive = [...context.consultations].reverse().find((c) => c.role === 'decisive');
  return decisive?.organizationId === organizationId;
}

/**
 * The role of the consultation a referral opens: `decisive` when the paper is referred to
 * the organization competent to decide it, `preliminary` otherwise (a committee advises).
 */
export function referralRole(context: PaperContext, event: RecordResultEvent): ConsultationRole {
  return isCompetent(context, event.organizationId!, event.organizationKind) ? 'decisive' : 'preliminary';
}

// ---------------------------------------------------------------------------------------
// Context preconditions that do not depend on the payload (used by allowedEventTypes).
// ---------------------------------------------------------------------------------------

/**
 * Whether the context admits `type` at all, ignoring the payload: e.g. SIGN needs a step
 * left, RECORD_RESULT an undecided current consultation. The state check is the machine's.
 * With `at`, time counts too (OBJECT only while the window is open); without, it does not.
 */
export function contextAdmits(type: PaperEventType, context: PaperContext, at?: string): boolean {
  switch (type) {
    case 'REGISTER':
      return isMotionType(context.paperType);
    case 'ANSWER':
      return context.paperType === 'Anfrage';
    case 'SIGN':
      return nextSignOffRole(context) !== undefined || openCoSignUnits(context).length > 0;
    case 'REJECT_SIGNOFF':
      return nextSignOffRole(context) !== undefined;
    case 'SCHEDULE':
    case 'UNSCHEDULE':
    case 'RECORD_RESULT':
      return hasOpenCurrentConsultation(context);
    case 'URGENT_DECISION':
    case 'PREPARE_TASK':
      // Both need a decision still owed: an open decisive consultation, and not a new
      // decision under § 39 KrO NRW (the body itself decides that one, in session).
      return canDecideUrgently(context) && !isRedeciding(context);
    case 'WITHDRAW':
      // A decision taken and objected to or contested is not the author's to take back.
      return !isRedeciding(context);
    case 'START_IMPLEMENTATION':
      return !implementationStarted(context);
    case 'OBJECT':
      return objectionRefusal(context, at) === undefined;
    case 'CLOSE':
      // Not while a Widerspruch may still come (§ 39 Abs. 1 KrO NRW): the decision is not final yet.
      return at === undefined || !objectionWindowOpen(context, at);
    case 'CONTEST':
      return contestProblems(context).length === 0;
    default:
      return true;
  }
}

/** Payload check per event (role and state aside). Empty means the payload is acceptable. */
export function payloadProblems(context: PaperContext, event: PaperEvent): string[] {
  switch (event.type) {
    case 'SUBMIT':
      return completenessProblems(context.paperType, event.paper);
    case 'REGISTER': {
      const problems = completenessProblems(context.paperType, event.paper, true);
      if (!event.motion || !isNonBlank(event.motion.originator?.id)) problems.push('motion.originator is required');
      if (!event.motion || !isNonBlank(event.motion.receivedAt)) problems.push('motion.receivedAt is required');
      return problems;
    }
    case 'ANSWER':
      return isNonBlank(event.answerPaperId) ? [] : ['answerPaperId is required'];
    case 'REJECT_SIGNOFF':
    case 'WITHDRAW':
      return isNonBlank(event.reason) ? [] : ['reason is required'];
    case 'SCHEDULE': {
      const problems: string[] = [];
      if (!isNonBlank(event.date)) problems.push('date is required');
      if (!isNonBlank(event.agendaItemNumber)) problems.push('agendaItemNumber is required');
      const outside = isNonBlank(event.date) ? redecisionDayProblem(currentConsultation(context), event.date) : undefined;
      if (outside) problems.push(outside);
      return problems;
    }
    case 'RECORD_RESULT':
      return recordResultProblems(context, event);
    case 'URGENT_DECISION':
      return urgentDecisionProblems(context, event);
    case 'OVERTURN_URGENT_DECISION':
      return typeof event.thirdPartyRightsArisen === 'boolean' ? [] : ['thirdPartyRightsArisen must be a boolean'];
    case 'PREPARE_TASK': {
      const problems: string[] = [];
      if (!isNonBlank(event.taskId)) problems.push('taskId is required');
      if (!isNonBlank(event.reason)) problems.push('reason is required');
      return problems;
    }
    case 'CLOSE': {
      const problems = event.openTasks === 0 ? [] : [`all tasks must be done or cancelled before closing (${event.openTasks} open)`];
      if (objectionWindowOpen(context, event.at)) {
        problems.push(`the objection window (§ 39 Abs. 1 KrO NRW) is open until the end of ${lastDayOfWindow(context.objectionWindowEndsAt!)}`);
      }
      return problems;
    }
    case 'OBJECT': {
      const refusal = objectionRefusal(context, event.at);
      return [...(refusal ? [refusal.message] : []), ...objectionPayloadProblems(event)];
    }
    case 'CONTEST':
      return [...contestProblems(context), ...(isNonBlank(event.reason) ? [] : ['reason is required'])];
    case 'SUPERVISORY_DECISION':
      return supervisoryDecisionProblems(event);
    case 'SIGN':
      return signProblems(context, event);
    case 'UNSCHEDULE':
    case 'APPROVE_URGENT_DECISION':
    case 'START_IMPLEMENTATION':
      return [];
  }
}

/** Role, context and payload together: what every guard of the machine asks. */
export function isPermitted(context: PaperContext, event: PaperEvent): boolean {
  return (
    mayAct(event.type, event.actor, context, 'signer' in event ? event.signer : undefined) &&
    contextAdmits(event.type, context, event.at) &&
    payloadProblems(context, event).length === 0
  );
}

// ---------------------------------------------------------------------------------------
// Widerspruch und Beanstandung (§ 39 KrO NRW).
// ---------------------------------------------------------------------------------------

/** The consultation whose result adopted the paper (the current one while adopted). */
export function decidingConsultation(context: PaperContext): ConsultationState | undefined {
  const c = currentConsultation(context);
  return c && c.role === 'decisive' && (c.result === 'adopted' || c.result === 'adopted_amended') ? c : undefined;
}

/** The body is deciding a matter again under § 39 KrO NRW (after a Widerspruch or a Beanstandung). */
export function isRedeciding(context: PaperContext): boolean {
  const c = currentConsultation(context);
  return c !== undefined && c.result === undefined && c.redecision !== undefined;
}

/** Whether a Widerspruch could still be raised at `at`: a window recorded, not yet ended, none raised. */
export function objectionWindowOpen(context: Pick<PaperContext, 'objection' | 'objectionWindowEndsAt'>, at: string): boolean {
  return (
    context.objection === undefined &&
    context.objectionWindowEndsAt !== undefined &&
    Date.parse(at) < Date.parse(context.objectionWindowEndsAt)
  );
}


export type ObjectionRefusalCode = 'PAPER.OBJECTION_EXHAUSTED' | 'PAPER.NO_OBJECTION_WINDOW' | 'PAPER.OBJECTION_WINDOW_CLOSED';

/** Why a Widerspruch is not admissible now, with a stable code; undefined when it is. */
export interface ObjectionRefusal {
  code: ObjectionRefusalCode;
  message: string;
  objectionWindowEndsAt?: string;
}

/**
 * § 39 Abs. 1 KrO NRW: the Landrat may object to a decision at the latest on the third day
 * after it was taken (the organization's `objectionWindowDays`); the body then decides
 * again, and a further objection is inadmissible. Without `at` time is not considered.
 */
export function objectionRefusal(context: PaperContext, at?: string): ObjectionRefusal | undefined {
  if (context.objection !== undefined) {
    return {
      code: 'PAPER.OBJECTION_EXHAUSTED',
      message:
        `weiterer Widerspruch unzulässig (§ 39 Abs. 1 KrO NRW): dem Beschluss wurde am ${germanDay(context.objection.day)} ` +
        'bereits widersprochen, über die Angelegenheit ist erneut zu beschließen bzw. erneut beschlossen',
    };
  }
  if (!decidingConsultation(context) || context.objectionWindowEndsAt === undefined) {
    return {
      code: 'PAPER.NO_OBJECTION_WINDOW',
      message:
        'kein Widerspruch nach § 39 Abs. 1 KrO NRW: für diesen Beschluss läuft keine Widerspruchsfrist ' +
        '(das beschließende Gremium hat keine; Dringlichkeitsentscheidungen nach § 50 Abs. 3 KrO NRW unterliegen ihr nicht)',
    };
  }
  if (at !== undefined && !objectionWindowOpen(context, at)) {
    return {
      code: 'PAPER.OBJECTION_WINDOW_CLOSED',
      message:
        `Widerspruch nicht mehr zulässig: die Frist nach § 39 Abs. 1 KrO NRW endete mit Ablauf des ` +
        `${lastDayOfWindow(context.objectionWindowEndsAt)} (${context.objectionWindowEndsAt})`,
      objectionWindowEndsAt: context.objectionWindowEndsAt,
    };
  }
  return undefined;
}

function objectionPayloadProblems(event: ObjectEvent): string[] {
  const problems: string[] = [];
  if (!isNonBlank(event.reason)) problems.push('reason is required');
  for (const field of ['day', 'earliestSessionDay', 'latestSessionDay'] as const) {
    if (!isCalendarDate(event[field])) problems.push(`${field} is required (set by the service)`);
  }
  return problems;
}

/** § 39 Abs. 2 KrO NRW: a decision taken by a consultation, contested once (a paper already contested or decided urgently is not). */
export function contestProblems(context: PaperContext): string[] {
  if (context.contest !== undefined) return ['the decision was contested already (§ 39 Abs. 2 KrO NRW)'];
  if (!decidingConsultation(context)) {
    return ['there is no decision of a body to contest (an urgent decision is approved or overturned by the Kreistag, § 50 Abs. 3 KrO NRW)'];
  }
  return [];
}

/**
 * A new session after a Widerspruch must lie between the bounds § 39 Abs. 1 KrO NRW sets
 * (at the earliest on the third day, at the latest four weeks after the objection).
 */
export function redecisionDayProblem(consultation: ConsultationState | undefined, day: string): string | undefined {
  const bounds = consultation?.redecision;
  if (!bounds?.earliestDay || !bounds.latestDay) return undefined;
  if (day >= bounds.earliestDay && day <= bounds.latestDay) return undefined;
  return (
    `after the Widerspruch the body decides again in a session between ${bounds.earliestDay} and ${bounds.latestDay} ` +
    `(§ 39 Abs. 1 KrO NRW: frühestens am dritten Tag, spätestens vier Wochen nach dem Widerspruch); ${day} is outside`
  );
}

/** The Aufsichtsbehörde's decision as the committee office records it (§ 39 Abs. 2 KrO NRW). */
export function supervisoryDecisionProblems(event: SupervisoryDecisionEvent): string[] {
  const problems: string[] = [];
  if (typeof event.upheld !== 'boolean') problems.push('upheld must be a boolean');
  if (!isNonBlank(event.authority)) problems.push('authority is required');
  if (!isCalendarDate(event.decidedOn)) problems.push('decidedOn must be a calendar day YYYY-MM-DD');
  return problems;
}

/**
 * Whether a decision may be carried out now, for the tasks module: `windowOpen` while a
 * Widerspruch may still come (§ 39 Abs. 1), `suspended` while one or a Beanstandung
 * stands (§ 39 Abs. 1 and 2), `annulled` once the Aufsichtsbehörde has lifted it.
 * Urgent decisions (§ 50 Abs. 3 KrO NRW) record no window and are never held here.
 */

export function implementationHold(state: string, context: PaperContext, at: string): ImplementationHold | undefined {
  if (state === 'annulled') return { kind: 'annulled', decidedOn: context.supervisoryDecision?.decidedOn ?? '' };
  if (state === 'awaitingSupervision') return { kind: 'suspended', procedure: 'supervision', since: context.contest?.at ?? at };
  if (state.startsWith('contested')) return { kind: 'suspended', procedure: 'contest', since: context.contest?.at ?? at };
  if (state.startsWith('deliberation') && isRedeciding(context) && currentConsultation(context)?.redecision?.kind === 'objection') {
    return { kind: 'suspended', procedure: 'objection', since: context.objection?.at ?? at };
  }
  if ((state === 'adopted' || state === 'inImplementation') && objectionWindowOpen(context, at)) {
    return { kind: 'windowOpen', endsAt: context.objectionWindowEndsAt! };
  }
  return undefined;
}
