import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DeadlinesService } from '../../src/modules/deadlines/deadlines.service';
import { UsersService } from '../../src/modules/identity/users.service';
import { completePaper, createPaper, kreisOrganizations, sendEvent, type KreisOrganizations } from '../factories/paper.factory';
import { deadlineJobsScheduled, until } from '../setup/eventually';
import { SmtpTestServer } from '../setup/smtp-test-server';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';
import { isolatedDatabase } from '../setup/test-environment';

const MAIL = (local: string) => `${local}@kreis-recklinghausen.example`;

/** The samples of a Prometheus text exposition, keyed by `name{labels}` as written. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/**
 * `GET /metrics` as an operator's Prometheus scrapes it: operators only, and the
 * counters move with what the service does — a committed and a refused transition, the
 * outbox relaying its rows, the mail it sends (and one the mail server turns away), a
 * deadline fired late — next to the gauges computed on scrape (outbox backlog, queue
 * depths, the database pool). On Redis, on a database of its own (its relay must not
 * deliver other suites' rows), with a real SMTP server.
 */
describe('metrics (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let deadlines: DeadlinesService;
  let orgs: KreisOrganizations;
  let drop: () => Promise<void>;
  const smtp = new SmtpTestServer();
  const tokens: Record<string, string> = {};
  // Monday 6 September 2027, 09:00 in Recklinghausen.
  const clock = new TestClock('2027-09-06T09:00:00+02:00');

  beforeAll(async () => {
    const port = await smtp.start();
    const isolated = await isolatedDatabase('metrics');
    drop = isolated.drop;
    app = await createTestApp(
      'redis',
      { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, smtpUrl: `smtp://127.0.0.1:${port}` },
      { clock },
    );
    db = app.get(DataSource);
    deadlines = app.get(DeadlinesService);
    const [kreis]: { id: string }[] = await db.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
    await app.get(UsersService).ensureUser({ username: 'gkd-betrieb', password: 'gkd-betrieb-pw', displayName: 'GKD Betrieb', bodyId: kreis.id, roles: ['operator'] });
    for (const user of ['clerk', 'fbl', 'admin']) tokens[user] = await tokenFor(app, user);
    tokens.operator = await tokenFor(app, 'gkd-betrieb', 'gkd-betrieb-pw');
    orgs = await kreisOrganizations(app, tokens.clerk);
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
    await drop?.();
  });

  const scrape = async () => {
    const res = await request(app.getHttpServer()).get('/metrics').set('Authorization', `Bearer ${tokens.operator}`).expect(200);
    return parse(res.text);
  };

  it('answers operators only: 401 without a token, 403 for a clerk and for a body admin', async () => {
    const http = request(app.getHttpServer());
    await http.get('/metrics').expect(401);
    await http.get('/metrics').set('Authorization', `Bearer ${tokens.clerk}`).expect(403);
    await http.get('/metrics').set('Authorization', `Bearer ${tokens.admin}`).expect(403);
    // A body admin still passes the other roles' checks.
    await http.get('/reports/implementation').set('Authorization', `Bearer ${tokens.admin}`).expect(200);
    const res = await http.get('/metrics').set('Authorization', `Bearer ${tokens.operator}`).expect(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.text).toContain('# HELP ratsweg_transitions_total ');
    expect(res.text).toContain('# TYPE ratsweg_deadline_lag_seconds histogram');
  });

  it('counts transitions, refusals, relayed rows, mail and deadline lag, and reads backlog, queues and pool on scrape', async () => {
    const before = await scrape();
    const at = (m: Map<string, number>, key: string) => m.get(key) ?? 0;

    const { id } = await createPaper(app, tokens.clerk, completePaper(orgs, { title: 'Metrikvorlage' }));
    await sendEvent(app, tokens.clerk, id, { type: 'SUBMIT' }).expect(200);
    await sendEvent(app, tokens.clerk, id, { type: 'SUBMIT' }).expect(409);
    await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('fbl') && m.subject === 'Mitzeichnung erbeten: Metrikvorlage'));

    const after = await until(async () => {
      const m = await scrape();
      // The mail sent, and both outbox jobs of SUBMIT (mail, deadlines) done.
      const settled =
        at(m, 'ratsweg_mail_sent_total{kind="signOffRequested"}') > at(before, 'ratsweg_mail_sent_total{kind="signOffRequested"}') &&
        at(m, 'ratsweg_queue_jobs{queue="outbox",state="completed"}') >= 2 &&
        at(m, 'ratsweg_outbox_pending') === 0;
      return settled && m;
    }, 'the sent mail counted and the outbox jobs done');
    const delta = (key: string) => at(after, key) - at(before, key);
    expect(delta('ratsweg_transitions_total{machine="paper",outcome="committed"}')).toBe(1);
    expect(delta('ratsweg_transitions_total{machine="paper",outcome="refused"}')).toBe(1);
    expect(delta('ratsweg_refused_events_total{machine="paper",event="SUBMIT"}')).toBe(1);
    expect(delta('ratsweg_transition_duration_seconds_count{machine="paper"}')).toBe(1);
    expect(delta('ratsweg_mail_sent_total{kind="signOffRequested"}')).toBe(1);
    // SUBMIT's outbox rows: the mail and the sign-off deadlines.
    expect(delta('ratsweg_outbox_relayed_total')).toBeGreaterThanOrEqual(2);
    expect(delta('ratsweg_http_responses_total{code="409"}')).toBe(1);
    expect(after.get('ratsweg_outbox_pending')).toBe(0);
    expect(after.get('ratsweg_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(after.get('ratsweg_queue_jobs{queue="outbox",state="completed"}')).toBeGreaterThanOrEqual(2);
    expect(after.has('ratsweg_queue_jobs{queue="deadlines",state="delayed"}')).toBe(true);
    expect(after.get('ratsweg_db_pool_max_connections')).toBe(20);
    expect(after.get('ratsweg_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(after.get('ratsweg_db_pool_waiting_clients')).toBeGreaterThanOrEqual(0);
    expect(after.has('ratsweg_process_cpu_seconds_total')).toBe(true);

    // The reminder (due Wednesday 09:00) fires ten minutes late, and the mail server turns its first mail away.
    await deadlineJobsScheduled(db, deadlines, id);
    smtp.refuse = (rcpt) => rcpt === MAIL('fbl');
    clock.set('2027-09-08T09:10:00+02:00');
    expect((await deadlines.reconcile()).promoted).toBeGreaterThanOrEqual(1);
    const failed = await until(async () => {
      const m = await scrape();
      return at(m, 'ratsweg_mail_failed_total{kind="signOffWaiting",final="false"}') >= 1 && m;
    }, 'the refused mail counted');
    expect(at(failed, 'ratsweg_deadline_lag_seconds_count') - at(before, 'ratsweg_deadline_lag_seconds_count')).toBe(1);
    const lag = at(failed, 'ratsweg_deadline_lag_seconds_sum') - at(before, 'ratsweg_deadline_lag_seconds_sum');
    expect(lag).toBeGreaterThanOrEqual(600);
    expect(lag).toBeLessThan(610);
    expect(at(failed, 'ratsweg_deadline_lag_seconds_bucket{le="300"}')).toBe(at(before, 'ratsweg_deadline_lag_seconds_bucket{le="300"}'));

    // The retry goes through.
    smtp.refuse = () => false;
    await until(async () => at(await scrape(), 'ratsweg_mail_sent_total{kind="signOffWaiting"}') === 1, 'the retried mail counted');
  });
});
