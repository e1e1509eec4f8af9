import type { EntityManager } from 'typeorm';

/**
 * An outbox row written outside a machine transition (a meeting created, a deadline
 * fired), in the caller's transaction like every other outbox row.
 */
export async function insertOutbox(
  m: EntityManager,
  row: { bodyId: string; subjectType: string; subjectId: string; kind: string; payload: Record<string, unknown>; causedBySeq: number },
): Promise<void> {
  await m.query(
    `INSERT INTO outbox_message (body_id, subject_type, subject_id, kind, payload, caused_by_seq) VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.bodyId, row.subjectType, row.subjectId, row.kind, JSON.stringify(row.payload), row.causedBySeq],
  );
}
