import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgres } from '../../src/infrastructure/database/embedded-postgres';
import { completePaper, type KreisOrganizations } from '../factories/paper.factory';
import { baseEnv, loginHeaders, startAppProcess, type AppProcess } from '../setup/app-process';
import { TcpProxy } from '../setup/tcp-proxy';
import { TEST_REDIS_URL, testRun } from '../setup/test-environment';

type Phase = 'before' | 'outage' | 'after';
interface Answer {
  phase: Phase;
  what: 'create' | 'SUBMIT' | 'list';
  status: number;
  paperId?: string;
  version?: number;
}

const CLIENTS = 6;

/**
 * PostgreSQL stopped and started again while clients keep sending requests. The
 * database is a throwaway cluster of the embedded binaries that this test owns (under
 * `<repo>/tmp/`), reached through a TCP forwarder so that the restarted server (on a
 * new port) is at the same address (test/e2e/database-outage.e2e-spec.ts checks the
 * answers of single requests; this one the load across the outage); the queues are on Redis, so only the database goes
 * away. During the outage every answer is 503 (never a 500: the client is not at
 * fault and should retry); after the restart requests succeed again without
 * restarting the app, and nothing answered with success is lost.
 */
describe('PostgreSQL stopped and restarted under load (e2e)', () => {
  const children: ChildProcess[] = [];
  let dataDir: string;
  let pg: EmbeddedPostgres;
  let proxy: TcpProxy;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // The server runs as another user when we are root: its folders must be reachable (0755).
    const tmp = path.resolve(__dirname, '../../tmp');
    await fs.mkdir(tmp, { recursive: true, mode: 0o755 });
    dataDir = await fs.mkdtemp(path.join(tmp, 'pg-restart-'));
    await fs.chmod(dataDir, 0o755);
    pg = new EmbeddedPostgres({ dataDir, database: 'ratsweg' });
    const url = new URL(await pg.start());
    proxy = new TcpProxy();
    proxy.target = Number(url.port);
    url.port = String(await proxy.listen());
    env = {
      ...baseEnv(),
      NODE_ENV: 'development',
      DATABASE_URL: url.toString(),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `${testRun().queuePrefix}-pgrestart`,
      JWT_SECRET: 'postgres-restart-test-secret-0123456789-abcdef',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'error',
      DATA_DIR: dataDir,
    };
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await proxy?.close();
    // start() adopts a server still running (after a failed test), so stop() always finds it.
    await pg?.start().then(() => pg.stop()).catch(() => undefined);
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers 503 while the database is down and serves again after it is back, without a restart', async () => {
    const app: AppProcess = await startAppProcess(env, children);
    const clerk = await loginHeaders(app.url, 'clerk');
    const orgList = (await (await fetch(`${app.url}/organizations`, { headers: clerk })).json()) as { id: string; kind: string }[];
    const byKind = (kind: string) => orgList.find((o) => o.kind === kind)!.id;
    const orgs: KreisOrganizations = { committee: byKind('committee'), districtCommittee: byKind('district_committee'), districtCouncil: byKind('district_council') };

    let phase: Phase = 'before';
    let stop = false;
    const answers: Answer[] = [];
    const send = async (what: Answer['what'], pathName: string, body?: unknown): Promise<Answer> => {
      const res = await fetch(`${app.url}${pathName}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: clerk,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
      const json = (await res.json().catch(() => ({}))) as { id?: string; version?: number };
      const answer: Answer = { phase, what, status: res.status, paperId: json.id, version: json.version };
      answers.push(answer);
      return answer;
    };
    const client = async (n: number) => {
      for (let round = 0; !stop; round++) {
        const created = await send('create', '/papers', completePaper(orgs, { title: `Neustart ${n}/${round}` }));
        if (created.status === 201) {
          const submitted = await send('SUBMIT', `/papers/${created.paperId}/events`, { type: 'SUBMIT' });
          if (submitted.status === 200) submitted.paperId = created.paperId;
        }
        await send('list', '/papers?limit=5');
        if (created.status !== 201) await new Promise((r) => setTimeout(r, 50));
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

    await wait(2_000);
    phase = 'outage';
    await pg.stop();
    await wait(3_000);
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ database: 'down' });

    phase = 'after';
    proxy.target = Number(new URL(await pg.start()).port);
    const back = Date.now();
    // Back within a few seconds: the pool drops the dead connections and opens new ones.
    for (;;) {
      const done = answers.filter((a) => a.phase === 'after');
      if (done.some((a) => a.status < 300)) break;
      if (Date.now() - back > 15_000) throw new Error(`no success within 15 s after the restart: ${JSON.stringify(done.slice(-5))}`);
      await wait(100);
    }
    const recoveredAfterMs = Date.now() - back;
    await wait(2_000);
    const steady = answers.length;
    await wait(1_500);
    stop = true;
    await Promise.all(clients);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    // The same process served throughout.
    expect(app.child.exitCode).toBeNull();

    const count = (p: Phase, ok: boolean) => answers.filter((a) => a.phase === p && (a.status < 300) === ok).length;
    console.log(
      `before: ${count('before', true)} ok, ${count('before', false)} failed; outage: ${count('outage', true)} ok, ` +
        `statuses ${[...new Set(answers.filter((a) => a.phase === 'outage').map((a) => a.status))].join(',')}; ` +
        `after: first success ${recoveredAfterMs} ms after the restart, ${count('after', true)} ok, ${count('after', false)} failed`,
    );
    expect(count('before', true)).toBeGreaterThan(0);
    expect(answers.filter((a) => a.phase === 'before' && a.status >= 300)).toEqual([]);
    // Once recovered, everything succeeds again.
    expect(answers.slice(steady).filter((a) => a.status >= 300)).toEqual([]);
    expect(answers.slice(steady).length).toBeGreaterThan(0);

    // Nothing answered with success is lost.
    for (const a of answers.filter((x) => x.status < 300 && x.paperId)) {
      const paper = (await (await fetch(`${app.url}/papers/${a.paperId}`, { headers: clerk })).json()) as { version: number };
      expect([a.paperId, paper.version >= (a.version ?? 0)]).toEqual([a.paperId, true]);
    }

    // While the database was down, every answer said "try again later" (503), never a 500.
    // A 500 is logged as an unhandled error: show what it was.
    const faults = app.stdout().split('\n').filter((l) => l.includes('"msg":"unhandled error"')).map((l) => JSON.parse(l) as { path: string; err: { stack: string } });
    if (faults.length) console.log(faults.slice(0, 3).map((f) => `${f.path}: ${f.err.stack}`).join('\n'));
    const outageStatuses = answers.filter((a) => a.status >= 300 && a.phase !== 'before').map((a) => a.status);
    expect(outageStatuses.length).toBeGreaterThan(0);
    expect([...new Set(outageStatuses)]).toEqual([503]);
  }, 120_000);
});
