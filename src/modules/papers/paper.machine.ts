/**
 * The life of a Vorlage, from draft to closed.
 *
 * Why it looks like this:
 * - Pure: the workflow service restores a snapshot, asks `can()`, calls `transition()` and
 *   writes snapshot, audit event and outbox rows in one DB transaction. So the machine reads
 *   no clock and no database; `at` and `actor` come on every event, and effects (reference
 *   number, notifications, deadlines) are returned as named actions with params.
 * - Every guard asks the same question, `isPermitted` (role + context + payload). The
 *   workflow answers a caller who holds none of the event's roles with 403; any other
 *   refusal is "not allowed now" (409 with `allowedEventTypes` and the problems), and the
 *   role table in paper.guards.ts is the only place that says who may do what.
 * - The Beratungsfolge is data in the context, not states: bodies, postponements and
 *   referrals vary per paper, while the states only say what kind of step is next.
 *   History is append-only: a consultation with a result is never changed; postponing or
 *   referring inserts new consultations after it.
 * - An urgent decision (§ 50 Abs. 3 KrO NRW) leaves deliberation, because the decision is
 *   taken outside it; it waits in `urgentlyDecided` for the Kreistag and cannot be
 *   withdrawn. It is a decision already: its tasks may start (START_IMPLEMENTATION is
 *   recorded, the state stays), and approval then leads straight to `inImplementation`.
 *   Overturning lifts it for the future only (`overturned`, not `rejected`): rights of
 *   third parties acquired by carrying it out stay.
 * - A referral to the organization competent to decide opens a decisive consultation;
 *   any other referral a preliminary one, after which the referring body deliberates again.
 * - Widerspruch und Beanstandung (§ 39 KrO NRW). An adoption by a body with an objection
 *   window records when it ends (`objectionWindowEndsAt`, computed by the service and
 *   carried on RECORD_RESULT). OBJECT (Abs. 1) sends the paper back to deliberation with a
 *   new decisive consultation of the same body (origin `objection`, its session bounded by
 *   the days on the event); its result is final for Abs. 1 — a second OBJECT is refused.
 *   CONTEST (Abs. 2) suspends the decision in `contested`, where the body decides again:
 *   rejected (rescinded) or amended, the procedure follows that decision; adopted again
 *   (kept), the paper waits in `awaitingSupervision` for the Aufsichtsbehörde, which
 *   upholds it (`adopted`) or annuls it (`annulled`, final). A decision already being
 *   carried out when challenged resumes in `inImplementation` once it stands.
 * - No root-level `on`: it would still fire in the final states.
 */
import { and, assertEvent, assign, setup, type SnapshotFrom, type StateValue } from 'xstate';
import {
  DEFAULT_SIGN_OFF_STEPS,
  contextAdmits,
  SIGNER_FUNCTION_LABELS,
  currentConsultation,
  decidingConsultation,
  implementationStarted,
  isFinalSignature,
  isPermitted,
  signsAsDeputy,
  mayAct,
  nextSignOffRole,
  overturnRecord,
  referralRole,
  resultOutcome,
  type ResultOutcome,
} from './paper.guards';
import {
  PAPER_EVENT_TYPES,
  type AmendedBy,
  type CoSignature,
  type ConsultationState,
  type DecisionChallenge,
  type PaperActor,
  type PaperContext,
  type PaperDeadline,
  type PaperEvent,
  type PaperEventType,
  type PaperInput,
  type PaperNotification,
  type PaperStateKey,
  type Signature,
  type SignerProfile,
} from './paper.types';

/** Bump when a change would misread snapshots persisted by an earlier version. */
export const PAPER_MACHINE_VERSION = 1;

/**
 * A key for a consultation the machine inserts: `${base}-1`, or the next free number, so
 * keys stay unique and reproducible (same history, same keys) without randomness.
 */
export function insertedConsultationKey(consultations: readonly ConsultationState[], base: string): string {
  const taken = new Set(consultations.map((c) => c.key));
  let n = 1;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

function withCurrentReplaced(context: PaperContext, patch: Partial<ConsultationState>): ConsultationState[] {
  return context.consultations.map((c, i) => (i === context.current ? { ...c, ...patch } : c));
}

function insertAfterCurrent(context: PaperContext, inserted: ConsultationState[]): ConsultationState[] {
  const at = context.current + 1;
  return [...context.consultations.slice(0, at), ...inserted, ...context.consultations.slice(at)];
}

function appendDecisionText(
  context: PaperContext,
  text: string,
  at: string,
  source: PaperContext['decisionTexts'][number]['source'],
  amendedBy?: AmendedBy,
): PaperContext['decisionTexts'] {
  const version = (context.decisionTexts.at(-1)?.version ?? 0) + 1;
  return [...context.decisionTexts, { version, text, at, source, ...(amendedBy && { amendedBy }) }];
}

const resultNotification = ({ context, event }: { context: PaperContext; event: PaperEvent }): PaperNotification => {
  assertEvent(event, 'RECORD_RESULT');
  const consultation = currentConsultation(context)!;
  return {
    kind: 'resultRecorded',
    result: event.result,
    consultationKey: consultation.key,
    organizationId: consultation.organizationId,
  };
};

const signOffRequested = ({ context }: { context: PaperContext }): PaperNotification => ({
  kind: 'signOffRequested',
  role: nextSignOffRole(context)!,
});

const URGENT_DEADLINE: PaperDeadline = { kind: 'urgentDecisionApproval' };

/** The next signer is waiting: reminded after 2 working days, escalated after 5 (deadlines module). */
const signOffWaiting = ({ context }: { context: PaperContext }): PaperDeadline => ({
  kind: 'signOffWaiting',
  role: nextSignOffRole(context)!,
});
const SIGN_OFF_SETTLED = { type: 'cancelDeadline', params: { kind: 'signOffWaiting' } } as const;

/** The committee office plans the body's new decision after a Widerspruch or a Beanstandung. */
const challenged = ({ event }: { event: PaperEvent }): PaperNotification => {
  assertEvent(event, ['OBJECT', 'CONTEST']);
  return { kind: 'decisionChallenged', procedure: event.type === 'OBJECT' ? 'objection' : 'contest', reason: event.reason };
};

/** Who raised a Widerspruch or a Beanstandung, on which decision, from where. */
function challenge(context: PaperContext, event: Extract<PaperEvent, { type: 'OBJECT' | 'CONTEST' }>, fromState: DecisionChallenge['fromState']): DecisionChallenge {
  const deputy = !event.actor.roles.includes('district_administrator') && event.signer?.deputyFor.includes('district_administrator') === true;
  return {
    reason: event.reason.trim(),
    at: event.at,
    actorId: event.actor.id,
    ...(event.signer && { name: event.signer.name, function: event.signer.function || SIGNER_FUNCTION_LABELS.district_director }),
    ...(deputy && { deputy: true }),
    consultationKey: decidingConsultation(context)!.key,
    fromState,
  };
}

/** The body's new decisive consultation under § 39 KrO NRW, right after the challenged one, and current. */
function redecide(context: PaperContext, redecision: NonNullable<ConsultationState['redecision']>): Pick<PaperContext, 'consultations' | 'current'> {
  const decided = decidingConsultation(context)!;
  const next: ConsultationState = {
    key: insertedConsultationKey(context.consultations, `${decided.key}-${redecision.kind}`),
    organizationId: decided.organizationId,
    organizationKind: decided.organizationKind,
    role: 'decisive',
    ...(decided.reporter !== undefined && { reporter: decided.reporter }),
    origin: redecision.kind,
    redecision,
  };
  return { consultations: insertAfterCurrent(context, [next]), current: context.current + 1 };
}

type ResultAction = 'advance' | 'insertPostponement' | 'insertReferral' | 'appendAmendment' | 'carryAmendment' | 'openObjectionWindow';

/** One RECORD_RESULT transition per outcome; the notification is built before the context moves on. */
function onResult(outcome: ResultOutcome, target: string, actions: ResultAction[] = []) {
  return {
    guard: { type: 'resultLeadsTo', params: { outcome } },
    target,
    actions: [{ type: 'notify', params: resultNotification }, 'recordResult', ...actions],
  } as const;
}

export const paperMachine = setup({
  types: {
    context: {} as PaperContext,
    events: {} as PaperEvent,
    input: {} as PaperInput,
  },
  guards: {
    permitted: ({ context, event }) => isPermitted(context, event),
    completesSignOff: ({ context }) => isFinalSignature(context),
    isCoSignature: ({ event }) => event.type === 'SIGN' && event.unit !== undefined,
    hasNoSignOffSteps: ({ context }) => context.signOffSteps.length === 0,
    implementationStarted: ({ context }) => implementationStarted(context),
    hasTasksBeforeDecision: ({ context }) => (context.tasksBeforeDecision ?? []).length > 0,
    // Adopted while the decision was already being carried out (tasks before it, or a
    // Widerspruch/Beanstandung raised during the implementation): it resumes there.
    resumesImplementation: ({ context }) =>
      (context.tasksBeforeDecision ?? []).length > 0 ||
      context.objection?.fromState === 'inImplementation' ||
      context.contest?.fromState === 'inImplementation',
    upheld: ({ event }) => event.type === 'SUPERVISORY_DECISION' && event.upheld === true,
    resultLeadsTo: ({ context, event }, params: { outcome: ResultOutcome }) =>
      event.type === 'RECORD_RESULT' &&
      mayAct(event.type, event.actor, context) &&
      resultOutcome(context, event) === params.outcome,
  },
  actions: {
    // Effect markers: they do nothing here; the caller turns them into outbox rows.
    assignReference: () => {},
    notify: (_, _params: PaperNotification) => {},
    scheduleDeadline: (_, _params: PaperDeadline) => {},
    cancelDeadline: (_, _params: PaperDeadline) => {},

    takeSubmission: assign(({ context, event }) => {
      assertEvent(event, ['SUBMIT', 'REGISTER']);
      const proposal = event.paper.decisionProposal;
      const latest = context.decisionTexts.at(-1);
      return {
        consultations: event.paper.consultations.map(
          (c): ConsultationState => ({
            key: c.key,
            organizationId: c.organizationId,
            organizationKind: c.organizationKind,
            role: c.role,
            ...(c.plannedDate !== undefined && { plannedDate: c.plannedDate }),
            ...(c.reporter !== undefined && { reporter: c.reporter }),
            ...(c.agendaItemNumber !== undefined && { agendaItemNumber: c.agendaItemNumber }),
            origin: 'planned',
          }),
        ),
        decisionTexts:
          latest?.text === proposal ? context.decisionTexts : appendDecisionText(context, proposal, event.at, 'proposal'),
        signatures: [],
        ...(context.coSignUnits !== undefined && { coSignatures: [] }),
        current: -1,
      };
    }),
    addSignature: assign(({ context, event }) => {
      assertEvent(event, 'SIGN');
      const role = nextSignOffRole(context)!;
      const deputy = signsAsDeputy(context, event.actor, event.signer);
      const signature: Signature = {
        role,
        actorId: event.actor.id,
        at: event.at,
        ...(event.signer && { name: event.signer.name }),
        function: event.signer?.function || SIGNER_FUNCTION_LABELS[role] || role,
        ...(deputy && { deputy: true }),
      };
      return { signatures: [...context.signatures, signature] };
    }),
    addCoSignature: assign(({ context, event }) => {
      assertEvent(event, 'SIGN');
      const coSignature: CoSignature = {
        unit: event.unit!,
        actorId: event.actor.id,
        at: event.at,
        name: event.signer?.name ?? event.actor.id,
        function: event.signer?.function || event.unit!,
      };
      return { coSignatures: [...(context.coSignatures ?? []), coSignature] };
    }),
    release: assign({ current: 0 }),
    recordSignOffRejection: assign(({ context, event }) => {
      assertEvent(event, 'REJECT_SIGNOFF');
      return {
        signOffRejections: [
          ...context.signOffRejections,
          { role: nextSignOffRole(context)!, actorId: event.actor.id, at: event.at, reason: event.reason },
        ],
        signatures: [],
        // Back to the draft: whoever co-signed signs the revised paper again.
        ...(context.coSignUnits !== undefined && { coSignatures: [] }),
      };
    }),
    schedule: assign(({ context, event }) => {
      assertEvent(event, 'SCHEDULE');
      return {
        consultations: withCurrentReplaced(context, {
          scheduledDate: event.date,
          agendaItemNumber: event.agendaItemNumber,
          ...(event.meetingId !== undefined && { meetingId: event.meetingId }),
        }),
      };
    }),
    unschedule: assign(({ context }) => {
      const { scheduledDate: _d, agendaItemNumber: _n, meetingId: _m, ...rest } = currentConsultation(context)!;
      return { consultations: context.consultations.map((c, i) => (i === context.current ? rest : c)) };
    }),
    recordResult: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_RESULT');
      return {
        consultations: withCurrentReplaced(context, {
          result: event.result,
          ...(event.votes !== undefined && { votes: event.votes }),
          ...(event.text !== undefined && { resultText: event.text }),
          decidedAt: event.at,
        }),
      };
    }),
    advance: assign({ current: ({ context }) => context.current + 1 }),
    insertPostponement: assign(({ context }) => {
      const postponed = currentConsultation(context)!;
      const next: ConsultationState = {
        key: insertedConsultationKey(context.consultations, `${postponed.key}-postponed`),
        organizationId: postponed.organizationId,
        organizationKind: postponed.organizationKind,
        role: postponed.role,
        ...(postponed.reporter !== undefined && { reporter: postponed.reporter }),
        origin: 'postponed',
        // A new decision under § 39 KrO NRW stays one, with its bounds, when it is put off.
        ...(postponed.redecision !== undefined && { redecision: postponed.redecision }),
      };
      return { consultations: insertAfterCurrent(context, [next]), current: context.current + 1 };
    }),
    insertReferral: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_RESULT');
      const referring = currentConsultation(context)!;
      const role = referralRole(context, event);
      const referredTo: ConsultationState = {
        key: insertedConsultationKey(context.consultations, `${referring.key}-referred`),
        organizationId: event.organizationId!,
        organizationKind: event.organizationKind!,
        role,
        origin: 'referred',
      };
      if (role === 'decisive') {
        // Referred to the body competent to decide: it decides, nothing returns to the
        // referring body, and a decisive consultation still ahead is no longer decisive.
        const consultations = insertAfterCurrent(context, [referredTo]).map((c) =>
          c !== referredTo && c.role === 'decisive' && c.result === undefined
            ? { ...c, role: 'preliminary' as const, supersededBy: referredTo.key }
            : c,
        );
        return { consultations, current: context.current + 1 };
      }
      // A body that advises first; then the referring body deliberates again.
      const back: ConsultationState = {
        key: insertedConsultationKey(context.consultations, `${referring.key}-return`),
        organizationId: referring.organizationId,
        organizationKind: referring.organizationKind,
        role: referring.role,
        ...(referring.reporter !== undefined && { reporter: referring.reporter }),
        origin: 'referred',
      };
      return { consultations: insertAfterCurrent(context, [referredTo, back]), current: context.current + 1 };
    }),
    appendAmendment: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_RESULT');
      return { decisionTexts: appendDecisionText(context, event.text!, event.at, 'amendment', event.amendedBy) };
    }),
    // A recommendation on a text amended in session: the next consultation deliberates that text.
    carryAmendment: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_RESULT');
      if (!event.amendedBy) return {};
      return { decisionTexts: appendDecisionText(context, event.text!, event.at, 'amendment', event.amendedBy) };
    }),
    recordMotion: assign(({ event }) => {
      assertEvent(event, 'REGISTER');
      return { motion: event.motion, signOffSteps: [], coSignUnits: [], coSignatures: [] };
    }),
    recordAnswer: assign(({ context, event }) => {
      assertEvent(event, 'ANSWER');
      return { answers: [...(context.answers ?? []), { paperId: event.answerPaperId, reference: event.reference, at: event.at }] };
    }),
    recordUrgentDecision: assign(({ context, event }) => {
      assertEvent(event, 'URGENT_DECISION');
      return {
        urgentDecision: {
          decidedBy: event.decidedBy,
          ...(event.form !== undefined && { form: event.form }),
          ...(event.memberPersonId !== undefined && { memberPersonId: event.memberPersonId }),
          ...(event.memberName !== undefined && { memberName: event.memberName }),
          text: event.text,
          justification: event.justification,
          at: event.at,
          actorId: event.actor.id,
        },
        decisionTexts: appendDecisionText(context, event.text, event.at, 'urgent_decision'),
      };
    }),
    recordUrgentApproval: assign(({ context, event }) => {
      assertEvent(event, ['APPROVE_URGENT_DECISION', 'OVERTURN_URGENT_DECISION']);
      return {
        urgentDecision: {
          ...context.urgentDecision!,
          approval:
            event.type === 'APPROVE_URGENT_DECISION'
              ? { outcome: 'approved' as const, at: event.at }
              : {
                  outcome: 'overturned' as const,
                  at: event.at,
                  thirdPartyRightsArisen: event.thirdPartyRightsArisen,
                  effect: 'future' as const,
                  record: overturnRecord(event.thirdPartyRightsArisen),
                },
        },
      };
    }),
    recordImplementationStart: assign(({ context, event }) => ({
      urgentDecision: { ...context.urgentDecision!, implementationStartedAt: event.at },
    })),
    recordTaskBeforeDecision: assign(({ context, event }) => {
      assertEvent(event, 'PREPARE_TASK');
      const prepared = { taskId: event.taskId, reason: event.reason, at: event.at, actorId: event.actor.id };
      return { tasksBeforeDecision: [...(context.tasksBeforeDecision ?? []), prepared] };
    }),
    openObjectionWindow: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_RESULT');
      // § 39 Abs. 1 KrO NRW: the decision taken again after a Widerspruch is final for it.
      if (context.objection !== undefined || event.objectionWindowEndsAt === undefined) return {};
      return { objectionWindowEndsAt: event.objectionWindowEndsAt };
    }),
    recordObjection: assign(({ context, event }, params: { fromState: DecisionChallenge['fromState'] }) => {
      assertEvent(event, 'OBJECT');
      const objection = {
        ...challenge(context, event, params.fromState),
        day: event.day!,
        earliestSessionDay: event.earliestSessionDay!,
        latestSessionDay: event.latestSessionDay!,
      };
      return {
        objection,
        ...redecide(context, { kind: 'objection', earliestDay: objection.earliestSessionDay, latestDay: objection.latestSessionDay }),
      };
    }),
    recordContest: assign(({ context, event }, params: { fromState: DecisionChallenge['fromState'] }) => {
      assertEvent(event, 'CONTEST');
      return { contest: challenge(context, event, params.fromState), ...redecide(context, { kind: 'contest' }) };
    }),
    recordSupervisoryDecision: assign(({ event }) => {
      assertEvent(event, 'SUPERVISORY_DECISION');
      return {
        supervisoryDecision: {
          upheld: event.upheld,
          authority: event.authority.trim(),
          ...(event.authorityReference !== undefined && { authorityReference: event.authorityReference.trim() }),
          decidedOn: event.decidedOn,
          ...(event.text !== undefined && { text: event.text.trim() }),
          at: event.at,
          actorId: event.actor.id,
        },
      };
    }),
    recordWithdrawal: assign(({ event }) => {
      assertEvent(event, 'WITHDRAW');
      return { withdrawal: { reason: event.reason, at: event.at, actorId: event.actor.id } };
    }),
  },
}).createMachine({
  id: 'paper',
  initial: 'draft',
  context: ({ input }) => ({
    paperType: input.paperType,
    signOffSteps: [...(input.signOffSteps ?? DEFAULT_SIGN_OFF_STEPS)],
    signatures: [],
    coSignUnits: [...(input.coSignUnits ?? [])],
    coSignatures: [],
    signOffRejections: [],
    consultations: [],
    current: -1,
    decisionTexts: [],
    ...(input.answersPaperId && { answersPaperId: input.answersPaperId }),
  }),
  states: {
    draft: {
      on: {
        SUBMIT: [
          {
            // A body without internal sign-off releases the paper on submission.
            guard: and(['permitted', 'hasNoSignOffSteps']),
            target: 'deliberation',
            actions: ['takeSubmission', 'release', 'assignReference', { type: 'notify', params: { kind: 'released' } }],
          },
          {
            guard: 'permitted',
            target: 'signOff',
            actions: ['takeSubmission', { type: 'notify', params: signOffRequested }, { type: 'scheduleDeadline', params: signOffWaiting }],
          },
        ],
        WITHDRAW: { guard: 'permitted', target: 'withdrawn', actions: 'recordWithdrawal' },
        // An Antrag or Anfrage as received: no administrative sign-off, straight to deliberation.
        REGISTER: {
          guard: 'permitted',
          target: 'deliberation',
          actions: ['takeSubmission', 'recordMotion', 'release', 'assignReference', { type: 'notify', params: { kind: 'released' } }],
        },
      },
    },
    signOff: {
      on: {
        SIGN: [
          {
            // A parallel co-signature: the line waits where it is; the release checks them all.
            guard: and(['permitted', 'isCoSignature']),
            actions: ['addCoSignature'],
          },
          {
            guard: and(['permitted', 'completesSignOff']),
            target: 'deliberation',
            actions: ['addSignature', 'release', 'assignReference', { type: 'notify', params: { kind: 'released' } }, SIGN_OFF_SETTLED],
          },
          {
            guard: 'permitted',
            actions: [
              'addSignature',
              { type: 'notify', params: signOffRequested },
              SIGN_OFF_SETTLED,
              { type: 'scheduleDeadline', params: signOffWaiting },
            ],
          },
        ],
        REJECT_SIGNOFF: {
          guard: 'permitted',
          target: 'draft',
          actions: [
            'recordSignOffRejection',
            {
              type: 'notify',
              params: ({ context }) => {
                const rejection = context.signOffRejections.at(-1)!;
                return { kind: 'signOffRejected', role: rejection.role, reason: rejection.reason };
              },
            },
            SIGN_OFF_SETTLED,
          ],
        },
        WITHDRAW: { guard: 'permitted', target: 'withdrawn', actions: ['recordWithdrawal', SIGN_OFF_SETTLED] },
      },
    },
    deliberation: {
      initial: 'awaitingAgenda',
      on: {
        URGENT_DECISION: {
          guard: 'permitted',
          target: 'urgentlyDecided',
          actions: ['recordUrgentDecision', { type: 'scheduleDeadline', params: URGENT_DEADLINE }],
        },
        WITHDRAW: { guard: 'permitted', target: 'withdrawn', actions: 'recordWithdrawal' },
        // A measure started ahead of the decision it serves; the paper stays where it is.
        PREPARE_TASK: { guard: 'permitted', actions: 'recordTaskBeforeDecision' },
        // An Anfrage is answered: its Beantwortung was released.
        ANSWER: { guard: 'permitted', target: 'noted', actions: 'recordAnswer' },
      },
      states: {
        awaitingAgenda: {
          on: { SCHEDULE: { guard: 'permitted', target: 'scheduled', actions: 'schedule' } },
        },
        scheduled: {
          on: {
            // Moved to another session or renumbered before it is deliberated.
            SCHEDULE: { guard: 'permitted', target: 'scheduled', actions: 'schedule' },
            UNSCHEDULE: { guard: 'permitted', target: 'awaitingAgenda', actions: 'unschedule' },
            RECORD_RESULT: [
              onResult('advance', 'awaitingAgenda', ['carryAmendment', 'advance']),
              onResult('postpone', 'awaitingAgenda', ['insertPostponement']),
              onResult('refer', 'awaitingAgenda', ['insertReferral']),
              onResult('adopt', '#paper.adopted', ['openObjectionWindow']),
              onResult('adoptAmended', '#paper.adopted', ['appendAmendment', 'openObjectionWindow']),
              onResult('reject', '#paper.rejected'),
              onResult('exhausted', '#paper.noted'),
            ],
          },
        },
      },
    },
    // Beanstandet (§ 39 Abs. 2 KrO NRW): the decision is suspended while the body decides again.
    contested: {
      initial: 'awaitingAgenda',
      states: {
        awaitingAgenda: {
          on: { SCHEDULE: { guard: 'permitted', target: 'scheduled', actions: 'schedule' } },
        },
        scheduled: {
          on: {
            SCHEDULE: { guard: 'permitted', target: 'scheduled', actions: 'schedule' },
            UNSCHEDULE: { guard: 'permitted', target: 'awaitingAgenda', actions: 'unschedule' },
            RECORD_RESULT: [
              // Kept: the Landrat obtains the Aufsichtsbehörde's decision at once; the suspension stays.
              {
                ...onResult('adopt', '#paper.awaitingSupervision'),
                actions: [...onResult('adopt', '').actions, { type: 'notify', params: { kind: 'supervisionRequired' } }],
              },
              // Changed or rescinded: the procedure follows the new decision.
              onResult('adoptAmended', '#paper.adopted', ['appendAmendment', 'openObjectionWindow']),
              onResult('reject', '#paper.rejected'),
              onResult('postpone', 'awaitingAgenda', ['insertPostponement']),
            ],
          },
        },
      },
    },
    awaitingSupervision: {
      on: {
        SUPERVISORY_DECISION: [
          { guard: and(['permitted', 'upheld']), target: 'adopted', actions: 'recordSupervisoryDecision' },
          { guard: 'permitted', target: 'annulled', actions: 'recordSupervisoryDecision' },
        ],
      },
    },
    urgentlyDecided: {
      on: {
        // The decision is taken: its measures may start before the Kreistag approves it.
        START_IMPLEMENTATION: { guard: 'permitted', actions: 'recordImplementationStart' },
        APPROVE_URGENT_DECISION: [
          {
            guard: and(['permitted', 'implementationStarted']),
            target: 'inImplementation',
            actions: ['recordUrgentApproval', { type: 'cancelDeadline', params: URGENT_DEADLINE }],
          },
          {
            guard: 'permitted',
            target: 'adopted',
            actions: ['recordUrgentApproval', { type: 'cancelDeadline', params: URGENT_DEADLINE }],
          },
        ],
        OVERTURN_URGENT_DECISION: {
          guard: 'permitted',
          target: 'overturned',
          actions: ['recordUrgentApproval', { type: 'cancelDeadline', params: URGENT_DEADLINE }],
        },
      },
    },
    adopted: {
      // Adopted with tasks already under way: the decision is being carried out.
      always: { guard: 'resumesImplementation', target: 'inImplementation' },
      on: {
        START_IMPLEMENTATION: { guard: 'permitted', target: 'inImplementation' },
        CLOSE: { guard: 'permitted', target: 'closed' },
        OBJECT: {
          guard: 'permitted',
          target: '#paper.deliberation.awaitingAgenda',
          actions: [{ type: 'recordObjection', params: { fromState: 'adopted' } }, { type: 'notify', params: challenged }],
        },
        CONTEST: {
          guard: 'permitted',
          target: 'contested',
          actions: [{ type: 'recordContest', params: { fromState: 'adopted' } }, { type: 'notify', params: challenged }],
        },
      },
    },
    inImplementation: {
      on: {
        CLOSE: { guard: 'permitted', target: 'closed' },
        OBJECT: {
          guard: 'permitted',
          target: '#paper.deliberation.awaitingAgenda',
          actions: [{ type: 'recordObjection', params: { fromState: 'inImplementation' } }, { type: 'notify', params: challenged }],
        },
        CONTEST: {
          guard: 'permitted',
          target: 'contested',
          actions: [{ type: 'recordContest', params: { fromState: 'inImplementation' } }, { type: 'notify', params: challenged }],
        },
      },
    },
    closed: { type: 'final' },
    rejected: { type: 'final' },
    // Lifted by the Kreistag for the future; the urgent decision stays on record as taken.
    overturned: { type: 'final' },
    // Lifted by the Aufsichtsbehörde as unlawful (§ 39 Abs. 2 KrO NRW); nothing follows.
    annulled: { type: 'final' },
    withdrawn: { type: 'final' },
    noted: { type: 'final' },
  },
});

export type PaperSnapshot = SnapshotFrom<typeof paperMachine>;

/** 'deliberation.scheduled' for `{ deliberation: 'scheduled' }`: the form a `state` column holds. */
export function toStateKey(value: StateValue): PaperStateKey {
  if (typeof value === 'string') return value as PaperStateKey;
  const [parent, child] = Object.entries(value)[0];
  return `${parent}.${toStateKey(child as StateValue)}` as PaperStateKey;
}

/** The inverse of `toStateKey`, for restoring a snapshot from a `state` column. */
export function fromStateKey(key: PaperStateKey): StateValue {
  const [parent, child] = key.split('.');
  return child === undefined ? parent : { [parent]: child };
}

/** Event types that have a transition out of the snapshot's active states, by the machine's own definition. */
function handledEventTypes(snapshot: PaperSnapshot): Set<string> {
  const types = new Set<string>();
  const visit = (node: (typeof paperMachine)['root'], value: StateValue): void => {
    const entries = typeof value === 'string' ? [[value, undefined] as const] : Object.entries(value);
    for (const [key, childValue] of entries) {
      const child = node.states[key];
      for (const type of child.ownEvents) types.add(type);
      if (childValue !== undefined) visit(child, childValue as StateValue);
    }
  };
  visit(paperMachine.root, snapshot.value);
  return types;
}

/**
 * Event types this actor could send now, ignoring the payload: the state must handle the
 * type, the actor must hold a role for it (for SIGN/REJECT_SIGNOFF: the next step's role),
 * and the context must admit it (a step left to sign, an undecided current consultation,
 * an open decisive consultation for URGENT_DECISION). CLOSE is listed whatever the task count.
 * With `at`, OBJECT only while the objection window is open at that time.
 */
export function allowedEventTypes(snapshot: PaperSnapshot, actor: PaperActor, signer?: SignerProfile, at?: string): PaperEventType[] {
  if (snapshot.status !== 'active') return [];
  const handled = handledEventTypes(snapshot);
  return PAPER_EVENT_TYPES.filter(
    (type) => handled.has(type) && mayAct(type, actor, snapshot.context, signer) && contextAdmits(type, snapshot.context, at),
  );
}

