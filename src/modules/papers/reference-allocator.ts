import type { EntityManager } from 'typeorm';

const berlinYear = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' });

/** The calendar year in Europe/Berlin: a release at 23:30 UTC on 31 December counts for the next year. */
export function referenceYear(at: Date): number {
  return Number(berlinYear.format(at));
}

export function formatReference(year: number, number: number): string {
  return `${year}/${String(number).padStart(3, '0')}`;
}

interface Request {
  bodyId: string;
  year: number;
  resolve: (reference: string) => void;
  reject: (error: unknown) => void;
}

const pending = new WeakMap<EntityManager, Request[]>();

/**
 * Allocates the next `YYYY/NNN` of a body inside the releasing transition's
 * transaction. The upsert locks the counter row until that transaction commits,
 * so concurrent releases queue behind each other; a rolled-back release gives its
 * number back. Hence gap-free and unique (and the unique index on the reference
 * stands behind it). Requests made together in one transaction (a group of
 * releases) are served by one upsert that moves each counter by the number of its
 * requests, handing the numbers out in request order.
 */
export function allocateReference(manager: EntityManager, bodyId: string, at: Date): Promise<string> {
  return new Promise((resolve, reject) => {
    let requests = pending.get(manager);
    if (!requests) {
      requests = [];
      pending.set(manager, requests);
      queueMicrotask(() => void serve(manager));
    }
    requests.push({ bodyId, year: referenceYear(at), resolve, reject });
  });
}

async function serve(manager: EntityManager): Promise<void> {
  const requests = pending.get(manager) ?? [];
  pending.delete(manager);
  const byCounter = new Map<string, Request[]>();
  for (const r of requests) {
    const key = `${r.bodyId}:${r.year}`;
    byCounter.set(key, [...(byCounter.get(key) ?? []), r]);
  }
  const counters = [...byCounter.values()];
  try {
    const rows: { body_id: string; year: number; last_number: number }[] = await manager.query(
      `INSERT INTO reference_counter (body_id, year, last_number)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])
       ON CONFLICT (body_id, year) DO UPDATE SET last_number = reference_counter.last_number + EXCLUDED.last_number
       RETURNING body_id, year, last_number`,
      [counters.map((c) => c[0].bodyId), counters.map((c) => c[0].year), counters.map((c) => c.length)],
    );
    for (const group of counters) {
      const row = rows.find((r) => r.body_id === group[0].bodyId && r.year === group[0].year)!;
      const first = row.last_number - group.length + 1;
      group.forEach((r, i) => r.resolve(formatReference(r.year, first + i)));
    }
  } catch (error) {
    for (const r of requests) r.reject(error);
  }
}

/** Starts a body's counter for a year at `lastNumber` (numbers the body gave before ratsweg); an existing counter is kept. */
export async function startReferenceCounter(manager: EntityManager, bodyId: string, year: number, lastNumber: number): Promise<void> {
  await manager.query(`INSERT INTO reference_counter (body_id, year, last_number) VALUES ($1, $2, $3) ON CONFLICT (body_id, year) DO NOTHING`, [
    bodyId,
    year,
    lastNumber,
  ]);
}
