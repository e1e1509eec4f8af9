import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorkflowActor } from '../../workflow/workflow-definition';

/** What a paper needs to know of a meeting its consultation names. */
export interface LinkedMeeting {
  organizationId: string;
  /** The Berlin calendar day it takes place (YYYY-MM-DD). */
  day: string;
  state: string;
}

/** Why a paper's agenda item is settled: the reason as the agenda and minutes print it, and its cause. */
export interface ItemSettlement {
  reason: string;
  cause: 'withdrawn' | 'urgent_decision' | 'answered';
}

/** Registered by the meetings module, which owns meetings and their agendas. */
export interface MeetingLinks {
  /** The meeting if it exists in this body. */
  meeting(m: EntityManager, bodyId: string, meetingId: string): Promise<LinkedMeeting | undefined>;
  /** Whether the meeting's agenda carries the paper on an open item (then the meeting moves it). */
  carries(m: EntityManager, meetingId: string, paperId: string): Promise<boolean>;
  /** The meeting whose agenda carries the paper on an open item, if any (no lock). */
  holding(m: EntityManager, paperId: string): Promise<string | undefined>;
  /** Locks the meeting whose agenda carries the paper on an open item, if any, and names it. */
  lockHolding(m: EntityManager, bodyId: string, paperId: string): Promise<string | undefined>;
  /**
   * Takes the paper's open item off that meeting's agenda (abgesetzt) with the reason: the
   * meeting's own SETTLE_ITEM event, sent on the paper's behalf with `actor` as its actor.
   */
  settle(m: EntityManager, actor: WorkflowActor, bodyId: string, meetingId: string, paperId: string, settlement: ItemSettlement): Promise<void>;
}

/** Registered by the tasks module, which owns tasks. */
export interface TaskLinks {
  /** How many of the paper's tasks are neither done nor cancelled. */
  openTasks(m: EntityManager, paperId: string): Promise<number>;
}

/**
 * The papers module's window on the modules built on top of it. Meetings and tasks
 * import papers (they move papers), so papers cannot import them; they register here at
 * start-up instead, and papers asks them, never their tables.
 */
@Injectable()
export class PaperLinks {
  private meetingLinks?: MeetingLinks;
  private taskLinks?: TaskLinks;

  registerMeetings(links: MeetingLinks): void {
    this.meetingLinks = links;
  }

  registerTasks(links: TaskLinks): void {
    this.taskLinks = links;
  }

  get meetings(): MeetingLinks {
    if (!this.meetingLinks) throw new Error('PaperLinks: the meetings module has not registered');
    return this.meetingLinks;
  }

  get tasks(): TaskLinks {
    if (!this.taskLinks) throw new Error('PaperLinks: the tasks module has not registered');
    return this.taskLinks;
  }
}
