import { Client } from 'pg';

/** A throwaway database on the local server for one benchmark run (dropped at the end). */
export async function createBenchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export interface RunStats {
  operations: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** This process's CPU time per operation (user + system), in ms. */
  cpuPerOp: number;
}

export function stats(latenciesMs: number[], seconds: number, cpuMs = NaN): RunStats & { latencies: number[] } {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    operations: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    cpuPerOp: cpuMs / sorted.length,
    latencies: sorted,
  };
}

/** Runs `worker(i)` on `concurrency` lanes until `count` items are done; returns each item's latencies. */
export async function runLanes(concurrency: number, count: number, worker: (index: number) => Promise<number[]>) {
  let next = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        latencies.push(...(await worker(index)));
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return stats(latencies, seconds, (cpu.user + cpu.system) / 1000);
}

/** Several runs as one: all latencies, total time, total CPU. */
export function merge(runs: RunStats[]): RunStats {
  const all = runs.flatMap((r) => (r as RunStats & { latencies: number[] }).latencies);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const cpu = runs.reduce((n, r) => n + r.cpuPerOp * r.operations, 0);
  return stats(all, seconds, cpu);
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);
