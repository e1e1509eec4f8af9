import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import type { WorkflowActor } from '../../workflow/workflow-definition';
import { WorkflowService } from '../../workflow/workflow.service';
import type { Meeting } from './meeting.entity';
import type { MeetingEvent } from './meeting.types';
import { MEETING_WORKFLOW } from './meeting-workflow.definition';
import { MeetingsService } from './meetings.service';

/** A meeting event as a service composes it: the event without its actor and time, which come here. */
export type MeetingEventBody = MeetingEvent extends infer E ? (E extends MeetingEvent ? Omit<E, 'actor' | 'at'> : never) : never;

/**
 * The meeting's one entry point for its own transitions: every service of the module that
 * moves a meeting (agenda, session, results, minutes, amendments) locks it and sends its
 * event through here, so the machine and its guards decide, and every step is audited.
 */
@Injectable()
export class MeetingTransitions {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
  ) {}

  /** Locks the meeting's row for this transaction (its transitions re-read it under the same lock). */
  async lock(m: EntityManager, bodyId: string, meetingId: string): Promise<Meeting> {
    await this.workflow.lock(m, MEETING_WORKFLOW, meetingId, bodyId);
    return this.meetings.meeting(m, bodyId, meetingId);
  }

  /** One audited transition of the meeting inside the caller's transaction; `set` mirrors columns of its row. */
  send(m: EntityManager, actor: WorkflowActor, meeting: Meeting, body: MeetingEventBody, set?: Record<string, unknown>) {
    const event = { ...body, actor: { id: actor.id, roles: actor.roles }, at: this.clock.now().toISOString() } as MeetingEvent;
    return this.workflow.transitionIn(m, MEETING_WORKFLOW, { subjectId: meeting.id, bodyId: meeting.bodyId, actor, event }, set ? { project: () => ({ set }) } : {});
  }
}
