import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { DeadlinesService } from '../../src/modules/deadlines/deadlines.service';

/** Polls `probe` every 100 ms until it answers something truthy, and returns that; fails naming `what`. */
export async function until<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until every pending deadline of the subject has its delayed job: only then may a
 * test move its clock (a reconcile racing the scheduling could add the job first, and the
 * scheduling's own add with the older, longer delay would be the one ignored).
 */
export function deadlineJobsScheduled(db: DataSource, deadlines: DeadlinesService, subjectId: string): Promise<true> {
  return until(async () => {
    const queue = (deadlines as unknown as { queue: Queue }).queue;
    const rows: { id: string }[] = await db.query(`SELECT id FROM deadline WHERE subject_id = $1 AND status = 'pending'`, [subjectId]);
    const jobs = await Promise.all(rows.map((r) => queue.getJob(r.id)));
    return rows.length > 0 && jobs.every(Boolean);
  }, 'the deadlines’ delayed jobs');
}
