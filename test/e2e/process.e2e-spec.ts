import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

function start(env: NodeJS.ProcessEnv, main = MAIN, cwd?: string): Started {
  const child = spawn(process.execPath, [main], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForHealth(port: number, started: Started, timeoutMs = 60_000): Promise<number> {
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

/** Hard links, not copies: node_modules is 30,000 files; the repository's tmp/ is on its file system. */
async function copyLinked(from: string, to: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    execFile('cp', ['-al', from, to], (error) => (error ? reject(error) : resolve())),
  );
}

/** Running, that is: neither gone nor a zombie waiting for its parent to reap it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The postmaster exits just after it removes its pid file, so give it a moment. */
async function stopsWithin(pid: number, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (isAlive(pid)) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe('the service process (e2e)', () => {
  let dataDir: string;
  beforeAll(async () => {
    await fs.access(MAIN).catch(() => {
      throw new Error(`${MAIN} is missing: npm test builds it first (npm run build)`);
    });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsweg-process-'));
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
      expect(orgs.map((o) => o.name)).toEqual([
        'Ausschuss für Wirtschaftspolitik und Digitales',
        'Kreisausschuss',
        'Kreistag',
        'Kreistagsfraktion A',
        'Kreistagsfraktion B',
        'Kreistagsfraktion C',
        'Kreistagsgruppe D',
      ]);
      expect(seededCounts(first.stdout())).toEqual({ bodies: 2, organizations: 8, persons: 71, memberships: 93, users: 9, papers: 1 });
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

  it('starts from a clone inside a folder only its owner may enter, keeps the data there, and stops the cluster on SIGINT', async () => {
    // A fresh clone under a 0700 parent (a root user's home, a mktemp folder): the
    // built app and its node_modules hard-linked into it, started with no
    // configuration from its own folder, as `npm start` does.
    const repo = path.resolve(__dirname, '../..');
    await fs.mkdir(path.join(repo, 'tmp'), { recursive: true });
    const parent = await fs.mkdtemp(path.join(repo, 'tmp', 'private-'));
    await fs.chmod(parent, 0o700);
    const clone = path.join(parent, 'ratsweg');
    await fs.mkdir(clone);
    try {
      await copyLinked(path.join(repo, 'dist'), path.join(clone, 'dist'));
      await copyLinked(path.join(repo, 'node_modules'), path.join(clone, 'node_modules'));
      await fs.copyFile(path.join(repo, 'package.json'), path.join(clone, 'package.json'));
      expect((await fs.stat(parent)).mode & 0o777).toBe(0o700);

      const port = await freePort();
      const env = cleanEnv({ PORT: String(port), LOG_LEVEL: 'info' });
      const app = start(env, path.join(clone, 'dist/src/main.js'), clone);
      let serverPid: number | undefined;
      try {
        expect(await waitForHealth(port, app)).toBeLessThan(60_000);
        const cluster = path.join(clone, '.data', 'pg');
        const clusterStat = await fs.stat(path.join(cluster, 'PG_VERSION'));
        // The data stays under DATA_DIR, owned by whoever started the app: no folder
        // was handed to another user or opened up.
        expect(clusterStat.uid).toBe(process.getuid!());
        expect((await fs.stat(parent)).mode & 0o777).toBe(0o700);
        serverPid = Number((await fs.readFile(path.join(cluster, 'postmaster.pid'), 'utf8')).split('\n')[0]);
        expect(isAlive(serverPid)).toBe(true);

        app.child.kill('SIGINT');
        expect(await app.exited).toBe(0);
        await expect(fs.access(path.join(cluster, 'postmaster.pid'))).rejects.toThrow();
        expect(await stopsWithin(serverPid, 5_000)).toBe(true);
      } finally {
        if (app.child.exitCode === null) app.child.kill('SIGKILL');
        if (serverPid && isAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
      }
    } finally {
      await fs.rm(parent, { recursive: true, force: true });
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
