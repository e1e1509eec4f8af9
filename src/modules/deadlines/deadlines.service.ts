import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { Metrics } from '../../infrastructure/metrics/metrics';
import { QueueName } from '../../infrastructure/queue/queue-names';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import { insertOutbox } from '../../workflow/outbox/insert-outbox';
import type { Role } from '../identity/role';
import { latestInvitationDay } from '../meetings/invitation-period';
import { DEFAULT_RULES, type RulesOfProcedure } from '../meetings/meeting.types';
import { atReminderHour, meetingDeadlines, signOffDeadlines, taskDeadlines } from './deadline-policies';

interface NewDeadline {
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

interface DeadlineRow {
  id: string;
  body_id: string;
  subject_type: string;
  subject_id: string;
  kind: string;
  group: string;
  caused_by_seq: number;
  due_at: Date;
  payload: Record<string, unknown>;
}

/** A delayed job this long past its due time was not promoted by BullMQ: the reconciler promotes it. */
const STUCK_AFTER_MS = 60_000;

/** Without a planned Kreistag session, an urgent decision's approval is brought up again after this long. */
const URGENT_APPROVAL_FALLBACK_DAYS = 7;

/**
 * Durable deadlines. The `deadline` table is the truth; each pending row has a BullMQ
 * delayed job with jobId = deadline id. Scheduling and cancelling arrive as outbox
 * rows (so they commit with the transition that asked for them); firing is one
 * transaction that moves the row from `pending` to `fired` and writes what it does
 * (notifications as outbox rows) — so a deadline acts once, whatever BullMQ does.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);
  private readonly quickFires: QuickFires;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
    private readonly clock: Clock,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {
    this.quickFires = new QuickFires(dataSource);
  }

  /** `scheduleDeadline` outbox row: creates its deadlines (once per outbox id) and their jobs. */
  async schedule(job: OutboxJob): Promise<void> {
    const group = String(job.payload.kind);
    // Deadlines count from the transition's own time (the business clock), not from when the row was relayed.
    const [entry] = await this.dataSource.query(
      `SELECT at FROM audit_event WHERE subject_type = $1 AND subject_id = $2 AND seq = $3`,
      [job.subjectType, job.subjectId, job.causedBySeq],
    );
    const planned = await this.plan(group, { ...job, createdAt: entry ? new Date(entry.at).toISOString() : job.createdAt });
    if (planned.length === 0) return;
    const rows = planned.map((d) => ({ ...d, id: deterministicUuid(`${job.id}:${d.kind}`) }));
    await this.dataSource.query(
      `INSERT INTO deadline (id, body_id, subject_type, subject_id, kind, "group", caused_by_seq, due_at, payload)
       SELECT d.id, $2, $3, $4, d.kind, $5, $6, d.due_at, d.payload
       FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, kind text, due_at timestamptz, payload jsonb)
       -- A cancellation of the group by a later transition voids this scheduling, whatever order the jobs ran in.
       WHERE NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.subject_id = $4 AND o.kind = 'cancelDeadline'
                          AND o.payload->>'kind' = $5 AND o.caused_by_seq > $6)
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
    await this.addJobs(pending);
  }

  /** `cancelDeadline` outbox row: cancels the group's pending deadlines scheduled by earlier transitions. */
  async cancel(job: OutboxJob): Promise<void> {
    const [cancelled]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE deadline SET status = 'cancelled', outcome = $5 WHERE subject_type = $1 AND subject_id = $2 AND "group" = $3
         AND status = 'pending' AND caused_by_seq < $4 RETURNING id`,
      [job.subjectType, job.subjectId, String(job.payload.kind), job.causedBySeq, `cancelled by seq ${job.causedBySeq}`],
    );
    // The jobs would find their rows cancelled anyway; removing them keeps the queue honest.
    await Promise.all(cancelled.map((c) => this.queue.remove(c.id).catch(() => 0)));
  }

  /**
   * Fires one deadline: moves it from pending to fired and acts, in one transaction.
   * Returns what it did, or null when it was not pending (fired before, cancelled).
   */
  async fire(id: string): Promise<string | null> {
    const quick = await this.quickFires.fire(id);
    if (quick !== undefined) return this.fired(quick.dueAt, quick.outcome);
    let dueAt: Date | undefined;
    const outcome = await this.dataSource.transaction(async (m) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [[row]]: [DeadlineRow[], number] = await m.query(
        `UPDATE deadline SET status = 'fired', fired_at = clock_timestamp() WHERE id = $1 AND status = 'pending'
         RETURNING id, body_id, subject_type, subject_id, kind, "group", caused_by_seq, due_at, payload`,
        [id],
      );
      if (!row) return null;
      dueAt = row.due_at;
      const [voided] = await m.query(
        `SELECT 1 FROM outbox_message WHERE subject_id = $1 AND kind = 'cancelDeadline' AND payload->>'kind' = $2 AND caused_by_seq > $3 LIMIT 1`,
        [row.subject_id, row.group, row.caused_by_seq],
      );
      const outcome = voided ? 'obsolete: cancelled by a later transition' : await this.act(m, row);
      await m.query(`UPDATE deadline SET outcome = $2 WHERE id = $1`, [id, outcome]);
      return outcome;
    });
    return dueAt ? this.fired(dueAt, outcome) : outcome;
  }

  /** Records how late a committed firing was (fired − due, on the service clock). */
  private fired<T>(dueAt: Date, outcome: T): T {
    this.metrics.deadlineLagSeconds.observe(Math.max(0, this.clock.now().getTime() - new Date(dueAt).getTime()) / 1000);
    return outcome;
  }

  /**
   * Makes the queue match the table: every pending deadline has its job (a lost one is
   * added again; one stuck past its due time, which BullMQ has been seen not to
   * promote, is promoted), and no job is left for a deadline that is not pending.
   */
  async reconcile(): Promise<{ added: number; promoted: number; removed: number }> {
    // Ids only, one listing per state: at 100,000 deadlines loading every job (getJobs) took
    // seconds of the worker's CPU each minute and made due deadlines late (bench:deadlines).
    // The jobs are listed before the rows are read: a job that finishes in between has fired
    // its row, so it cannot look missing for a row still pending.
    const ids = async (states: Parameters<Queue['getRanges']>[0]) => new Set(await this.queue.getRanges(states, 0, -1));
    const delayed = await ids(['delayed']);
    const live = await ids(['waiting', 'active', 'prioritized', 'waiting-children']);
    const finished = await ids(['completed', 'failed']);
    const pending: { id: string; due_at: Date }[] = await this.dataSource.query(`SELECT id, due_at FROM deadline WHERE status = 'pending'`);
    const pendingIds = new Set(pending.map((p) => p.id));
    const now = this.clock.now().getTime();
    const missing: { id: string; due_at: Date }[] = [];
    const stuck: string[] = [];
    for (const p of pending) {
      if (delayed.has(p.id)) {
        // Long past due and still delayed: BullMQ failed to promote it. (A busy worker only
        // makes jobs late by seconds; promoting those would just add work.)
        if (p.due_at.getTime() < now - STUCK_AFTER_MS) stuck.push(p.id);
      } else if (!live.has(p.id)) {
        // Lost (Redis flushed), or finished without firing (the row restored after its job ran): add it again.
        if (finished.has(p.id)) await this.queue.remove(p.id).catch(() => 0);
        missing.push(p);
      }
    }
    let promoted = 0;
    for (let i = 0; i < stuck.length; i += 100) {
      const jobs = await Promise.all(stuck.slice(i, i + 100).map((id) => this.queue.getJob(id)));
      const done = await Promise.all(jobs.map((job) => (job ? job.promote().then(() => 1, () => 0) : 0)));
      promoted += done.reduce<number>((sum, n) => sum + n, 0);
    }
    const added = await this.addJobs(missing);
    const stale = [...delayed].filter((id) => !pendingIds.has(id));
    let removed = 0;
    for (let i = 0; i < stale.length; i += 100) {
      // 0 for a job gone meanwhile (it ran: its row had fired) or running now.
      const done = await Promise.all(stale.slice(i, i + 100).map((id) => this.queue.remove(id).catch(() => 0)));
      removed += done.reduce<number>((sum, n) => sum + n, 0);
    }
    if (added || promoted || removed) this.logger.log({ added, promoted, removed }, 'deadline jobs reconciled');
    return { added, promoted, removed };
  }

  private async addJobs(rows: { id: string; due_at: Date }[]): Promise<number> {
    if (rows.length === 0) return 0;
    for (let i = 0; i < rows.length; i += 1000) {
      // BullMQ counts a delay from the job's timestamp: both are taken from one instant per
      // batch, or a delay computed before a long run of batches would fire the later ones late.
      const now = this.clock.now().getTime();
      const timestamp = Date.now();
      await this.queue.addBulk(
        rows.slice(i, i + 1000).map((r) => ({
          name: 'fire',
          data: { deadlineId: r.id },
          // The row is the record: a completed job is removed at once (BullMQ's PostgreSQL backend
          // scans what it keeps on every completion).
          opts: { jobId: r.id, timestamp, delay: Math.max(0, r.due_at.getTime() - now), attempts: 10, removeOnComplete: true },
        })),
      );
    }
    return rows.length;
  }

  /** The deadlines one scheduling creates, by its group. */
  private async plan(group: string, job: OutboxJob): Promise<NewDeadline[]> {
    const since = new Date(job.createdAt);
    switch (group) {
      case 'signOffWaiting':
        return signOffDeadlines(since, job.payload.role as Role);
      case 'meeting': {
        const [meeting] = await this.dataSource.query(
          `SELECT m.start, o.invitation_period_days, o.invitation_period_kind, o.urgent_invitation_period_days, o.late_addition_days
           FROM meeting m JOIN organization o ON o.id = m.organization_id WHERE m.id = $1 AND m.state = 'planned'`,
          [job.subjectId],
        );
        if (!meeting) return [];
        const rules: RulesOfProcedure = {
          ...DEFAULT_RULES,
          invitationPeriodDays: meeting.invitation_period_days,
          invitationPeriodKind: meeting.invitation_period_kind,
        };
        return meetingDeadlines(meeting.start, rules);
      }
      case 'urgentDecisionApproval':
        return [await this.urgentApprovalDeadline(job)];
      case 'taskDue':
        return taskDeadlines(since, String(job.payload.dueDate));
      default:
        throw new Error(`unknown deadline group ${group}`);
    }
  }

  /** Due on the last day to invite to the next Kreistag session, so the approval can be on its agenda. */
  private async urgentApprovalDeadline(job: OutboxJob): Promise<NewDeadline> {
    const [next] = await this.dataSource.query(
      `SELECT m.id, m.start, o.invitation_period_days, o.invitation_period_kind FROM meeting m JOIN organization o ON o.id = m.organization_id
       WHERE m.body_id = $1 AND o.kind = 'district_council' AND m.state IN ('planned', 'invited') AND m.start > $2 ORDER BY m.start LIMIT 1`,
      [job.bodyId, job.createdAt],
    );
    if (next) {
      const rules = { ...DEFAULT_RULES, invitationPeriodDays: next.invitation_period_days, invitationPeriodKind: next.invitation_period_kind };
      const lastDay = latestInvitationDay(new Date(next.start).toISOString(), rules, false);
      const dueAt = atReminderHour(lastDay);
      return { kind: 'urgentDecisionApproval', dueAt: dueAt < new Date(job.createdAt) ? new Date(job.createdAt) : dueAt, payload: { meetingId: next.id } };
    }
    return {
      kind: 'urgentDecisionApproval',
      dueAt: new Date(new Date(job.createdAt).getTime() + URGENT_APPROVAL_FALLBACK_DAYS * 86_400_000),
      payload: { meetingId: null },
    };
  }

  /** What a fired deadline does: notifications as outbox rows, when the subject still needs them. */
  private async act(m: EntityManager, d: DeadlineRow): Promise<string> {
    const notify = (payload: Record<string, unknown>) =>
      insertOutbox(m, { bodyId: d.body_id, subjectType: d.subject_type, subjectId: d.subject_id, kind: 'notify', payload, causedBySeq: d.caused_by_seq });
    switch (d.kind) {
      case 'signOffReminder':
      case 'signOffEscalation': {
        const [paper] = await m.query(`SELECT state, snapshot->'context'->'signatures' AS signatures FROM paper WHERE id = $1`, [d.subject_id]);
        if (!paper || paper.state !== 'signOff') return `obsolete: paper is ${paper?.state ?? 'gone'}`;
        const escalate = d.kind === 'signOffEscalation';
        await notify({
          kind: escalate ? 'signOffEscalation' : 'signOffWaiting',
          to: { role: escalate ? d.payload.superior : d.payload.role },
          role: d.payload.role,
          since: d.payload.since,
          workingDays: escalate ? 5 : 2,
        });
        return 'notified';
      }
      case 'invitationDue': {
        const [meeting] = await m.query(`SELECT state FROM meeting WHERE id = $1`, [d.subject_id]);
        if (meeting?.state !== 'planned') return `obsolete: meeting is ${meeting?.state ?? 'gone'}`;
        await notify({ kind: 'invitationDue', to: { role: 'committee_office' }, lastDay: d.payload.lastDay });
        return 'notified';
      }
      case 'documentsDue': {
        const papers: { id: string; created_by: string; state: string }[] = await m.query(
          `SELECT DISTINCT p.id, p.created_by, p.state FROM meeting m
           JOIN consultation c ON c.organization_id = m.organization_id AND c.planned_date = (m.start AT TIME ZONE 'Europe/Berlin')::date
           JOIN paper p ON p.id = c.paper_id
           WHERE m.id = $1 AND m.state IN ('planned', 'invited') AND p.state IN ('draft', 'signOff')`,
          [d.subject_id],
        );
        for (const p of papers) await notify({ kind: 'documentsDue', to: { userId: p.created_by }, paperId: p.id, paperState: p.state });
        return papers.length ? `notified about ${papers.length} paper(s)` : 'nothing due';
      }
      case 'urgentDecisionApproval': {
        const [paper] = await m.query(`SELECT state FROM paper WHERE id = $1`, [d.subject_id]);
        if (paper?.state !== 'urgentlyDecided') return `obsolete: paper is ${paper?.state ?? 'gone'}`;
        await notify({ kind: 'urgentDecisionApproval', to: { role: 'committee_office' }, meetingId: d.payload.meetingId });
        return 'notified';
      }
      case 'taskDueReminder':
      case 'taskOverdue': {
        // The task's due date may have moved or the task finished since: then a later scheduling (or none) holds.
        const [task] = await m.query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date, assignee_id, outcome FROM task WHERE id = $1`, [d.subject_id]);
        if (task?.outcome !== 'open') return `obsolete: task is ${task?.outcome ?? 'gone'}`;
        if (task.due_date !== d.payload.dueDate) return `obsolete: task is due ${task.due_date ?? 'no longer'}`;
        const overdue = d.kind === 'taskOverdue';
        await notify({
          kind: overdue ? 'taskOverdue' : 'taskDueSoon',
          to: overdue ? { role: 'department_head' } : task.assignee_id ? { userId: task.assignee_id } : { role: 'clerk' },
          dueDate: d.payload.dueDate,
        });
        return 'notified';
      }
      case PROBE_KIND:
        // Does nothing: for measuring the firing path (bench:deadlines) and probing it in tests.
        return 'probe';
      default:
        throw new Error(`unknown deadline kind ${d.kind}`);
    }
  }
}

/** A deadline kind that fires and does nothing else. */
export const PROBE_KIND = 'probe';

const MAX_GROUP = 200;
const LINGER_MS = 5;

type PgPool = { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: { id: string; outcome: string; due_at: Date }[] }> };
type QuickFire = { outcome: string; dueAt: Date };

/**
 * Deadlines with nothing to do but be recorded as fired (a probe, or one voided by a
 * later cancellation) are fired in groups: the ids that arrive while a statement runs go
 * together in the next one (group commit, as the transition writer does), one UPDATE
 * and one commit for many. The row's `pending` check makes each fire once. Resolves to
 * the outcome, or undefined when the deadline needs acting (or is not pending): then
 * the caller takes the transactional path, which finds out which.
 */
class QuickFires {
  private readonly queue: { id: string; resolve: (fired: QuickFire | undefined) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(private readonly dataSource: DataSource) {}

  private timer?: NodeJS.Timeout;

  fire(id: string): Promise<QuickFire | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id, resolve, reject });
      // Jobs come one at a time: linger a few milliseconds so a group forms (a deadline's
      // lag target is a second; each statement and commit saved is CPU for the next).
      if (this.queue.length >= MAX_GROUP) this.pump();
      else this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, LINGER_MS);
    });
  }

  private pump(): void {
    while (this.inFlight < 2 && this.queue.length) {
      const batch = this.queue.splice(0, MAX_GROUP);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: { id: string; resolve: (fired: QuickFire | undefined) => void; reject: (e: unknown) => void }[]) {
    try {
      // Straight to the pg pool with a prepared statement: this runs a thousand times a second.
      const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
      const { rows } = await pool.query({
        name: 'rw_deadline_quick_fire',
        text: `WITH d AS (
           SELECT id, kind = $2 AS probe, EXISTS (SELECT 1 FROM outbox_message o WHERE o.subject_id = deadline.subject_id
             AND o.kind = 'cancelDeadline' AND o.payload->>'kind' = deadline."group" AND o.caused_by_seq > deadline.caused_by_seq) AS voided
           FROM deadline WHERE id = ANY($1::uuid[]) AND status = 'pending')
         UPDATE deadline t SET status = 'fired', fired_at = clock_timestamp(),
           outcome = CASE WHEN d.voided THEN 'obsolete: cancelled by a later transition' ELSE 'probe' END
         FROM d WHERE t.id = d.id AND t.status = 'pending' AND (d.voided OR d.probe) RETURNING t.id, t.outcome, t.due_at`,
        values: [batch.map((b) => b.id), PROBE_KIND],
      });
      const outcomes = new Map(rows.map((r) => [r.id, { outcome: r.outcome, dueAt: r.due_at }]));
      for (const b of batch) b.resolve(outcomes.get(b.id));
    } catch (error) {
      for (const b of batch) b.reject(error);
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
