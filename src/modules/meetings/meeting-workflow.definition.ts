import { declaredEffects, effectsOf } from '../../workflow/effects';
import type { WorkflowDefinition } from '../../workflow/workflow-definition';
import {
  allowedMeetingEvents,
  MEETING_EVENT_ROLES,
  MEETING_MACHINE_VERSION,
  meetingEffectTypes,
  meetingMachine,
  meetingPayloadProblems,
  toMeetingStateKey,
  type MeetingSnapshot,
} from './meeting.machine';
import type { MeetingEffect, MeetingEvent, MeetingEventType } from './meeting.types';

/** How the workflow service runs meetings: table, machine versions, rules, effects. */
export const MEETING_WORKFLOW: WorkflowDefinition = {
  subjectType: 'meeting',
  table: 'meeting',
  currentVersion: MEETING_MACHINE_VERSION,
  machines: { [MEETING_MACHINE_VERSION]: meetingMachine },
  stateKey: toMeetingStateKey,
  allowedEvents: (snapshot, actor) => allowedMeetingEvents(snapshot as MeetingSnapshot, actor),
  rolesFor: (type) => MEETING_EVENT_ROLES[type as MeetingEventType] ?? [],
  problems: (snapshot, event) => meetingPayloadProblems((snapshot as MeetingSnapshot).context, event as MeetingEvent),
  outboxEffects: meetingEffectTypes,
  settableColumns: { start: 'timestamptz', end: 'timestamptz', cancelled: 'boolean', invited_agenda: 'jsonb' },
};

/** The effects the workflow writes for these actions (its own filter). */
export function toMeetingEffects(actions: ReadonlyArray<{ type: string; params?: unknown }>): MeetingEffect[] {
  return effectsOf(actions, declaredEffects(MEETING_WORKFLOW)) as MeetingEffect[];
}
