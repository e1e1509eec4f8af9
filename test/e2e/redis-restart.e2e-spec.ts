import { ChildProcess, spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { completePaper, type KreisOrganizations } from '../factories/paper.factory';
import { until } from '../setup/eventually';
import { baseEnv, freePort, loginHeaders, startAppProcess } from '../setup/app-process';
import { SmtpTestServer } from '../setup/smtp-test-server';
import { isolatedDatabase } from '../setup/test-environment';

const MAIL = (local: string) => `${local}@kreis-recklinghausen.example`;
/** How long after the app's start its clock reaches 08:00 on Monday 13.09.2027, when the invitation reminder is due. */
const DUE_AFTER_START_MS = 35_000;
const DUE = new Date('2027-09-13T08:00:00+02:00');

/**
 * Redis restarted empty (SIGKILL, no persistence) while deadlines are pending and a mail
 * is queued (the mail server turned it away once, so it waits in Redis for its retry).
 * The app runs on a Redis of this test's own, as a child process with its clock started
 * shortly before a reminder is due. After the restart the reconciler puts every pending
 * deadline's job back, the reminder fires when due, and the queued mail still goes out:
 * each mail exactly once.
 */
describe('Redis restarted empty under pending deadlines and queued mail (e2e)', () => {
  const children: ChildProcess[] = [];
  const smtp = new SmtpTestServer();
  let redis: ChildProcess | undefined;
  let redisPort: number;
  let smtpPort: number;
  let drop: () => Promise<void>;
  let databaseUrl: string;
  let queuePrefix: string;

  async function startRedis(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(child);
    redis = child;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', () => reject(new Error(`redis-server exited: ${out}`)));
    });
  }

  async function killRedis(): Promise<void> {
    const child = redis!;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  beforeAll(async () => {
    redisPort = await freePort();
    await startRedis();
    smtpPort = await smtp.start();
    const isolated = await isolatedDatabase('redis_restart');
    drop = isolated.drop;
    databaseUrl = isolated.databaseUrl;
    queuePrefix = isolated.queuePrefix;
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await smtp.stop();
    await drop?.();
  });

  it('restores every pending deadline and sends every mail exactly once', async () => {
    const clockStart = new Date(DUE.getTime() - DUE_AFTER_START_MS);
    const app = await startAppProcess(
      {
        ...baseEnv(),
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        QUEUE_PREFIX: queuePrefix,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        CLOCK_START: clockStart.toISOString(),
        JWT_SECRET: 'redis-restart-test-secret-0123456789-abcdefgh',
        SEED_DEMO: 'true',
        LOG_LEVEL: 'warn',
        DATA_DIR: '/tmp/ratsweg-redis-restart',
      },
      children,
    );
    const clerk = await loginHeaders(app.url, 'clerk');
    const office = await loginHeaders(app.url, 'sitzungsdienst');
    const orgList = (await (await fetch(`${app.url}/organizations`, { headers: clerk })).json()) as { id: string; kind: string }[];
    const byKind = (kind: string) => orgList.find((o) => o.kind === kind)!.id;
    const orgs: KreisOrganizations = { committee: byKind('committee'), districtCommittee: byKind('district_committee'), districtCouncil: byKind('district_council') };

    // The sign-off request to the department head is turned away once: it waits in Redis for its retry.
    smtp.refuse = (rcpt) => rcpt === MAIL('fbl');
    const paper = (await (await fetch(`${app.url}/papers`, { method: 'POST', headers: clerk, body: JSON.stringify(completePaper(orgs, { title: 'Redis-Neustart' })) })).json()) as { id: string };
    const submitted = await fetch(`${app.url}/papers/${paper.id}/events`, { method: 'POST', headers: clerk, body: JSON.stringify({ type: 'SUBMIT' }) });
    expect(submitted.status).toBe(200);
    const submittedAt = Date.now();
    // A session on Tuesday 21.09.2027: the last day to invite is Monday 13.09., reminded at 08:00.
    const meeting = await fetch(`${app.url}/meetings`, { method: 'POST', headers: office, body: JSON.stringify({ organizationId: orgs.committee, start: '2027-09-21T17:00:00+02:00' }) });
    expect(meeting.status).toBe(201);
    const meetingId = ((await meeting.json()) as { id: string }).id;

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const queue = new Queue('deadlines', { connection: { host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: null }, prefix: queuePrefix });
    try {
      const pending = async () =>
        (await db.query<{ id: string; kind: string }>(`SELECT id, kind FROM deadline WHERE status = 'pending' ORDER BY kind`)).rows;
      // Both sign-off deadlines and the invitation reminder are pending, each with its delayed job.
      const before = await until(async () => {
        const rows = await pending();
        const jobs = await Promise.all(rows.map((r) => queue.getJob(r.id)));
        return rows.length === 3 && jobs.every(Boolean) && rows;
      }, 'the pending deadlines and their jobs');
      expect(before.map((r) => r.kind)).toEqual(['invitationDue', 'signOffEscalation', 'signOffReminder']);
      // When the app's clock reaches 08:00 in real time: the reminder is due two working days (Monday to Wednesday) after SUBMIT, at its time of day.
      const [{ due_at: reminderDue }] = (await db.query(`SELECT due_at FROM deadline WHERE kind = 'signOffReminder'`)).rows;
      const dueInRealTime = submittedAt + (DUE.getTime() - (new Date(reminderDue).getTime() - 2 * 86_400_000));
      await until(async () => (await db.query(`SELECT 1 FROM notification WHERE kind = 'signOffRequested' AND attempts >= 1`)).rowCount, 'the refused first attempt');
      expect(smtp.received).toEqual([]);

      await killRedis();
      await startRedis();
      smtp.refuse = () => false;

      // The reconciler puts the pending deadlines' jobs back into the empty Redis.
      await until(async () => {
        const jobs = await Promise.all(before.map((r) => queue.getJob(r.id)));
        return jobs.every(Boolean);
      }, 'the deadline jobs restored', 20_000);
      expect(Date.now()).toBeLessThan(dueInRealTime);
      // The queued mail, whose job the restart took away, goes out after all.
      await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('fbl') && m.subject === 'Mitzeichnung erbeten: Redis-Neustart'), 20_000);
      await smtp.waitFor(
        (mails) => mails.some((m) => m.to === MAIL('sitzungsdienst') && m.subject.startsWith('Erinnerung: Ladungsfrist')),
        Math.max(0, dueInRealTime - Date.now()) + 15_000,
      );
      await new Promise((r) => setTimeout(r, 2_000));
      expect(smtp.received.map((m) => `${m.to}: ${m.subject}`).sort()).toEqual([
        `${MAIL('fbl')}: Mitzeichnung erbeten: Redis-Neustart`,
        `${MAIL('sitzungsdienst')}: Erinnerung: Ladungsfrist endet am Montag, 13.09.2027`,
      ]);
      const deadlines = (await db.query(`SELECT kind, status FROM deadline WHERE subject_id = $1`, [meetingId])).rows;
      expect(deadlines).toEqual(expect.arrayContaining([{ kind: 'invitationDue', status: 'fired' }]));
    } finally {
      await queue.close();
      await db.end();
    }
  }, 120_000);
});
