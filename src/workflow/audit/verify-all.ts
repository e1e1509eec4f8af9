import type { EntityManager } from 'typeorm';
import { verifyChain, type ChainedFields } from './hash-chain';

export interface VerifyReport {
  subjects: number;
  entries: number;
  broken: { subjectType: string; subjectId: string; seq: number; reason: string }[];
}

/** Verifies every subject's chain, reading the log in order one batch of subjects at a time. */
export async function verifyAll(manager: EntityManager, batchSize = 500): Promise<VerifyReport> {
  const report: VerifyReport = { subjects: 0, entries: 0, broken: [] };
  let after: { subjectType: string; subjectId: string } | undefined;
  for (;;) {
    const subjects: { subject_type: string; subject_id: string }[] = await manager.query(
      `SELECT DISTINCT subject_type, subject_id FROM audit_event
       WHERE ($1::text IS NULL OR (subject_type, subject_id) > ($1::text, $2::uuid))
       ORDER BY subject_type, subject_id LIMIT $3`,
      [after?.subjectType ?? null, after?.subjectId ?? null, batchSize],
    );
    if (subjects.length === 0) return report;
    for (const s of subjects) {
      const entries: (ChainedFields & { prevHash: string; hash: string })[] = await manager.query(
        `SELECT body_id AS "bodyId", subject_type AS "subjectType", subject_id AS "subjectId", seq, type, actor_id AS "actorId",
           actor_name AS "actorName", at, from_state AS "fromState", to_state AS "toState", payload,
           machine_version AS "machineVersion", prev_hash AS "prevHash", hash
         FROM audit_event WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq`,
        [s.subject_type, s.subject_id],
      );
      const verdict = verifyChain(entries);
      report.subjects++;
      report.entries += entries.length;
      if (verdict.firstBroken) report.broken.push({ subjectType: s.subject_type, subjectId: s.subject_id, ...verdict.firstBroken });
    }
    const last = subjects[subjects.length - 1];
    after = { subjectType: last.subject_type, subjectId: last.subject_id };
  }
}
