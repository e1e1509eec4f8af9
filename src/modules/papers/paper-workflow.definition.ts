import { declaredEffects, effectsOf } from '../../workflow/effects';
import type { WorkflowDefinition } from '../../workflow/workflow-definition';
import { allowedEventTypes, PAPER_MACHINE_VERSION, paperMachine, toStateKey, type PaperSnapshot } from './paper.machine';
import { CHALLENGE_ROLES, EVENT_ROLES, NEXT_SIGN_OFF_STEP, payloadProblems, requiredRoles } from './paper.guards';
import { CONSULTATION_PROJECTION } from './paper.projection';
import { SIGNER_ROLES } from '../bodies/sign-off-rule';
import type { PaperEffect, PaperEvent, PaperEventType } from './paper.types';

/** How the workflow service runs Vorlagen: table, machine versions, rules, effects. */
export const PAPER_WORKFLOW: WorkflowDefinition = {
  subjectType: 'paper',
  table: 'paper',
  currentVersion: PAPER_MACHINE_VERSION,
  machines: { [PAPER_MACHINE_VERSION]: paperMachine },
  stateKey: toStateKey,
  allowedEvents: (snapshot, actor) => allowedEventTypes(snapshot as PaperSnapshot, actor),
  rolesFor: (type, snapshot) => {
    const rule = EVENT_ROLES[type as PaperEventType];
    if (rule === undefined) return [];
    if (type === 'WITHDRAW') return requiredRoles('WITHDRAW', (snapshot as PaperSnapshot).context);
    // The Kreisdirektor may object or contest as the Landrat's deputy; whether he is one, the send path checks (403 if not).
    if (type === 'OBJECT' || type === 'CONTEST') return CHALLENGE_ROLES;
    // Any signer of this paper may send a sign-off event; whether it is their turn is a 409, not a 403.
    // With co-signers any signer role may sign: the signer's profile (unit) decides, in the machine.
    if (rule !== NEXT_SIGN_OFF_STEP) return rule;
    const context = (snapshot as PaperSnapshot).context;
    const coSigning = type === 'SIGN' && (context.coSignUnits ?? []).length > 0;
    return coSigning ? [...new Set([...context.signOffSteps, ...SIGNER_ROLES])] : context.signOffSteps;
  },
  problems: (snapshot, event) => payloadProblems((snapshot as PaperSnapshot).context, event as PaperEvent),
  outboxEffects: ['notify', 'scheduleDeadline', 'cancelDeadline'],
  transactionEffects: ['assignReference'],
  settableColumns: { decision_proposal: 'text', reference: 'text' },
  projections: { consultations: CONSULTATION_PROJECTION },
};

/** The effects the workflow writes for these actions (outbox rows and the reference number): its own filter. */
export function toPaperEffects(actions: ReadonlyArray<{ type: string; params?: unknown }>): PaperEffect[] {
  return effectsOf(actions, declaredEffects(PAPER_WORKFLOW)) as PaperEffect[];
}
