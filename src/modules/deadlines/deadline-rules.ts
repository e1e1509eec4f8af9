import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import type { NewDeadline } from './deadline-row';

/** A notification a fired deadline sends: the `notify` outbox payload (kind, to, …). */
export type Notice = Record<string, unknown>;

/** A fired deadline as its owner sees it. */
export interface FiredDeadline {
  bodyId: string;
  subjectId: string;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * Whether a fired reminder is still due, asked of the module that owns its subject (a paper
 * still in sign-off, a meeting still planned, a task still open): the notices to send,
 * and the outcome recorded on the deadline (`notified`, `obsolete: paper is adopted`).
 */
export type DueCheck = (m: EntityManager, deadline: FiredDeadline) => Promise<{ outcome: string; notices: Notice[] }>;

/** The deadlines a `scheduleDeadline` row of this group creates, planned by the module that knows the dates. */
export type DeadlinePlanner = (job: OutboxJob) => Promise<NewDeadline[]>;

/**
 * What the modules tell the deadlines module: it owns the `deadline` table, the jobs and
 * the firing, and asks the module that owns the subject the questions only it can answer.
 * Modules register at start-up (papers, meetings, tasks); a kind nobody registered is an
 * error when it fires, named in the deadline's failure.
 */
@Injectable()
export class DeadlineRules {
  private readonly checks = new Map<string, DueCheck>();
  private readonly planners = new Map<string, DeadlinePlanner>();

  registerCheck(kinds: readonly string[], check: DueCheck): void {
    for (const kind of kinds) {
      if (this.checks.has(kind)) throw new Error(`deadline kind ${kind} has two checks`);
      this.checks.set(kind, check);
    }
  }

  registerPlanner(group: string, planner: DeadlinePlanner): void {
    if (this.planners.has(group)) throw new Error(`deadline group ${group} has two planners`);
    this.planners.set(group, planner);
  }

  check(kind: string): DueCheck {
    const check = this.checks.get(kind);
    if (!check) throw new Error(`unknown deadline kind ${kind}`);
    return check;
  }

  planner(group: string): DeadlinePlanner | undefined {
    return this.planners.get(group);
  }
}
