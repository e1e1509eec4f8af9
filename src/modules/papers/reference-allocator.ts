import type { EntityManager } from 'typeorm';

const berlinYear = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' });

/** The calendar year in Europe/Berlin: a release at 23:30 UTC on 31 December counts for the next year. */
export function referenceYear(at: Date): number {
  return Number(berlinYear.format(at));
}

export function formatReference(year: number, number: number): string {
  return `${year}/${String(number).padStart(3, '0')}`;
}

/**
 * Allocates the next `YYYY/NNN` of a body inside the releasing transition's
 * transaction. The upsert locks the counter row until that transaction commits,
 * so concurrent releases queue behind each other; a rolled-back release gives its
 * number back. Hence gap-free and unique (and the unique index on the reference
 * stands behind it). The transition writes right after, so the lock is short.
 */
export async function allocateReference(manager: EntityManager, bodyId: string, at: Date): Promise<string> {
  const year = referenceYear(at);
  const rows: { last_number: number }[] = await manager.query(
    `INSERT INTO reference_counter (body_id, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (body_id, year) DO UPDATE SET last_number = reference_counter.last_number + 1
     RETURNING last_number`,
    [bodyId, year],
  );
  return formatReference(year, rows[0].last_number);
}
