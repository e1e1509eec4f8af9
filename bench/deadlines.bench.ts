/**
 * npm run bench:deadlines
 *
 * Many durable deadlines coming due at a steady rate, fired by the application's own
 * BullMQ worker, on each queue backend (Redis, and BullMQ's PostgreSQL backend), each
 * on a fresh database: N `probe` deadlines (they fire and do nothing else) are inserted
 * with due times spread evenly over a window that starts LEAD seconds from now and
 * lasts N / RATE seconds; DeadlinesService.reconcile() adds their delayed jobs (the
 * "scheduling" time); then the run waits until every row is fired and measures, in
 * SQL, the firing lag (fired_at − due_at), the throughput and how many fired late.
 *
 * Environment: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379), BENCH_BACKENDS (default
 * "redis,postgres"), BENCH_DEADLINES (default 100000), BENCH_RATE due per second
 * (default 1000), BENCH_LEAD_S seconds before the first is due (default 30),
 * BENCH_APP_RECONCILER ("on" by default, as the app runs; "off" stops the app's
 * periodic reconciler after its start-up run, to see its share of the load), BENCH_BASELINE
 * ("on" by default: first the same jobs on Redis through a bare BullMQ worker, the baseline).
 *
 * Exits 1 when a backend did not fire every deadline (lost, or the run timed out).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import type { QueueBackendKind } from '../src/infrastructure/config/app-config';
import { DeadlineProcessor } from '../src/modules/deadlines/deadline.processor';
import { DeadlineReconciler } from '../src/modules/deadlines/deadline-reconciler.service';
import { DeadlinesService, PROBE_KIND } from '../src/modules/deadlines/deadlines.service';
import { redisConnectionOptions } from '../src/infrastructure/queue/queue-backend';
import { DEADLINE_WORKER_CONCURRENCY } from '../src/modules/deadlines/deadline.processor';
import { benchConfig, createBenchDatabase, migrate, processCpuMs } from './bench-support';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'redis,postgres')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean) as QueueBackendKind[];
const N = Number(process.env.BENCH_DEADLINES ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const LEAD_S = Number(process.env.BENCH_LEAD_S ?? 30);
const WINDOW_S = N / RATE;
const POLL_MS = 500;
const TIMEOUT_MS = (WINDOW_S + LEAD_S + 120) * 1000;
const APP_RECONCILER = (process.env.BENCH_APP_RECONCILER ?? 'on') !== 'off';
const BASELINE = (process.env.BENCH_BASELINE ?? 'on') !== 'off';

interface BackgroundReconcile {
  ms: number;
  added: number;
  promoted: number;
  removed: number;
  error?: string;
}

interface Result {
  backend: QueueBackendKind;
  scheduleSeconds: number;
  reconciled: { added: number; promoted: number; removed: number };
  fired: number;
  pending: number;
  timedOut: boolean;
  /** Seconds from the first due time until the last row fired. */
  drainSeconds: number;
  throughput: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
  lagMin: number;
  late1s: number;
  early: number;
  /** Worker jobs that found their row no longer pending (fire() returned null). */
  nullRuns: number;
  failedJobs: number;
  /** The failed attempts' reasons, with their counts. */
  failures: Map<string, number>;
  background: BackgroundReconcile[];
  /** CPU ms per fired deadline during the firing phase: this process, postgres, redis-server. */
  cpuNode: number;
  cpuPg: number;
  cpuRedis: number;
  /** Lag by tenth of the window (by due time): fired, p50, p99, max in ms. */
  tenths: { tenth: number; fired: number; p50: number; p99: number; max: number }[];
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stderr.write(`[bench:deadlines] ${message}\n`);

async function deleteRedisPrefix(prefix: string): Promise<number> {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: true });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (let i = 0; i < keys.length; i += 500) deleted += await redis.unlink(...keys.slice(i, i + 500));
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

async function runBackend(backend: QueueBackendKind): Promise<Result> {
  const db = await createBenchDatabase(SERVER, `ratsweg_bench_deadlines_${backend === 'redis' ? 'r' : 'p'}`);
  const prefix = `bench-deadlines-${Date.now().toString(36)}-${process.pid}`;
  let app: INestApplicationContext | undefined;
  const sql = new Client({ connectionString: db.url });
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await sql.end().catch(() => undefined);
      if (app) await app.close().catch((error) => log(`${backend}: closing the app failed: ${error}`));
      await db.drop().catch((error) => log(`${backend}: dropping the database failed: ${error}`));
      if (backend === 'redis') {
        const deleted = await deleteRedisPrefix(prefix).catch((error) => (log(`redis: deleting ${prefix}:* failed: ${error}`), 0));
        log(`redis: deleted ${deleted} keys of ${prefix}:*`);
      }
    })());
  cleanUpCurrent = cleanUp;
  try {
    await migrate(db.url);
    const config = benchConfig(db.url, {
      redisUrl: backend === 'redis' ? REDIS_URL : undefined,
      queueBackend: backend,
      queuePrefix: prefix,
    });
    log(`${backend}: starting the app (database ${new URL(db.url).pathname.slice(1)}, queue prefix ${prefix})`);
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
    await sql.connect();

    // The reconciler's start-up run (on an empty table) must be over before the rows exist,
    // so the explicit reconcile below is the one that adds their jobs.
    const reconciler = app.get(DeadlineReconciler) as unknown as { running?: Promise<unknown>; timer?: NodeJS.Timeout };
    await reconciler.running;
    if (!APP_RECONCILER) clearInterval(reconciler.timer);

    // Observe, without changing it, what the app does meanwhile: the periodic reconciler's
    // runs (they call the same service instance) and the worker's outcomes.
    const deadlines = app.get(DeadlinesService);
    const reconcile = deadlines.reconcile.bind(deadlines);
    const background: BackgroundReconcile[] = [];
    let explicit = false;
    deadlines.reconcile = async () => {
      if (explicit) return reconcile();
      const t0 = Date.now();
      try {
        const r = await reconcile();
        background.push({ ms: Date.now() - t0, ...r });
        log(`${backend}: the app's periodic reconcile took ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(r)}`);
        return r;
      } catch (error) {
        background.push({ ms: Date.now() - t0, added: 0, promoted: 0, removed: 0, error: String(error) });
        throw error;
      }
    };
    let nullRuns = 0;
    let failedJobs = 0;
    const worker = app.get(DeadlineProcessor).worker;
    worker.on('completed', (_job, result) => {
      if (result === null) nullRuns++;
    });
    const failures = new Map<string, number>();
    worker.on('failed', (_job, error) => {
      failedJobs++;
      const reason = String(error?.message ?? error).slice(0, 200);
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
    });

    const [{ id: bodyId }] = (await sql.query(`INSERT INTO body (name, short_name) VALUES ('Bench-Kreis', 'BK') RETURNING id`)).rows;
    const firstDue = new Date(Date.now() + LEAD_S * 1000);
    const t0 = Date.now();
    await sql.query(
      `INSERT INTO deadline (id, body_id, subject_type, subject_id, kind, "group", caused_by_seq, due_at, payload)
       SELECT gen_random_uuid(), $1, 'bench', gen_random_uuid(), $2, 'probe', 1,
              $3::timestamptz + (i * $4::double precision) * interval '1 millisecond', '{}'::jsonb
       FROM generate_series(0, $5::int - 1) AS i`,
      [bodyId, PROBE_KIND, firstDue.toISOString(), 1000 / RATE, N],
    );
    log(`${backend}: inserted ${N} deadlines in ${((Date.now() - t0) / 1000).toFixed(1)} s; first due in ${((firstDue.getTime() - Date.now()) / 1000).toFixed(1)} s, window ${WINDOW_S.toFixed(1)} s`);

    explicit = true;
    const s0 = process.hrtime.bigint();
    const reconciled = await deadlines.reconcile();
    const scheduleSeconds = Number(process.hrtime.bigint() - s0) / 1e9;
    explicit = false;
    log(`${backend}: reconcile() took ${scheduleSeconds.toFixed(2)} s: ${JSON.stringify(reconciled)}${scheduleSeconds > LEAD_S ? ' — longer than the lead: the first deadlines were already due' : ''}`);

    const cpu0 = process.cpuUsage();
    const pg0 = processCpuMs('postgres');
    const redis0 = processCpuMs('redis-server');
    const deadline = t0 + TIMEOUT_MS;
    let pending = N;
    let lastLog = 0;
    while (Date.now() < deadline) {
      pending = Number((await sql.query(`SELECT count(*) AS n FROM deadline WHERE status = 'pending'`)).rows[0].n);
      if (pending === 0) break;
      if (Date.now() - lastLog >= 10_000) {
        lastLog = Date.now();
        const behind = Number(
          (await sql.query(`SELECT count(*) AS n FROM deadline WHERE status = 'pending' AND due_at < now() - interval '1 second'`)).rows[0].n,
        );
        log(`${backend}: ${pending} pending, ${behind} of them due more than 1 s ago`);
      }
      await sleep(POLL_MS);
    }
    const cpu = process.cpuUsage(cpu0);
    const pgMs = processCpuMs('postgres') - pg0;
    const redisMs = processCpuMs('redis-server') - redis0;
    const timedOut = pending > 0;
    if (timedOut) log(`${backend}: timed out after ${(TIMEOUT_MS / 1000).toFixed(0)} s with ${pending} pending`);

    const [s] = (
      await sql.query(
        `SELECT count(*) FILTER (WHERE status = 'fired') AS fired,
                count(*) FILTER (WHERE status = 'pending') AS pending,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms) AS p50,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms) AS p99,
                max(lag_ms) AS max, min(lag_ms) AS min,
                count(*) FILTER (WHERE lag_ms > 1000) AS late,
                count(*) FILTER (WHERE lag_ms < 0) AS early,
                extract(epoch FROM max(fired_at) - min(fired_at)) AS fired_span_s,
                extract(epoch FROM max(fired_at) - min(due_at)) AS drain_s
         FROM (SELECT status, fired_at, due_at, extract(epoch FROM fired_at - due_at) * 1000 AS lag_ms FROM deadline) d`,
      )
    ).rows;
    const fired = Number(s.fired);
    const tenths = (
      await sql.query(
        `SELECT tenth, count(*) AS fired,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms) AS p50,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY lag_ms) AS p99, max(lag_ms) AS max
         FROM (SELECT least(9, floor(extract(epoch FROM due_at - $1::timestamptz) / $2 * 10))::int AS tenth,
                      extract(epoch FROM fired_at - due_at) * 1000 AS lag_ms
               FROM deadline WHERE status = 'fired') d
         GROUP BY tenth ORDER BY tenth`,
        [firstDue.toISOString(), WINDOW_S],
      )
    ).rows.map((t) => ({ tenth: Number(t.tenth), fired: Number(t.fired), p50: Number(t.p50), p99: Number(t.p99), max: Number(t.max) }));
    // Give in-flight 'completed' events (after the row committed) a moment to arrive.
    await sleep(500);
    return {
      backend,
      scheduleSeconds,
      reconciled,
      fired,
      pending: Number(s.pending),
      timedOut,
      drainSeconds: fired ? Number(s.drain_s) : NaN,
      throughput: fired / Number(s.fired_span_s),
      lagP50: fired ? Number(s.p50) : NaN,
      lagP99: fired ? Number(s.p99) : NaN,
      lagMax: fired ? Number(s.max) : NaN,
      lagMin: fired ? Number(s.min) : NaN,
      late1s: Number(s.late),
      early: Number(s.early),
      nullRuns,
      failedJobs,
      failures,
      background,
      cpuNode: (cpu.user + cpu.system) / 1000 / fired,
      cpuPg: pgMs / fired,
      cpuRedis: redisMs / fired,
      tenths,
    };
  } finally {
    await cleanUp();
    cleanUpCurrent = undefined;
  }
}

interface Baseline {
  throughput: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
}

/**
 * The baseline, in the same run: the same N delayed jobs due at RATE per second on the same
 * Redis, taken by a bare BullMQ worker (same concurrency, no database, nothing done), lag
 * measured when each job completes. What ratsweg adds on top of it is the firing itself.
 */
async function runBaseline(concurrency: number): Promise<Baseline> {
  const connection = redisConnectionOptions(REDIS_URL);
  const name = `bench-baseline-${Date.now().toString(36)}-${process.pid}`;
  const queue = new Queue(name, { connection });
  const firstDue = Date.now() + LEAD_S * 1000;
  try {
    for (let i = 0; i < N; i += 1000) {
      const timestamp = Date.now();
      await queue.addBulk(
        Array.from({ length: Math.min(1000, N - i) }, (_, k) => {
          const due = firstDue + ((i + k) * 1000) / RATE;
          return { name: 'probe', data: { due }, opts: { jobId: `b${i + k}`, timestamp, delay: Math.max(0, due - timestamp), removeOnComplete: true } };
        }),
      );
    }
    log(`baseline: added ${N} jobs; first due in ${((firstDue - Date.now()) / 1000).toFixed(1)} s`);
    const lags: number[] = [];
    let first = Infinity;
    let last = 0;
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(name, async () => undefined, { connection, concurrency });
      worker.on('completed', (job) => {
        const now = Date.now();
        lags.push(now - job.data.due);
        first = Math.min(first, now);
        last = now;
        if (lags.length === N) void worker.close().then(resolve, reject);
      });
      setTimeout(() => void worker.close().then(() => reject(new Error(`baseline timed out with ${lags.length} of ${N}`))), TIMEOUT_MS);
    });
    lags.sort((a, b) => a - b);
    const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))];
    return { throughput: N / ((last - first) / 1000), lagP50: at(0.5), lagP99: at(0.99), lagMax: lags[lags.length - 1] };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/** The running backend's clean-up (app, database, Redis keys), also run on SIGINT/SIGTERM. */
let cleanUpCurrent: (() => Promise<void>) | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up (again to exit at once)`);
    process.once(signal, () => process.exit(130));
    void (cleanUpCurrent ?? (async () => undefined))().finally(() => process.exit(130));
  });
}

async function main() {
  for (const b of BACKENDS) if (b !== 'redis' && b !== 'postgres') throw new Error(`unknown backend "${b}" in BENCH_BACKENDS`);
  const results: Result[] = [];
  let failed = false;
  // First, while BullMQ's default backend is still Redis (a PostgreSQL run switches it process-wide).
  let baseline: Baseline | undefined;
  if (BASELINE) {
    try {
      baseline = await runBaseline(DEADLINE_WORKER_CONCURRENCY);
    } catch (error) {
      failed = true;
      log(`baseline: run failed: ${(error as Error)?.stack ?? error}`);
    }
  }
  for (const backend of BACKENDS) {
    try {
      results.push(await runBackend(backend));
    } catch (error) {
      failed = true;
      log(`${backend}: run failed: ${(error as Error)?.stack ?? error}`);
    }
  }

  console.log(
    `\nratsweg bench:deadlines — ${N} probe deadlines due at ${RATE}/s over ${WINDOW_S.toFixed(1)} s, first due ${LEAD_S} s after insert; worker concurrency ${DEADLINE_WORKER_CONCURRENCY}; ` +
      `app's periodic reconciler ${APP_RECONCILER ? 'on' : 'off'}`,
  );
  const server = new Client({ connectionString: SERVER });
  await server.connect();
  const pgVersion = (await server.query('SHOW server_version')).rows[0].server_version;
  await server.end();
  console.log(`PostgreSQL: ${pgVersion}, node ${process.version}\n`);
  if (results.length > 0) {
    const col = (v: string) => v.padStart(16);
    const row = (label: string, f: (r: Result) => string) => console.log(`${label.padEnd(34)}${results.map((r) => col(f(r))).join('')}`);
    const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '–');
    row('', (r) => r.backend);
    row('deadlines', () => String(N));
    row('due per second', () => String(RATE));
    row('scheduling: reconcile() (s)', (r) => n(r.scheduleSeconds, 2));
    row('  jobs added', (r) => String(r.reconciled.added));
    row('fired', (r) => `${r.fired}${r.timedOut ? ' (timeout)' : ''}`);
    row('throughput (fired/s)', (r) => n(r.throughput, 1));
    row('first due → last fired (s)', (r) => n(r.drainSeconds, 1));
    row('lag p50 (ms)', (r) => n(r.lagP50, 1));
    row('lag p99 (ms)', (r) => n(r.lagP99, 1));
    row('lag max (ms)', (r) => n(r.lagMax, 1));
    row('late > 1 s', (r) => String(r.late1s));
    row('fired before due', (r) => String(r.early));
    row('jobs on an already-fired row', (r) => String(r.nullRuns));
    row('failed job attempts', (r) => String(r.failedJobs));
    row('background reconciles (n/max s)', (r) => `${r.background.length}/${n(Math.max(0, ...r.background.map((b) => b.ms)) / 1000, 1)}`);
    row('  added/promoted/removed', (r) =>
      ['added', 'promoted', 'removed'].map((k) => r.background.reduce((s, b) => s + b[k as 'added'], 0)).join('/'),
    );
    row('cpu ms/fired node/pg/redis', (r) => `${n(r.cpuNode, 2)}/${n(r.cpuPg, 2)}/${n(r.cpuRedis, 2)}`);
    console.log(`\nlag (ms) p50/p99 by tenth of the window, by due time${APP_RECONCILER ? '' : ' (app reconciler off)'}:`);
    for (let t = 0; t < 10; t++) {
      row(`  ${(t * WINDOW_S) / 10}–${((t + 1) * WINDOW_S) / 10} s`, (r) => {
        const x = r.tenths.find((y) => y.tenth === t);
        return x ? `${n(x.p50)}/${n(x.p99)}` : '–';
      });
    }
    for (const r of results) for (const [reason, count] of r.failures) console.log(`${r.backend}: ${count} job attempts failed: ${reason}`);
    for (const r of results) for (const b of r.background) if (b.error) console.log(`${r.backend}: background reconcile failed: ${b.error}`);
  }
  if (baseline) {
    const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '–');
    console.log(
      `\nbaseline, the same jobs on Redis through a bare BullMQ worker (no database, does nothing): ` +
        `${n(baseline.throughput, 1)}/s, lag p50 ${n(baseline.lagP50)} ms, p99 ${n(baseline.lagP99)} ms, max ${n(baseline.lagMax)} ms`,
    );
    for (const r of results) {
      console.log(`${r.backend}: lag p99 ${n(r.lagP99)} ms = baseline + ${n(r.lagP99 - baseline.lagP99)} ms; throughput ${n(r.throughput / baseline.throughput, 2)} of the baseline`);
    }
  }
  const redis = results.find((r) => r.backend === 'redis');
  const met = redis ? redis.fired === N && redis.lagP99 < 1000 : false;
  console.log(
    `\ntarget on Redis at 1,000 due/s: p99 lag < 1000 ms (` +
      (redis
        ? `${Number.isFinite(redis.lagP99) ? redis.lagP99.toFixed(0) : '–'} ms at ${RATE} due/s${RATE !== 1000 ? ' — not the target rate' : ''}: ${met ? 'met' : 'NOT met'}`
        : 'not measured') +
      ')',
  );
  for (const r of results) {
    if (r.fired !== N) {
      failed = true;
      console.log(`${r.backend}: ${r.fired} of ${N} deadlines fired (${r.pending} still pending${r.timedOut ? ', timed out' : ''})`);
    }
  }
  if (failed) process.exit(1);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
