import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../src/infrastructure/config/app-config';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';

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

/** Runs the real migrations on a bench database. */
export async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}

/** The app's configuration for a benchmark on `databaseUrl` (PostgreSQL queues unless overridden). */
export function benchConfig(databaseUrl: string, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    nodeEnv: 'test',
    port: 0,
    databaseUrl,
    embedded: false,
    queueBackend: 'postgres',
    queuePrefix: 'bench',
    jwtSecret: 'bench-secret-bench-secret-bench-secret-000',
    jwtExpiresInSeconds: 3600,
    mailFrom: 'bench@ratsweg.local',
    seedDemo: false,
    dataDir: '/tmp/ratsweg-bench',
    logLevel: 'silent',
    ...overrides,
  };
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
  /** The local PostgreSQL server's CPU time per operation (all its processes), in ms; NaN where /proc does not tell. */
  serverCpuPerOp: number;
}

/**
 * CPU time (user + system, ms) of every process with this command name (`postgres`,
 * `redis-server`) on this machine, from /proc: a server's share of the work when it
 * runs beside the benchmark. NaN where /proc does not tell.
 */
export function processCpuMs(name: string): number {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    }
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** The local PostgreSQL server's CPU time (ms). */
export const serverCpuMs = () => processCpuMs('postgres');

export function stats(latenciesMs: number[], seconds: number, cpuMs = NaN, serverMs = NaN): RunStats & { latencies: number[] } {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    operations: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    cpuPerOp: cpuMs / sorted.length,
    serverCpuPerOp: serverMs / sorted.length,
    latencies: sorted,
  };
}

/** Runs `worker(i)` on `concurrency` lanes until `count` items are done; returns each item's latencies. */
export async function runLanes(concurrency: number, count: number, worker: (index: number) => Promise<number[]>) {
  let next = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const server0 = serverCpuMs();
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
  return stats(latencies, seconds, (cpu.user + cpu.system) / 1000, serverCpuMs() - server0);
}

/** Several runs as one: all latencies, total time, total CPU. */
export function merge(runs: RunStats[]): RunStats {
  const all = runs.flatMap((r) => (r as RunStats & { latencies: number[] }).latencies);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const cpu = runs.reduce((n, r) => n + r.cpuPerOp * r.operations, 0);
  const server = runs.reduce((n, r) => n + r.serverCpuPerOp * r.operations, 0);
  return stats(all, seconds, cpu, server);
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);
