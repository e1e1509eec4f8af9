import type { DataSource, EntityManager } from 'typeorm';

/** PostgreSQL gave up on one of two transactions waiting for each other's locks. */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

/**
 * A transaction that locks several rows (a meeting, then its papers) can meet another
 * that locks some of them in a different order; PostgreSQL then aborts one of them.
 * That one is run again from the start: it wrote nothing.
 */
export async function retryingTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}
