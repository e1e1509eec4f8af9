import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import type { Role } from '../identity/role';
import { AuditService } from '../../workflow/audit/audit.service';
import { cancelledLaterSql } from '../../workflow/outbox/cancelled-later';
import { signOffDeadlines, taskDeadlines } from './deadline-policies';
import { DeadlineJobs } from './deadline-jobs';
import { DeadlineRules } from './deadline-rules';
import type { NewDeadline } from './deadline-row';

/**
 * Scheduling and cancelling, as outbox rows ask for them (so they commit with the
 * transition that asked): a `scheduleDeadline` row creates its group's deadlines once
 * per outbox id and their delayed jobs; a `cancelDeadline` row cancels the group's
 * pending deadlines that earlier transitions scheduled.
 */
@Injectable()
export class DeadlineScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: DeadlineJobs,
    private readonly audit: AuditService,
    private readonly rules: DeadlineRules,
  ) {}

  /** `scheduleDeadline` outbox row: creates its deadlines (once per outbox id) and their jobs. */
  async schedule(job: OutboxJob): Promise<void> {
    const group = String(job.payload.kind);
    // Deadlines count from the transition's own time (the business clock), not from when the row was relayed.
    const at = await this.audit.at(job.subjectType, job.subjectId, job.causedBySeq);
    const planned = await this.plan(group, { ...job, createdAt: at ? at.toISOString() : job.createdAt });
    if (planned.length === 0) return;
    const rows = planned.map((d) => ({ ...d, id: deterministicUuid(`${job.id}:${d.kind}`) }));
    await this.dataSource.query(
      `INSERT INTO deadline (id, body_id, subject_type, subject_id, kind, "group", caused_by_seq, due_at, payload)
       SELECT d.id, $2, $3, $4, d.kind, $5, $6, d.due_at, d.payload
       FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, kind text, due_at timestamptz, payload jsonb)
       -- A cancellation of the group by a later transition voids this scheduling, whatever order the jobs ran in.
       WHERE NOT ${cancelledLaterSql('$4', '$5', '$6')}
       ON CONFLICT (id) DO NOTHING`,
      [
        JSON.stringify(rows.map((r) => ({ id: r.id, kind: r.kind, due_at: r.dueAt.toISOString(), payload: r.payload }))),
        job.bodyId,
        job.subjectType,
        job.subjectId,
        group,
        job.causedBySeq,
      ],
    );
    const pending: { id: string; due_at: Date }[] = await this.dataSource.query(
      `SELECT id, due_at FROM deadline WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [rows.map((r) => r.id)],
    );
    await this.jobs.add(pending);
  }

  /** `cancelDeadline` outbox row: cancels the group's pending deadlines scheduled by earlier transitions. */
  async cancel(job: OutboxJob): Promise<void> {
    const [cancelled]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE deadline SET status = 'cancelled', outcome = $5 WHERE subject_type = $1 AND subject_id = $2 AND "group" = $3
         AND status = 'pending' AND caused_by_seq < $4 RETURNING id`,
      [job.subjectType, job.subjectId, String(job.payload.kind), job.causedBySeq, `cancelled by seq ${job.causedBySeq}`],
    );
    // The jobs would find their rows cancelled anyway; removing them keeps the queue honest.
    await this.jobs.remove(cancelled.map((c) => c.id));
  }

  /** The deadlines one scheduling creates, by its group: the time policies here, or the module that knows the dates. */
  private async plan(group: string, job: OutboxJob): Promise<NewDeadline[]> {
    const since = new Date(job.createdAt);
    switch (group) {
      case 'signOffWaiting':
        return signOffDeadlines(since, job.payload.role as Role);
      case 'taskDue':
        return taskDeadlines(since, String(job.payload.dueDate));
      default: {
        const planner = this.rules.planner(group);
        if (!planner) throw new Error(`unknown deadline group ${group}`);
        return planner(job);
      }
    }
  }
}

/** A UUID (v4 layout) from a name: the same outbox row always yields the same deadline ids. */
export function deterministicUuid(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
