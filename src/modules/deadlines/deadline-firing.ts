import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
import { Metrics } from '../../infrastructure/metrics/metrics';
import { cancelledLaterSql } from '../../workflow/outbox/cancelled-later';
import { insertOutbox } from '../../workflow/outbox/insert-outbox';
import { QuickFires } from './deadline-group-commit';
import { PROBE_KIND, type DeadlineRow } from './deadline-row';
import { DeadlineRules } from './deadline-rules';

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
    private readonly rules: DeadlineRules,
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
      const [{ voided }] = await m.query(`SELECT ${cancelledLaterSql('$1', '$2', '$3')} AS voided`, [row.subject_id, row.group, row.caused_by_seq]);
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

  /** What a fired deadline does: the notifications its subject's module says are still due, as outbox rows. */
  private async act(m: EntityManager, d: DeadlineRow): Promise<string> {
    // Does nothing: for measuring the firing path (bench:deadlines) and probing it in tests.
    if (d.kind === PROBE_KIND) return 'probe';
    const { outcome, notices } = await this.rules.check(d.kind)(m, { bodyId: d.body_id, subjectId: d.subject_id, kind: d.kind, payload: d.payload });
    for (const payload of notices) {
      await insertOutbox(m, { bodyId: d.body_id, subjectType: d.subject_type, subjectId: d.subject_id, kind: 'notify', payload, causedBySeq: d.caused_by_seq });
    }
    return outcome;
  }
}
