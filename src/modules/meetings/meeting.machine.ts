/**
 * The life of a Sitzung, from planning to approved minutes.
 *
 * Why it looks like this:
 * - Pure, like the paper machine: time, actor and the facts a rule needs (the
 *   organization's rules of procedure, its members, the number of open items) come on
 *   the event; notifications are returned as `notify` actions, one per member, which the
 *   workflow service writes to the outbox.
 * - Every guard asks the same question, `permitted` (role + payload, meeting.guards.ts),
 *   so a refused event is "not allowed now" and `meetingPayloadProblems` says why.
 * - The agenda, attendance and results live in their own tables; here they only count as
 *   revisions. Every accepted event changes the context (targetless ones bump
 *   `agendaRevision`), because the workflow service reads "same snapshot" as "refused".
 * - Who is told about a cancellation or a new date depends on the state, not on a flag:
 *   leaving `invited` notifies the members, leaving `planned` tells nobody.
 * - A reschedule voids the invitation (kept in `voidedInvitations`): the Ladungsfrist
 *   runs again from a new invitation.
 * - No root-level `on`: it would still fire in the final states.
 */
import { assertEvent, assign, enqueueActions, setup, type SnapshotFrom, type StateValue } from 'xstate';
import { isQuorate } from './invitation-period';
import { isMeetingEventPermitted, isNonBlank, mayActOnMeeting } from './meeting.guards';
import {
  MEETING_EVENT_TYPES,
  MEETING_STATES,
  SYSTEM_MEETING_EVENTS,
  type MeetingActor,
  type MeetingContext,
  type MeetingEffect,
  type MeetingEvent,
  type MeetingEventType,
  type MeetingInput,
  type MeetingNotificationKind,
  type MeetingStateKey,
} from './meeting.types';

export { MEETING_EVENT_ROLES, meetingPayloadProblems } from './meeting.guards';

/** Bump when a change would misread snapshots persisted by an earlier version. */
export const MEETING_MACHINE_VERSION = 1;

/** The effects a meeting transition can emit; all of them go to the outbox. */
export const meetingEffectTypes = ['notify'] as const satisfies readonly MeetingEffect['type'][];

interface NotifyMembersParams {
  kind: MeetingNotificationKind;
}

const NOTIFY_INVITATION = { type: 'notifyMembers', params: { kind: 'meetingInvitation' } } as const;
const NOTIFY_CANCELLATION = { type: 'notifyMembers', params: { kind: 'meetingCancelled' } } as const;
const NOTIFY_RESCHEDULE = { type: 'notifyMembers', params: { kind: 'meetingRescheduled' } } as const;

/** Änderungsanträge are tabled before or in the session and may be withdrawn until voted on. */
const AMENDMENTS_BEFORE_SESSION = {
  PROPOSE_AMENDMENT: { guard: 'permitted', actions: 'bumpAgendaRevision' },
  WITHDRAW_AMENDMENT: { guard: 'permitted', actions: 'bumpAgendaRevision' },
} as const;

export const meetingMachine = setup({
  types: {
    context: {} as MeetingContext,
    events: {} as MeetingEvent,
    input: {} as MeetingInput,
  },
  guards: {
    permitted: ({ context, event }) => isMeetingEventPermitted(context, event),
    // The signature that completes the pair: the other part has signed already.
    completesSignatures: ({ context, event }) =>
      event.type === 'SIGN_MINUTES' && isMeetingEventPermitted(context, event) &&
      context.minutesSignatures?.[event.as === 'chair' ? 'recorder' : 'chair'] !== undefined,
  },
  actions: {
    // Effect marker: does nothing here; the caller turns it into outbox rows.
    notify: (_, _params: MeetingEffect['params']) => {},

    recordInvitation: assign(({ event }) => {
      assertEvent(event, 'INVITE');
      return {
        invitation: {
          at: event.at,
          urgent: event.urgent === true,
          ...(isNonBlank(event.reason) && { reason: event.reason }),
          actorId: event.actor.id,
          invitedPersonIds: event.members.map((m) => m.personId),
        },
      };
    }),
    recordOpening: assign({ openedAt: ({ event }) => event.at }),
    recordQuorumLack: assign(({ context, event }) => {
      assertEvent(event, 'ESTABLISH_NO_QUORUM');
      return {
        quorumLack: { at: event.at, actorId: event.actor.id, present: event.present, members: event.members },
        agendaRevision: context.agendaRevision + 1,
      };
    }),
    // Members arriving until the body is quorate again end an established lack of quorum.
    recordAttendance: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_ATTENDANCE');
      const ended = context.quorumLack !== undefined && event.rules !== undefined && isQuorate(event.present, event.members, event.rules);
      return { agendaRevision: context.agendaRevision + 1, ...(ended && { quorumLack: undefined }) };
    }),
    recordClosing: assign({ closedAt: ({ event }) => event.at }),
    bumpAgendaRevision: assign({ agendaRevision: ({ context }) => context.agendaRevision + 1 }),
    recordCancellation: assign(({ event }) => {
      assertEvent(event, 'CANCEL');
      return { cancellation: { reason: event.reason, at: event.at, actorId: event.actor.id } };
    }),
    recordReschedule: assign(({ context, event }) => {
      assertEvent(event, 'RESCHEDULE');
      return {
        reschedules: [
          ...context.reschedules,
          { fromStart: context.start, toStart: event.start, reason: event.reason, at: event.at, actorId: event.actor.id },
        ],
        voidedInvitations: context.invitation
          ? [...context.voidedInvitations, context.invitation]
          : context.voidedInvitations,
        invitation: undefined,
        start: event.start,
        // The old end belongs to the old date: without a new one the end is unknown.
        end: event.end ?? null,
      };
    }),
    // The revision bump makes a repeated, identical designation still an accepted event.
    recordSignatories: assign(({ context, event }) => {
      assertEvent(event, 'DESIGNATE_SIGNATORIES');
      return {
        signatories: { chairUserId: event.chairUserId, recorderUserId: event.recorderUserId },
        agendaRevision: context.agendaRevision + 1,
      };
    }),
    recordSignature: assign(({ context, event }) => {
      assertEvent(event, 'SIGN_MINUTES');
      return { minutesSignatures: { ...context.minutesSignatures, [event.as]: { userId: event.actor.id, at: event.at } } };
    }),
    recordMinutesApproval: assign(({ event }) => {
      assertEvent(event, 'APPROVE_MINUTES');
      return {
        minutesApproval: {
          at: event.at,
          approvingMeetingId: event.approvingMeetingId,
          agendaItemId: event.agendaItemId,
          actorId: event.actor.id,
          ...(isNonBlank(event.objections) && { objections: event.objections.trim() }),
        },
      };
    }),
    // One `notify` per member of the event, in the order given. Typed by hand: inside
    // setup() xstate cannot infer which actions `enqueue` may name.
    notifyMembers: enqueueActions<
      MeetingContext,
      MeetingEvent,
      NotifyMembersParams,
      MeetingEvent,
      never,
      MeetingEffect,
      never
    >(({ event, enqueue }, { kind }) => {
      assertEvent(event, ['INVITE', 'CANCEL', 'RESCHEDULE']);
      for (const member of event.members) enqueue({ type: 'notify', params: { kind, personId: member.personId } });
    }),
  },
}).createMachine({
  id: 'meeting',
  initial: 'planned',
  context: ({ input }) => ({
    organizationId: input.organizationId,
    start: input.start,
    end: input.end ?? null,
    location: input.location ?? null,
    voidedInvitations: [],
    reschedules: [],
    agendaRevision: 0,
  }),
  states: {
    planned: {
      on: {
        INVITE: { guard: 'permitted', target: 'invited', actions: ['recordInvitation', NOTIFY_INVITATION] },
        ADD_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        UPDATE_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        REMOVE_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        SETTLE_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        ...AMENDMENTS_BEFORE_SESSION,
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: 'recordCancellation' },
        RESCHEDULE: { guard: 'permitted', target: 'planned', actions: 'recordReschedule' },
        DESIGNATE_SIGNATORIES: { guard: 'permitted', actions: 'recordSignatories' },
      },
    },
    invited: {
      on: {
        OPEN: { guard: 'permitted', target: 'inSession', actions: 'recordOpening' },
        ADD_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        UPDATE_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        REMOVE_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        SETTLE_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        ...AMENDMENTS_BEFORE_SESSION,
        CANCEL: { guard: 'permitted', target: 'cancelled', actions: ['recordCancellation', NOTIFY_CANCELLATION] },
        RESCHEDULE: { guard: 'permitted', target: 'planned', actions: ['recordReschedule', NOTIFY_RESCHEDULE] },
        DESIGNATE_SIGNATORIES: { guard: 'permitted', actions: 'recordSignatories' },
      },
    },
    inSession: {
      on: {
        ADD_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        REMOVE_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        SETTLE_ITEM: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        RECORD_ATTENDANCE: { guard: 'permitted', actions: 'recordAttendance' },
        RECORD_ITEM_RESULT: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        ...AMENDMENTS_BEFORE_SESSION,
        // Voted in session, before the main motion (GO des Kreistags), under the item's quorum rules.
        RECORD_AMENDMENT_RESULT: { guard: 'permitted', actions: 'bumpAgendaRevision' },
        ESTABLISH_NO_QUORUM: { guard: 'permitted', actions: 'recordQuorumLack' },
        CLOSE: { guard: 'permitted', target: 'held', actions: 'recordClosing' },
        DESIGNATE_SIGNATORIES: { guard: 'permitted', actions: 'recordSignatories' },
      },
    },
    // The Niederschrift is drafted; the chair and the Schriftführer sign it, in either order.
    held: {
      on: {
        DESIGNATE_SIGNATORIES: { guard: 'permitted', actions: 'recordSignatories' },
        SIGN_MINUTES: [
          { guard: 'completesSignatures', target: 'minutesSigned', actions: 'recordSignature' },
          { guard: 'permitted', actions: 'recordSignature' },
        ],
      },
    },
    // Signed and frozen (the stored document); approved at a later session.
    minutesSigned: {
      on: {
        APPROVE_MINUTES: { guard: 'permitted', target: 'minutesApproved', actions: 'recordMinutesApproval' },
      },
    },
    minutesApproved: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type MeetingSnapshot = SnapshotFrom<typeof meetingMachine>;

/** The `state` column's value: the meeting's states are flat, so the value itself. */
export function toMeetingStateKey(value: StateValue): MeetingStateKey {
  if (typeof value !== 'string' || !(MEETING_STATES as readonly string[]).includes(value)) {
    throw new Error(`not a meeting state: ${JSON.stringify(value)}`);
  }
  return value as MeetingStateKey;
}

/**
 * Event types this actor could send now, ignoring the payload: the state must handle the
 * type and the actor must hold a role for it. Whether the payload passes (periods,
 * deadlines, quorum, open items) is `meetingPayloadProblems`' answer. The system's own
 * events (SETTLE_ITEM) are never offered: no client sends them.
 */
export function allowedMeetingEvents(snapshot: MeetingSnapshot, actor: MeetingActor): MeetingEventType[] {
  if (snapshot.status !== 'active') return [];
  const handled = new Set(meetingMachine.root.states[toMeetingStateKey(snapshot.value)].ownEvents);
  return MEETING_EVENT_TYPES.filter(
    (type) =>
      handled.has(type) &&
      !SYSTEM_MEETING_EVENTS.includes(type) &&
      mayActOnMeeting(type, actor) &&
      (type !== 'SIGN_MINUTES' || mayStillSign(snapshot.context, actor)),
  );
}

/** Signing is personal: offered only to a designated signer whose signature is missing. */
function mayStillSign(context: MeetingContext, actor: MeetingActor): boolean {
  const { signatories, minutesSignatures } = context;
  if (!signatories) return false;
  return (
    (signatories.chairUserId === actor.id && !minutesSignatures?.chair) ||
    (signatories.recorderUserId === actor.id && !minutesSignatures?.recorder)
  );
}

