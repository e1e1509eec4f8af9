import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { QueueBackendKind } from '../../src/infrastructure/config/app-config';
import { DeadlinesService } from '../../src/modules/deadlines/deadlines.service';
import { completePaper, createPaper, kreisOrganizations, sendEvent, type KreisOrganizations } from '../factories/paper.factory';
import { SmtpTestServer } from '../setup/smtp-test-server';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';
import { deadlineJobsScheduled, until } from '../setup/eventually';
import { isolatedDatabase } from '../setup/test-environment';

const MAIL = (local: string) => `${local}@kreis-recklinghausen.example`;

/**
 * Deadlines, reminders and mail end to end, on both queue backends, against a real
 * SMTP server started here: what the sign-off and a meeting's invitation send, the
 * reminders fired when their deadlines come due, and that a refused recipient is
 * retried and still gets exactly one mail. Each backend runs on a database of its own,
 * so no other suite's relay delivers these mails.
 */
describe.each<QueueBackendKind>(['redis', 'postgres'])('reminders and mail on %s (e2e)', (backend) => {
  let app: INestApplication;
  let db: DataSource;
  let deadlines: DeadlinesService;
  let orgs: KreisOrganizations;
  let drop: () => Promise<void>;
  const smtp = new SmtpTestServer();
  const tokens: Record<string, string> = {};
  // Monday 6 September 2027, 09:00 in Recklinghausen: no public holiday in the weeks used here.
  const clock = new TestClock('2027-09-06T09:00:00+02:00');

  beforeAll(async () => {
    const port = await smtp.start();
    const isolated = await isolatedDatabase(`mail_${backend}`);
    drop = isolated.drop;
    app = await createTestApp(
      backend,
      { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, smtpUrl: `smtp://127.0.0.1:${port}` },
      { clock },
    );
    db = app.get(DataSource);
    deadlines = app.get(DeadlinesService);
    for (const user of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'admin']) tokens[user] = await tokenFor(app, user);
    orgs = await kreisOrganizations(app, tokens.clerk);
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
    await drop?.();
  });


  const jobsScheduled = (subjectId: string) => deadlineJobsScheduled(db, deadlines, subjectId);

  const deadlinesOf = (subjectId: string) =>
    db.query(`SELECT kind, status, due_at, outcome, payload FROM deadline WHERE subject_id = $1 ORDER BY due_at, kind`, [subjectId]) as Promise<
      { kind: string; status: string; due_at: Date; outcome: string | null; payload: Record<string, string> }[]
    >;

  it('reminds of the seed’s committee session of 31.08.2021: documents of 2021/119 still in draft, and the last day to invite', async () => {
    clock.set('2021-08-16T09:00:00+02:00');
    const meeting = (
      await request(app.getHttpServer())
        .post('/meetings')
        .set('Authorization', `Bearer ${tokens.sitzungsdienst}`)
        .send({ organizationId: orgs.committee, start: '2021-08-31T17:00:00+02:00', location: 'Kreishaus Recklinghausen' })
        .expect(201)
    ).body;
    const planned = await until(async () => {
      const rows = await deadlinesOf(meeting.id);
      return rows.length === 2 && rows;
    }, 'the meeting deadlines');
    expect(planned.map((d) => [d.kind, new Date(d.due_at).toISOString()])).toEqual([
      ['documentsDue', '2021-08-19T06:00:00.000Z'],
      ['invitationDue', '2021-08-23T06:00:00.000Z'],
    ]);
    await jobsScheduled(meeting.id);

    // Thursday 19.08.: the seeded Vorlage, planned for this session, is still a draft: its author is reminded.
    clock.set('2021-08-19T08:30:00+02:00');
    await deadlines.reconcile();
    await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('clerk') && m.subject.startsWith('Erinnerung: Unterlagen')));
    const documents = smtp.to(MAIL('clerk')).find((m) => m.subject.startsWith('Erinnerung: Unterlagen'))!;
    expect(documents.subject).toContain('Ausschuss für Wirtschaftspolitik und Digitales');
    expect(documents.text).toContain('Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen');
    expect(documents.text).toContain('Entwurf');

    // Monday 23.08., the last day to invite, and nobody has: the committee office is reminded.
    clock.set('2021-08-23T08:30:00+02:00');
    await deadlines.reconcile();
    await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('sitzungsdienst') && m.subject.startsWith('Erinnerung: Ladungsfrist')));
    const invitation = smtp.to(MAIL('sitzungsdienst')).find((m) => m.subject.startsWith('Erinnerung: Ladungsfrist'))!;
    expect(invitation.subject).toBe('Erinnerung: Ladungsfrist endet am Montag, 23.08.2021');
    expect((await deadlinesOf(meeting.id)).map((d) => [d.kind, d.status, d.outcome])).toEqual([
      ['documentsDue', 'fired', 'notified about 1 paper(s)'],
      ['invitationDue', 'fired', 'notified'],
    ]);
  });

  it('mails each signer in German, reminds after 2 working days and escalates to the superior after 5', async () => {
    clock.set('2027-09-06T09:00:00+02:00');
    const { id } = await createPaper(app, tokens.clerk, completePaper(orgs, { title: `Breitbandausbau ${backend}` }));
    await sendEvent(app, tokens.clerk, id, { type: 'SUBMIT' }).expect(200);

    await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('fbl') && m.subject.includes(`Breitbandausbau ${backend}`)));
    const request1 = smtp.to(MAIL('fbl')).find((m) => m.subject.includes(`Breitbandausbau ${backend}`))!;
    expect(request1.subject).toBe(`Mitzeichnung erbeten: Breitbandausbau ${backend}`);
    expect(request1.text).toContain('Guten Tag Fachbereichsleitung');
    expect(request1.html).toContain('lang="de"');

    // Wednesday 09:00 and the Monday after, 09:00 (Berlin = UTC+2 in September).
    const first = await until(async () => {
      const rows = await deadlinesOf(id);
      return rows.length === 2 && rows;
    }, 'the sign-off deadlines');
    expect(first.map((d) => [d.kind, d.status, new Date(d.due_at).toISOString(), d.payload.role])).toEqual([
      ['signOffReminder', 'pending', '2027-09-08T07:00:00.000Z', 'department_head'],
      ['signOffEscalation', 'pending', '2027-09-13T07:00:00.000Z', 'department_head'],
    ]);

    await jobsScheduled(id);
    // Wednesday 10:00: the reminder is overdue; the reconciler promotes its delayed job and it fires.
    clock.set('2027-09-08T10:00:00+02:00');
    expect((await deadlines.reconcile()).promoted).toBeGreaterThanOrEqual(1);
    await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('fbl') && m.subject.startsWith('Erinnerung')));
    const reminder = smtp.to(MAIL('fbl')).find((m) => m.subject.startsWith('Erinnerung'))!;
    expect(reminder.subject).toContain('wartet seit 2 Arbeitstagen auf Mitzeichnung');
    expect((await deadlinesOf(id))[0]).toMatchObject({ kind: 'signOffReminder', status: 'fired', outcome: 'notified' });

    // The department head signs: its escalation is settled, the Kreisdirektor's step starts waiting.
    await sendEvent(app, tokens.fbl, id, { type: 'SIGN' }).expect(200);
    const second = await until(async () => {
      const rows = await deadlinesOf(id);
      return rows.some((d) => d.kind === 'signOffEscalation' && d.payload.role === 'department_head' && d.status === 'cancelled') &&
        rows.filter((d) => d.payload.role === 'district_director').length === 2 && rows;
    }, 'the next signer’s deadlines');
    expect(second.filter((d) => d.payload.role === 'district_director').map((d) => [d.kind, new Date(d.due_at).toISOString()])).toEqual([
      ['signOffReminder', '2027-09-10T08:00:00.000Z'],
      ['signOffEscalation', '2027-09-15T08:00:00.000Z'],
    ]);

    await jobsScheduled(id);
    // A week later nobody has signed: the Kreisdirektor is reminded and the Landrat, his superior, is told.
    clock.set('2027-09-15T11:00:00+02:00');
    await deadlines.reconcile();
    // Two deadlines, two jobs: the reminder and the escalation arrive in either order.
    await smtp.waitFor(
      (mails) =>
        mails.some((m) => m.to === MAIL('landrat') && m.subject.startsWith('Eskalation')) &&
        mails.some((m) => m.to === MAIL('kd') && m.subject.startsWith('Erinnerung')),
    );
    expect(smtp.to(MAIL('kd')).filter((m) => m.subject.startsWith('Erinnerung'))).toHaveLength(1);
    const escalation = smtp.to(MAIL('landrat')).find((m) => m.subject.startsWith('Eskalation'))!;
    expect(escalation.subject).toContain('wartet seit 5 Arbeitstagen auf Mitzeichnung (Kreisdirektor)');
    // Each fired once, whatever the reconciler did.
    await deadlines.reconcile();
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(MAIL('landrat')).filter((m) => m.subject.startsWith('Eskalation'))).toHaveLength(1);
  });

  it('invites every seat once, even when the SMTP server turns one recipient away at first', async () => {
    clock.set('2027-10-04T09:00:00+02:00');
    const meeting = (
      await request(app.getHttpServer())
        .post('/meetings')
        .set('Authorization', `Bearer ${tokens.sitzungsdienst}`)
        .send({ organizationId: orgs.committee, start: '2027-10-26T17:00:00+01:00', location: 'Kreishaus' })
        .expect(201)
    ).body;
    // The reminder for the last day to invite: Monday 18 October, 08:00 (7 full days before the 26th).
    const due = await until(async () => (await deadlinesOf(meeting.id)).find((d) => d.kind === 'invitationDue'), 'the invitation deadline');
    expect(new Date(due.due_at).toISOString()).toBe('2027-10-18T06:00:00.000Z');

    let refusals = 0;
    smtp.refuse = (rcpt) => rcpt === MAIL('awd-mitglied-05') && refusals++ === 0;
    await request(app.getHttpServer())
      .post(`/meetings/${meeting.id}/events`)
      .set('Authorization', `Bearer ${tokens.sitzungsdienst}`)
      .send({ type: 'INVITE' })
      .expect(200);

    const seats = [
      ...Array.from({ length: 15 }, (_, i) => MAIL(`awd-mitglied-${String(i + 1).padStart(2, '0')}`)),
      ...Array.from({ length: 3 }, (_, i) => MAIL(`awd-vertretung-${String(i + 1).padStart(2, '0')}`)),
    ];
    const invitations = () => smtp.received.filter((m) => m.subject.startsWith('Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 26.10.2027'));
    await smtp.waitFor(() => new Set(invitations().map((m) => m.to)).size === seats.length, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(invitations().map((m) => m.to).sort()).toEqual([...seats].sort());
    expect(refusals).toBeGreaterThanOrEqual(2);
    expect(invitations()[0].text).toContain('Dienstag, 26. Oktober 2027');

    await until(async () => {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM notification n JOIN outbox_message o ON o.id = n.outbox_id WHERE o.subject_id = $1 AND n.status = 'sent'`,
        [meeting.id],
      );
      return n === 18;
    }, 'the invitations to be logged as sent');
    const log: { recipient_email: string; status: string; attempts: number }[] = await db.query(
      `SELECT n.recipient_email, n.status, n.attempts FROM notification n JOIN outbox_message o ON o.id = n.outbox_id
       WHERE o.subject_id = $1 AND n.kind = 'meetingInvitation'`,
      [meeting.id],
    );
    expect(log).toHaveLength(18);
    expect(log.every((n) => n.status === 'sent')).toBe(true);
    expect(log.find((n) => n.recipient_email === MAIL('awd-mitglied-05'))!.attempts).toBe(2);
    expect(log.filter((n) => n.attempts === 1)).toHaveLength(17);
    // The invitation settled its deadline.
    await until(async () => (await deadlinesOf(meeting.id)).every((d) => d.status === 'cancelled'), 'the settled invitation deadlines');
    smtp.refuse = () => false;
  });

  it('gives every job its deadline’s due time, however long adding the jobs takes', async () => {
    // A clock that runs in real time from a start of its own (as CLOCK_START makes it), and a
    // queue that takes 300 ms for each batch of 1,000 jobs: a delay computed once for all
    // batches fired the later ones that much too late (bench:deadlines: 3.5 s at 100,000).
    const offset = new Date('2027-12-01T09:00:00+01:00').getTime() - Date.now();
    const now = jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + offset));
    const queue = (deadlines as unknown as { queue: Queue }).queue;
    const addBulk = queue.addBulk.bind(queue);
    const slow = jest.spyOn(queue, 'addBulk').mockImplementation(async (jobs) => {
      await new Promise((r) => setTimeout(r, 300));
      return addBulk(jobs);
    });
    try {
      const [{ id: bodyId }] = await db.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
      const rows: { id: string; due_at: Date }[] = await db.query(
        `INSERT INTO deadline (id, body_id, subject_type, subject_id, kind, "group", caused_by_seq, due_at)
         SELECT gen_random_uuid(), $1, 'probe', gen_random_uuid(), 'probe', 'probe', 1, $2::timestamptz + i * interval '1 second'
         FROM generate_series(1, 2500) AS i RETURNING id, due_at`,
        [bodyId, new Date(clock.now().getTime() + 3_600_000).toISOString()],
      );
      expect((await deadlines.reconcile()).added).toBe(2500);
      expect(slow).toHaveBeenCalledTimes(3);
      const jobs = await Promise.all(rows.map((r) => queue.getJob(r.id)));
      // When the job comes due on the real clock, the business clock reads its deadline's due time.
      const errors = rows.map((r, i) => jobs[i]!.timestamp + jobs[i]!.delay + offset - new Date(r.due_at).getTime());
      expect(Math.max(...errors.map(Math.abs))).toBeLessThan(100);

      // Cancelled rows: the next reconciliation removes their jobs.
      await db.query(`UPDATE deadline SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 0, removed: 2500 });
      expect(await queue.getJob(rows[0].id)).toBeUndefined();
    } finally {
      slow.mockRestore();
      now.mockRestore();
    }
  });

  if (backend === 'redis') {
    it('restores every pending deadline after Redis lost its data, and none fires twice', async () => {
      const fired: string[] = [];
      const fire = deadlines.fire.bind(deadlines);
      const spy = jest.spyOn(deadlines, 'fire').mockImplementation(async (id: string) => {
        const outcome = await fire(id);
        if (outcome !== null) fired.push(id);
        return outcome;
      });
      try {
        clock.set('2027-11-01T09:00:00+01:00');
        const [{ id: bodyId }] = await db.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
        // 50 probes due 2 s from now on the business clock (the delay BullMQ gets is computed from it).
        const ids: { id: string }[] = await db.query(
          `INSERT INTO deadline (id, body_id, subject_type, subject_id, kind, "group", caused_by_seq, due_at)
           SELECT gen_random_uuid(), $1, 'probe', gen_random_uuid(), 'probe', 'probe', 1, $2::timestamptz FROM generate_series(1, 50) RETURNING id`,
          [bodyId, new Date(clock.now().getTime() + 2000).toISOString()],
        );
        expect((await deadlines.reconcile()).added).toBe(50);

        // Redis loses everything of this app's queues (a FLUSHALL, as far as this app can tell).
        const queue = (deadlines as unknown as { queue: Queue }).queue;
        const redis = await (queue.getBackend() as unknown as { client: Promise<Redis> }).client;
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${queue.opts.prefix}:*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
        expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 0 });

        expect((await deadlines.reconcile()).added).toBe(50);
        await until(async () => {
          const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM deadline WHERE id = ANY($1::uuid[]) AND status = 'fired'`, [ids.map((r) => r.id)]);
          return n === 50;
        }, 'the restored probes to fire', 20_000);
        // Another reconciliation finds nothing to do, and no probe fired twice.
        expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 0, removed: 0 });
        await new Promise((r) => setTimeout(r, 500));
        const probes = fired.filter((id) => ids.some((r) => r.id === id));
        expect(probes).toHaveLength(50);
        expect(new Set(probes).size).toBe(50);
      } finally {
        spy.mockRestore();
      }
    });

    it('serves the BullMQ dashboard to the operator only (HTTP Basic, a browser cannot send the bearer token)', async () => {
      const http = request(app.getHttpServer());
      const basic = (user: string) => `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}`;
      const anonymous = await http.get('/admin/queues/ui').expect(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="ratsweg queues"/);
      await http.get('/admin/queues/ui').set('Authorization', `Basic ${Buffer.from('operator:wrong').toString('base64')}`).expect(401);
      await http.get('/admin/queues/ui').set('Authorization', basic('clerk')).expect(403);
      await http.get('/admin/queues/ui').set('Authorization', basic('admin')).expect(403);
      const page = await http.get('/admin/queues/ui').set('Authorization', basic('operator')).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const api = await http.get('/admin/queues/ui/api/queues').set('Authorization', basic('operator')).expect(200);
      expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['deadlines', 'outbox', 'system']);
    });

    it('after the last attempt a mail is a dead letter the admin sees and can send again', async () => {
      clock.set('2027-11-08T09:00:00+01:00');
      smtp.refuse = (rcpt) => rcpt === MAIL('fbl');
      const { id } = await createPaper(app, tokens.clerk, completePaper(orgs, { title: 'Unzustellbar' }));
      await sendEvent(app, tokens.clerk, id, { type: 'SUBMIT' }).expect(200);
      const admin = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${tokens.admin}`);
      // 5 attempts with exponential backoff (1 + 2 + 4 + 8 s).
      const dead = await until(
        async () => ((await admin('/admin/notifications').query({ status: 'failed' }).expect(200)).body as { id: string; subject: string; attempts: number }[]).find((n) => n.subject.includes('Unzustellbar')),
        'the dead letter',
        40_000,
      );
      expect(dead.attempts).toBe(5);
      await request(app.getHttpServer()).get('/admin/notifications').set('Authorization', `Bearer ${tokens.clerk}`).expect(403);

      smtp.refuse = () => false;
      await request(app.getHttpServer()).post(`/admin/notifications/${dead.id}/retry`).set('Authorization', `Bearer ${tokens.admin}`).expect(202);
      await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('fbl') && m.subject.includes('Unzustellbar')));
      // The log is marked right after the server accepted the mail: poll for it.
      const after = await until(async () => {
        const row = (await admin('/admin/notifications').expect(200)).body.find((n: { id: string }) => n.id === dead.id);
        return row?.status === 'sent' && row;
      }, 'the retried notification to be marked sent');
      expect(after).toMatchObject({ status: 'sent', attempts: 6 });
      const queues = (await admin('/admin/queues').expect(200)).body;
      expect(Object.keys(queues).sort()).toEqual(['deadlines', 'outbox', 'system']);
      expect(queues.outbox).toHaveProperty('failed');
    }, 60_000);
  }
});
