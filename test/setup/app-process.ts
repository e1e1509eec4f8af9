import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The built app (npm test builds it first). */
export const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment without anything of the test process that would configure the app. */
export function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|SMTP_URL|PORT|CLOCK_START|DATA_DIR|JWT_SECRET|SEED_DEMO|RATSWEG_)/.test(k)),
  );
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  /** The app's log (JSON lines). */
  stdout: () => string;
  exited: Promise<number | null>;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts the built app as a child process on a free port and waits for /health to
 * answer 200; `track` collects it so that afterAll can kill what is left.
 */
export async function startAppProcess(env: NodeJS.ProcessEnv, track: ChildProcess[], timeoutMs = 45_000): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  track.push(child);
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const started: AppProcess = {
    child,
    url,
    stderr: () => stderr,
    stdout: () => stdout,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  for (const end = Date.now() + timeoutMs; ; ) {
    if (child.exitCode !== null) throw new Error(`app exited: ${stderr}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return started;
    if (Date.now() > end) {
      await started.kill();
      throw new Error(`app not healthy within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Logs a demo user in (password = user name unless given) and returns request headers with its token. */
export async function loginHeaders(url: string, username: string, password = username): Promise<Record<string, string>> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
}
