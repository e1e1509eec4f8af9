import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { Metrics } from '../../infrastructure/metrics/metrics';
import { insertOutbox } from '../../workflow/outbox/insert-outbox';
import { QuickFires } from './deadline-group-commit';
import { PROBE_KIND, type DeadlineRow } from './deadline-row';

/**
 * Firing: one transaction moves a deadline from `pending` to `fired` and writes what it
 * does (notifications as outbox rows) — so a deadline acts once, whatever BullMQ does.
 * Deadlines with nothing to do go through the grouped quick path.
 */
@Injectable()
export class DeadlineFiring {
  private readonly quickFires: QuickFires;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {
    this.quickFires = new QuickFires(dataSource);
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
