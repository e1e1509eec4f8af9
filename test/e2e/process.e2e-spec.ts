import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm start` as a user meets it: the built app (npm test builds it first) with
 * no configuration starts the embedded PostgreSQL, migrates, seeds, serves, stops
 * cleanly on Ctrl-C, and a second start reuses the data. Bad configuration stops
 * start-up with one line naming the variable.
 */
const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|REDIS_URL|JWT_SECRET|SEED_DEMO|CLOCK_START|PORT|DATA_DIR|SMTP_URL|RATSWEG_)/.test(key)) delete env[key];
  }
  return { ...env, NODE_ENV: 'development', ...extra };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForHealth(port: number, started: Started, timeoutMs = 30_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (started.child.exitCode !== null) throw new Error(`app exited early: ${started.stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return Date.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no healthy answer within ${timeoutMs} ms: ${started.stderr()}`);
}

async function login(port: number, username: string, password: string) {
  const res = await fetch(`http://127.0.0.1:${port}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as { accessToken: string } };
}

function seededCounts(stdout: string) {
  const line = stdout.split('\n').find((l) => l.includes('demo data ensured'));
  return line ? (JSON.parse(line).created as Record<string, number>) : undefined;
}

describe('the service process (e2e)', () => {
  let dataDir: string;
  beforeAll(async () => {
    await fs.access(MAIN).catch(() => {
      throw new Error(`${MAIN} is missing: npm test builds it first (npm run build)`);
    });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsweg-process-'));
    await fs.chmod(dataDir, 0o755);
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('starts embedded, serves the demo, stops on SIGINT, and a second start seeds nothing twice', async () => {
    const port = await freePort();
    const env = cleanEnv({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });

    const first = start(env);
    try {
      const readyMs = await waitForHealth(port, first);
      expect(readyMs).toBeLessThan(30_000);
      const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
      expect(health).toEqual({ status: 'ok', database: 'up', queue: 'up' });
      const clerk = await login(port, 'clerk', 'clerk');
      expect(clerk.status).toBe(200);
      const orgs = (await (
        await fetch(`http://127.0.0.1:${port}/organizations`, { headers: { authorization: `Bearer ${clerk.body.accessToken}` } })
      ).json()) as { name: string }[];
      expect(orgs.map((o) => o.name)).toEqual(['Ausschuss für Wirtschaftspolitik und Digitales', 'Kreisausschuss', 'Kreistag']);
      expect(seededCounts(first.stdout())).toEqual({ bodies: 2, organizations: 4, persons: 71, memberships: 68, users: 9, papers: 1 });
      const firstToken = clerk.body.accessToken;

      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      await expect(fs.access(path.join(dataDir, 'pg', 'postmaster.pid'))).rejects.toThrow();

      const second = start(env);
      try {
        await waitForHealth(port, second);
        expect(seededCounts(second.stdout())).toEqual({ bodies: 0, organizations: 0, persons: 0, memberships: 0, users: 0, papers: 0 });
        // The JWT secret kept in the data folder survives the restart.
        const me = await fetch(`http://127.0.0.1:${port}/auth/me`, { headers: { authorization: `Bearer ${firstToken}` } });
        expect(me.status).toBe(200);
      } finally {
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      }
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
    }
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'postgres://localhost:1/x' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/x' }],
    ['REDIS_URL', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', REDIS_URL: 'redis://127.0.0.1:1' }],
    ['PORT', { PORT: 'eighty' }],
  ])('exits non-zero with one line naming %s', async (variable, extra) => {
    const run = start(cleanEnv({ DATA_DIR: dataDir, ...extra }));
    expect(await run.exited).not.toBe(0);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${variable}: `));
  });
});
