/**
 * npm run bench:transitions
 *
 * Drives many Vorlagen through their full lifecycle (SUBMIT, three SIGNs, and
 * SCHEDULE + RECORD_RESULT at each of three consultations: 10 durable transitions
 * each) through PaperEventsService at concurrency 1, 8 and 32 against the real
 * PostgreSQL, and in the same run measures the floor cost of a durable commit:
 * single-row INSERT transactions at the same concurrency on the same database.
 *
 * The app runs API-only (RUN_WORKERS=false): no outbox relay, no queue workers.
 *
 * Environment: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_PAPERS_PER_LANE per round (default 10), BENCH_ROUNDS (default 5),
 * BENCH_CONCURRENCY (default "1,8,32").
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import type { Role } from '../src/modules/identity/role';
import { PaperEventsService } from '../src/modules/papers/paper-events.service';
import { PapersService } from '../src/modules/papers/papers.service';
import { benchConfig, createBenchDatabase, fmt, merge, migrate, runLanes, RunStats, timed } from './bench-support';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PAPERS_PER_LANE = Number(process.env.BENCH_PAPERS_PER_LANE ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const POOL_SIZE = 20; // the application's pool size (data-source-options.ts)

async function main() {
  const db = await createBenchDatabase(SERVER, 'ratsweg_bench');
  await migrate(db.url);
  const config = benchConfig(db.url, {
    seedDemo: true,
    // API-only, as a deployment's web instances run: the relay and the mail workers
    // (measured by bench:deadlines) would otherwise compete for the same two cores.
    runWorkers: false,
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  const papers = app.get(PapersService);
  const events = app.get(PaperEventsService);
  const dataSource = app.get(DataSource);
  const baselinePool = new Pool({ connectionString: db.url, max: POOL_SIZE });
  try {
    const [{ id: bodyId }] = await dataSource.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
    const users: Record<string, { id: string; username: string; roles: Role[] }> = {};
    for (const row of await dataSource.query(
      `SELECT u.id, u.username, ra.role FROM user_account u JOIN role_assignment ra ON ra.user_id = u.id WHERE ra.body_id = $1`,
      [bodyId],
    )) {
      users[row.username] = { id: row.id, username: row.username, roles: [row.role] };
    }
    const orgs: { id: string; kind: string }[] = await dataSource.query(`SELECT id, kind FROM organization WHERE body_id = $1`, [bodyId]);
    const org = (kind: string) => orgs.find((o) => o.kind === kind)!.id;
    const draft = {
      title: 'Benchmark-Vorlage',
      paperType: 'Beschlussvorlage' as const,
      decisionProposal: 'Der Kreistag beschließt.',
      facts: 'Sachverhalt.',
      climateImpact: { effect: 'none' as const },
      consultations: [
        { organizationId: org('committee'), role: 'preliminary' as const, plannedDate: '2026-12-01' },
        { organizationId: org('district_committee'), role: 'preliminary' as const, plannedDate: '2026-12-08' },
        { organizationId: org('district_council'), role: 'decisive' as const, plannedDate: '2026-12-15' },
      ],
    };
    const lifecycle: [string, Record<string, unknown>][] = [
      ['clerk', { type: 'SUBMIT' }],
      ['fbl', { type: 'SIGN' }],
      ['kd', { type: 'SIGN' }],
      ['landrat', { type: 'SIGN' }],
      ...(['2.a', '5', '11'] as const).flatMap((top, i): [string, Record<string, unknown>][] => [
        ['sitzungsdienst', { type: 'SCHEDULE', date: `2026-12-0${i + 1}`, agendaItemNumber: top }],
        ['sitzungsdienst', { type: 'RECORD_RESULT', result: i < 2 ? 'recommended' : 'adopted', votes: { yes: 10, no: 2, abstain: 1 } }],
      ]),
    ];
    await baselinePool.query(`CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, payload jsonb NOT NULL)`);

    // Warm-up: JIT, pools, prepared paths.
    for (let i = 0; i < 3; i++) {
      const p = await papers.create(users.clerk, bodyId, draft);
      for (const [user, event] of lifecycle) await events.send(users[user], bodyId, p.id, event as never);
    }

    const lifecycleOf = (via: 'transition' | 'send') => async (c: number) => {
      const count = c * PAPERS_PER_LANE;
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push((await papers.create(users.clerk, bodyId, draft)).id);
      return runLanes(c, count, async (index) => {
        const out: number[] = [];
        for (const [user, event] of lifecycle) out.push(await timed(() => events[via](users[user], bodyId, ids[index], event as never)));
        return out;
      });
    };
    const baseline = (c: number) =>
      runLanes(c, c * PAPERS_PER_LANE * lifecycle.length, async () => [
        await timed(async () => {
          const client = await baselinePool.connect();
          try {
            await client.query('BEGIN');
            await client.query(`INSERT INTO bench_baseline (payload) VALUES ($1)`, [JSON.stringify({ type: 'SIGN', at: new Date() })]);
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }),
      ]);

    // Rounds alternate baseline and lifecycles, so drift of the machine hits both alike.
    const rows: { c: number; lifecycle: RunStats; withView: RunStats; baseline: RunStats }[] = [];
    for (const c of LEVELS) {
      const runs = { lifecycle: [] as RunStats[], withView: [] as RunStats[], baseline: [] as RunStats[] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.baseline.push(await baseline(c));
        runs.lifecycle.push(await lifecycleOf('transition')(c));
        runs.withView.push(await lifecycleOf('send')(c));
      }
      rows.push({ c, lifecycle: merge(runs.lifecycle), withView: merge(runs.withView), baseline: merge(runs.baseline) });
    }

    console.log(`\nratsweg bench:transitions — ${ROUNDS} rounds × ${PAPERS_PER_LANE} papers per lane, ${lifecycle.length} transitions per paper, pool ${POOL_SIZE}`);
    console.log(`PostgreSQL: ${(await dataSource.query('SHOW server_version'))[0].server_version}, node ${process.version}\n`);
    const cpu = (r: RunStats) => `${r.cpuPerOp.toFixed(3).padStart(6)}/${r.serverCpuPerOp.toFixed(3).padEnd(6)}`;
    console.log('conc |  transitions/s    p50 ms    p99 ms  cpu node/pg ms/op |  baseline tx/s    p50 ms    p99 ms  cpu node/pg ms/op |  ratio');
    for (const r of rows) {
      console.log(
        `${String(r.c).padStart(4)} | ${fmt(r.lifecycle.perSecond)} ${fmt(r.lifecycle.p50, 2)} ${fmt(r.lifecycle.p99, 2)}      ${cpu(r.lifecycle)} |` +
          ` ${fmt(r.baseline.perSecond)} ${fmt(r.baseline.p50, 2)} ${fmt(r.baseline.p99, 2)}      ${cpu(r.baseline)} |` +
          ` ${fmt(r.lifecycle.perSecond / r.baseline.perSecond, 2)}`,
      );
    }
    console.log('(cpu ms/op: this Node process / the local PostgreSQL server, which runs on the same 2 cores)');
    console.log('\nthe same lifecycles through send(), which also reads the paper back for the HTTP answer:');
    console.log('conc |  transitions/s    p50 ms    p99 ms  cpu node/pg ms/op |  ratio to baseline');
    for (const r of rows) {
      console.log(
        `${String(r.c).padStart(4)} | ${fmt(r.withView.perSecond)} ${fmt(r.withView.p50, 2)} ${fmt(r.withView.p99, 2)}      ${cpu(r.withView)} |` +
          ` ${fmt(r.withView.perSecond / r.baseline.perSecond, 2)}`,
      );
    }
    const at8 = rows.find((r) => r.c === 8);
    if (at8) {
      const ratio = at8.lifecycle.perSecond / at8.baseline.perSecond;
      console.log(
        `\ntarget at concurrency 8: ≥ 50% of baseline (${(ratio * 100).toFixed(0)}%: ${ratio >= 0.5 ? 'met' : 'NOT met'}), ` +
          `p99 < 50 ms (${at8.lifecycle.p99.toFixed(1)} ms: ${at8.lifecycle.p99 < 50 ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    await baselinePool.end();
    await app.close();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
