import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { SmtpTestServer } from '../setup/smtp-test-server';
import { isolatedDatabase, TEST_REDIS_URL } from '../setup/test-environment';

/**
 * A worker killed in the middle of sending: the built app runs as a child process on
 * Redis and a real SMTP server; while one invitation is on the wire (the server holds
 * it unanswered) the process is killed with SIGKILL. A second process takes over:
 * BullMQ finds the job stalled once its lock expires, runs it again, and every seat
 * still gets exactly one invitation. (A crash in the instant between the server's
 * acceptance and the log's `sent` would send that one mail again, with the same
 * Message-ID: delivery is at least once, deduplicated by the log everywhere else.)
 */
const MAIN = path.resolve(__dirname, '../../dist/src/main.js');
const MAIL = (local: string) => `${local}@kreis-recklinghausen.example`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('a worker killed mid-job (e2e)', () => {
  const smtp = new SmtpTestServer();
  const children: ChildProcess[] = [];
  let drop: () => Promise<void>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const smtpPort = await smtp.start();
    const isolated = await isolatedDatabase('crash');
    drop = isolated.drop;
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|SMTP_URL|PORT|CLOCK_START|RATSWEG_)/.test(k)));
    env = {
      ...base,
      NODE_ENV: 'development',
      DATABASE_URL: isolated.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: isolated.queuePrefix,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      JWT_SECRET: 'worker-crash-test-secret-0123456789-abcdefgh',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await smtp.stop();
    await drop?.();
  });

  async function startApp(): Promise<{ child: ChildProcess; url: string }> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const url = `http://127.0.0.1:${port}`;
    for (const end = Date.now() + 30_000; ; ) {
      if (child.exitCode !== null) throw new Error(`app exited: ${stderr}`);
      if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { child, url };
      if (Date.now() > end) throw new Error(`app not healthy: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('sends every invitation exactly once after the sending process was killed', async () => {
    const first = await startApp();
    const json = { 'content-type': 'application/json' };
    const login = (await (await fetch(`${first.url}/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'sitzungsdienst', password: 'sitzungsdienst' }) })).json()) as { accessToken: string };
    const auth = { ...json, authorization: `Bearer ${login.accessToken}` };
    const orgs = (await (await fetch(`${first.url}/organizations`, { headers: auth })).json()) as { id: string; kind: string }[];
    const committee = orgs.find((o) => o.kind === 'committee')!.id;
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const meeting = (await (await fetch(`${first.url}/meetings`, { method: 'POST', headers: auth, body: JSON.stringify({ organizationId: committee, start }) })).json()) as { id: string };

    smtp.hold = (rcpt) => rcpt === MAIL('awd-mitglied-09');
    const invited = await fetch(`${first.url}/meetings/${meeting.id}/events`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'INVITE' }) });
    expect(invited.status).toBe(200);
    // Member 09's invitation is on the wire, unanswered, and the other 17 went out and were
    // logged as sent: kill the process in the middle of that one job.
    const others = () => smtp.received.filter((m) => m.subject.startsWith('Einladung: Sitzung')).length;
    for (const end = Date.now() + 15_000; !smtp.held.includes(MAIL('awd-mitglied-09')) || others() < 17; ) {
      if (Date.now() > end) throw new Error('the held invitation never arrived');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    smtp.hold = () => false;

    await startApp();
    const seats = [
      ...Array.from({ length: 15 }, (_, i) => MAIL(`awd-mitglied-${String(i + 1).padStart(2, '0')}`)),
      ...Array.from({ length: 3 }, (_, i) => MAIL(`awd-vertretung-${String(i + 1).padStart(2, '0')}`)),
    ];
    const invitations = () => smtp.received.filter((m) => m.subject.startsWith('Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales'));
    // BullMQ declares the killed worker's job stalled when its lock (30 s) has expired, then runs it again.
    await smtp.waitFor(() => new Set(invitations().map((m) => m.to)).size === seats.length, 120_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(invitations().map((m) => m.to).sort()).toEqual([...seats].sort());
    expect(smtp.held).toEqual([MAIL('awd-mitglied-09')]);
  }, 180_000);
});
