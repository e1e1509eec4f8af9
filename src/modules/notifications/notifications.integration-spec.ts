import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { completePaper, createPaper, kreisOrganizations, sendEvent, type KreisOrganizations } from '../../../test/factories/paper.factory';
import { SmtpTestServer } from '../../../test/setup/smtp-test-server';
import { createTestApp, tokenFor } from '../../../test/setup/test-app';
import { TestClock } from '../../../test/setup/test-clock';
import { isolatedDatabase } from '../../../test/setup/test-environment';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import { OutboxRelay } from '../../workflow/outbox/outbox-relay.service';
import { UsersService } from '../identity/users.service';
import { NotificationsService } from './notifications.service';

const KREIS_MAIL = (local: string) => `${local}@kreis-recklinghausen.example`;
/** The addresses of the Kreis's two active Fachbereichsleitungen, sorted. */
const HEADS = [KREIS_MAIL('fbl'), 'fbl-vertretung@example.org'].sort();

/**
 * NotificationsService.deliver against the real PostgreSQL and a real SMTP server started
 * here, with no workers: the test hands each `notify` outbox row to the service itself, as
 * the outbox processor would, attempt by attempt. The rows are the ones real transitions
 * wrote (a submitted and a released paper, an invitation) or, where a reminder is meant,
 * rows as a fired deadline writes them.
 */
describe('Notifications (integration)', () => {
  let app: INestApplication;
  let db: DataSource;
  let notifications: NotificationsService;
  let relay: OutboxRelay;
  let orgs: KreisOrganizations;
  let kreis: string;
  let drop: () => Promise<void>;
  const smtp = new SmtpTestServer();
  const tokens: Record<string, string> = {};
  const clock = new TestClock('2027-10-04T09:00:00+02:00');
  const FIRST = { number: 1, last: false };
  const LAST = { number: 5, last: true };

  beforeAll(async () => {
    const port = await smtp.start();
    const isolated = await isolatedDatabase('notifications');
    drop = isolated.drop;
    app = await createTestApp(
      'postgres',
      { runWorkers: false, databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, smtpUrl: `smtp://127.0.0.1:${port}` },
      { clock },
    );
    db = app.get(DataSource);
    notifications = app.get(NotificationsService);
    relay = app.get(OutboxRelay);
    for (const user of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst']) tokens[user] = await tokenFor(app, user);
    orgs = await kreisOrganizations(app, tokens.clerk);
    const bodies: { id: string; name: string }[] = await db.query(`SELECT id, name FROM body`);
    kreis = bodies.find((b) => b.name === 'Kreis Recklinghausen')!.id;
    const castrop = bodies.find((b) => b.name === 'Stadt Castrop-Rauxel')!.id;
    // Two more Fachbereichsleitungen of the Kreis (one no longer active) and one of Castrop-Rauxel.
    const users = app.get(UsersService);
    const more = [
      { username: 'fbl-vertretung', displayName: 'Fachbereichsleitung Vertretung', bodyId: kreis },
      { username: 'fbl-alt', displayName: 'Fachbereichsleitung a. D.', bodyId: kreis },
      { username: 'cr-fbl', displayName: 'Fachbereichsleitung Castrop-Rauxel', bodyId: castrop },
    ];
    for (const u of more) await users.ensureUser({ ...u, password: `${u.username}-password`, email: `${u.username}@example.org`, roles: ['department_head'] });
    await db.query(`UPDATE user_account SET active = false WHERE username = 'fbl-alt'`);
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
    await drop?.();
  });
  afterEach(() => {
    smtp.refuse = () => false;
  });

  type LogRow = {
    recipient_key: string;
    recipient_name: string;
    recipient_email: string | null;
    kind: string;
    subject: string;
    status: string;
    attempts: number;
    last_error: string | null;
    message_id: string;
    body_id: string;
    sent_at: Date | null;
  };
  const log = (outboxId: string): Promise<LogRow[]> =>
    db.query(
      `SELECT recipient_key, recipient_name, recipient_email, kind, subject, status, attempts, last_error, message_id, body_id, sent_at
       FROM notification WHERE outbox_id = $1 ORDER BY recipient_name COLLATE "C"`,
      [outboxId],
    );

  /** The subject's `notify` row of this notification kind, as the outbox processor loads it. */
  async function notifyRow(subjectId: string, kind: string, where = 'true', params: unknown[] = []): Promise<OutboxJob> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM outbox_message WHERE subject_id = $1 AND kind = 'notify' AND payload->>'kind' = $2 AND ${where}`,
      [subjectId, kind, ...params],
    );
    expect(rows).toHaveLength(1);
    return relay.load(rows[0].id);
  }

  /** What a fired deadline writes (a reminder), for a subject of this test. */
  const reminder = (subjectId: string, payload: Record<string, unknown>): OutboxJob => ({
    id: randomUUID(),
    bodyId: kreis,
    subjectType: 'paper',
    subjectId,
    kind: 'notify',
    payload,
    causedBySeq: 2,
    createdAt: clock.now().toISOString(),
  });

  const mailsFor = (outboxId: string) => smtp.received.filter((m) => m.messageId.startsWith(`<${outboxId}.`));
  const userId = async (username: string): Promise<string> => (await db.query(`SELECT id FROM user_account WHERE username = $1`, [username]))[0].id;

  describe('recipients, resolved per body from what the database knows now', () => {
    it('a role: every active user holding it in the subject’s body, none of another body; one German mail and one sent row each', async () => {
      const { id: paperId } = await createPaper(app, tokens.clerk, completePaper(orgs, { title: 'Glasfaser für Schulen' }));
      await sendEvent(app, tokens.clerk, paperId, { type: 'SUBMIT' }).expect(200);
      const job = await notifyRow(paperId, 'signOffRequested');
      expect(job.payload).toEqual({ kind: 'signOffRequested', role: 'department_head' });

      await notifications.deliver(job, FIRST);

      const mails = mailsFor(job.id);
      expect(mails.map((m) => m.to).sort()).toEqual(HEADS);
      const [mail] = mails.filter((m) => m.to === KREIS_MAIL('fbl'));
      expect(mail.subject).toBe('Mitzeichnung erbeten: Glasfaser für Schulen');
      expect(mail.text).toContain('Guten Tag Fachbereichsleitung,');
      expect(mail.text).toContain('für die Vorlage „Glasfaser für Schulen“ wird Ihre Mitzeichnung erbeten.');
      expect(mail.text).toContain('Mitzeichnung durch: Fachbereichsleitung');
      expect(mail.html).toContain('lang="de"');

      const rows = await log(job.id);
      expect(rows.map((r) => [r.recipient_key, r.recipient_name, r.recipient_email, r.kind, r.subject, r.status, r.attempts, r.body_id])).toEqual([
        [`user:${await userId('fbl')}`, 'Fachbereichsleitung', KREIS_MAIL('fbl'), 'signOffRequested', mail.subject, 'sent', 1, kreis],
        [`user:${await userId('fbl-vertretung')}`, 'Fachbereichsleitung Vertretung', 'fbl-vertretung@example.org', 'signOffRequested', mail.subject, 'sent', 1, kreis],
      ]);
      expect(rows.every((r) => r.sent_at !== null && r.last_error === null)).toBe(true);
      // The Message-ID the mail went out with is the one logged: derived from outbox id and recipient.
      expect(rows[0].message_id).toBe(mail.messageId);
      expect(new Set(rows.map((r) => r.message_id)).size).toBe(2);
    });

    it('a user: the paper’s author, told of the release by the reference the paper has now', async () => {
      const { id: paperId } = await createPaper(app, tokens.clerk, completePaper(orgs, { title: 'Smart Parking' }));
      await sendEvent(app, tokens.clerk, paperId, { type: 'SUBMIT' }).expect(200);
      for (const signer of ['fbl', 'kd', 'landrat']) await sendEvent(app, tokens[signer], paperId, { type: 'SIGN' }).expect(200);
      const { reference } = (await request(app.getHttpServer()).get(`/papers/${paperId}`).set('Authorization', `Bearer ${tokens.clerk}`).expect(200)).body;
      expect(reference).toMatch(/^\d{4}\/\d+$/);

      const job = await notifyRow(paperId, 'released');
      await notifications.deliver(job, FIRST);
      const mails = mailsFor(job.id);
      expect(mails.map((m) => [m.to, m.subject])).toEqual([[KREIS_MAIL('clerk'), `Vorlage ${reference} freigegeben`]]);
      expect(mails[0].text).toContain(`die Vorlage ${reference} – Smart Parking wurde freigegeben.`);
      expect((await log(job.id)).map((r) => [r.recipient_key, r.status])).toEqual([[`user:${await userId('clerk')}`, 'sent']]);
    });

    it('a reminder names its recipient (`to`): a user by id, dated in Berlin', async () => {
      const { id: paperId } = await createPaper(app, tokens.clerk, completePaper(orgs, { title: 'Open Data Portal' }));
      // Requested at 00:30 on 6 September in Berlin, still the 5th in UTC.
      const job = reminder(paperId, { kind: 'signOffWaiting', to: { userId: await userId('fbl-vertretung') }, role: 'department_head', since: '2027-09-05T22:30:00.000Z', workingDays: 2 });
      await notifications.deliver(job, FIRST);
      const [mail, ...others] = mailsFor(job.id);
      expect(others).toEqual([]);
      expect(mail.to).toBe('fbl-vertretung@example.org');
      expect(mail.subject).toBe('Erinnerung: Vorlage „Open Data Portal“ wartet seit 2 Arbeitstagen auf Mitzeichnung');
      expect(mail.text).toContain('Angefordert am: 06.09.2027');
    });

    it('a person: a seat invited to a session, with the public agenda and only the number of non-public items', async () => {
      const office = (path: string, body: object) => request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${tokens.sitzungsdienst}`).send(body);
      const meetingId = (await office('/meetings', { organizationId: orgs.committee, start: '2027-10-26T17:00:00+02:00', location: 'Kreishaus Recklinghausen' }).expect(201)).body.id;
      await office(`/meetings/${meetingId}/agenda-items`, { title: 'Mitteilungen der Verwaltung' }).expect(201);
      await office(`/meetings/${meetingId}/agenda-items`, { title: 'Grundstücksangelegenheit Marl', public: false }).expect(201);
      await office(`/meetings/${meetingId}/events`, { type: 'INVITE' }).expect(200);
      const [person] = await db.query(`SELECT id FROM person WHERE body_id = $1 AND family_name = 'AWD-Mitglied 01'`, [kreis]);

      const job = await notifyRow(meetingId, 'meetingInvitation', `payload->>'personId' = $3`, [person.id]);
      await notifications.deliver(job, FIRST);
      const [mail, ...others] = mailsFor(job.id);
      expect(others).toEqual([]);
      expect(mail.to).toBe(KREIS_MAIL('awd-mitglied-01'));
      expect(mail.subject).toBe('Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 26.10.2027, 17:00 Uhr');
      expect(mail.text).toContain('Guten Tag AWD-Mitglied 01,');
      expect(mail.text).toContain('Termin: Dienstag, 26. Oktober 2027, 17:00 Uhr');
      expect(mail.text).toContain('Ort: Kreishaus Recklinghausen');
      expect(mail.text).toContain('Tagesordnung, öffentlicher Teil:\n- 1 Mitteilungen der Verwaltung');
      expect(mail.text).toContain('sowie 1 Punkt im nichtöffentlichen Teil.');
      expect(mail.text).not.toContain('Grundstücksangelegenheit');
      expect(mail.html).not.toContain('Grundstücksangelegenheit');
      expect(mail.text).toContain('Ihr Sitzungsdienst');
      expect((await log(job.id)).map((r) => [r.recipient_key, r.kind, r.status])).toEqual([[`person:${person.id}`, 'meetingInvitation', 'sent']]);

      // A seat without an address is logged as skipped, sent nothing, and stays so on a retry.
      // (TypeORM answers an UPDATE … RETURNING with [rows, affected].)
      const [[noAddress]]: [{ id: string }[], number] = await db.query(
        `UPDATE person SET email = NULL WHERE body_id = $1 AND family_name = 'AWD-Vertretung 03' RETURNING id, family_name`,
        [kreis],
      );
      const skipped = await notifyRow(meetingId, 'meetingInvitation', `payload->>'personId' = $3`, [noAddress.id]);
      await notifications.deliver(skipped, FIRST);
      await notifications.deliver(skipped, FIRST);
      expect(mailsFor(skipped.id)).toEqual([]);
      expect((await log(skipped.id)).map((r) => [r.recipient_key, r.recipient_email, r.status, r.attempts])).toEqual([
        [`person:${noAddress.id}`, null, 'skipped', 0],
      ]);
    });

    it('refuses a row without recipients or of an unknown kind, logging nothing', async () => {
      const { id: paperId } = await createPaper(app, tokens.clerk, completePaper(orgs));
      const noRecipient = reminder(paperId, { kind: 'signOffWaiting', role: 'department_head', since: clock.now().toISOString(), workingDays: 2 });
      await expect(notifications.deliver(noRecipient, FIRST)).rejects.toThrow('notification without recipients');
      const unknown = reminder(paperId, { kind: 'birthdayGreeting', to: { role: 'clerk' } });
      await expect(notifications.deliver(unknown, FIRST)).rejects.toThrow('unknown notification kind birthdayGreeting');
      expect(await log(noRecipient.id)).toEqual([]);
      expect(await log(unknown.id)).toEqual([]);
    });
  });

  describe('once per outbox id and recipient, retried until the last attempt', () => {
    /** A fresh sign-off request to the two active Fachbereichsleitungen of the Kreis. */
    async function signOffRequest(title: string): Promise<OutboxJob> {
      const { id: paperId } = await createPaper(app, tokens.clerk, completePaper(orgs, { title }));
      await sendEvent(app, tokens.clerk, paperId, { type: 'SUBMIT' }).expect(200);
      return notifyRow(paperId, 'signOffRequested');
    }

    it('delivered twice (a redelivered job), each recipient gets one mail', async () => {
      const job = await signOffRequest('Doppelt zugestellt?');
      await notifications.deliver(job, FIRST);
      await notifications.deliver(job, { number: 2, last: false });
      await notifications.deliver(job, LAST);
      expect(mailsFor(job.id).map((m) => m.to).sort()).toEqual(HEADS);
      expect((await log(job.id)).map((r) => [r.status, r.attempts])).toEqual([
        ['sent', 1],
        ['sent', 1],
      ]);
    });

    it('two runs of the same row at once (an admin’s retry clicked twice, a stalled job taken again) still send each mail once', async () => {
      const job = await signOffRequest('Gleichzeitig zugestellt?');
      await Promise.all([notifications.deliver(job, FIRST), notifications.deliver(job, FIRST), notifications.deliver(job, FIRST)]);
      expect(mailsFor(job.id).map((m) => m.to).sort()).toEqual(HEADS);
      expect((await log(job.id)).map((r) => [r.status, r.attempts])).toEqual([
        ['sent', 1],
        ['sent', 1],
      ]);
    });

    it('a recipient the server turns away: the attempt fails with the error logged, the next sends only to that recipient', async () => {
      const job = await signOffRequest('Server lehnt ab');
      smtp.refuse = (rcpt) => rcpt === 'fbl-vertretung@example.org';
      await expect(notifications.deliver(job, FIRST)).rejects.toThrow(/Bitte später erneut versuchen/);
      let rows = await log(job.id);
      expect(rows.map((r) => [r.recipient_email, r.status, r.attempts])).toEqual([
        [KREIS_MAIL('fbl'), 'sent', 1],
        ['fbl-vertretung@example.org', 'pending', 1],
      ]);
      expect(rows[1].last_error).toContain('Bitte später erneut versuchen');
      expect(rows[1].sent_at).toBeNull();

      smtp.refuse = () => false;
      await notifications.deliver(job, { number: 2, last: false });
      expect(mailsFor(job.id).map((m) => m.to).sort()).toEqual(HEADS);
      rows = await log(job.id);
      expect(rows.map((r) => [r.recipient_email, r.status, r.attempts, r.last_error])).toEqual([
        [KREIS_MAIL('fbl'), 'sent', 1, null],
        ['fbl-vertretung@example.org', 'sent', 2, null],
      ]);
    });

    it('after the last attempt the recipient is a dead letter (failed, with the error); running the row again sends it once', async () => {
      const job = await signOffRequest('Unzustellbar');
      smtp.refuse = (rcpt) => rcpt === KREIS_MAIL('fbl');
      for (let number = 1; number <= 4; number++) {
        await expect(notifications.deliver(job, { number, last: false })).rejects.toThrow();
        expect((await log(job.id))[0]).toMatchObject({ recipient_email: KREIS_MAIL('fbl'), status: 'pending', attempts: number });
      }
      await expect(notifications.deliver(job, LAST)).rejects.toThrow(/Bitte später erneut versuchen/);
      const [dead, other] = await log(job.id);
      expect(dead).toMatchObject({ recipient_email: KREIS_MAIL('fbl'), status: 'failed', attempts: 5, sent_at: null });
      expect(dead.last_error).toContain('Bitte später erneut versuchen');
      expect(other).toMatchObject({ recipient_email: 'fbl-vertretung@example.org', status: 'sent', attempts: 1 });
      expect(mailsFor(job.id).map((m) => m.to)).toEqual(['fbl-vertretung@example.org']);

      // The admin's retry runs the outbox row once more: the dead letter goes out, the other is not sent twice.
      smtp.refuse = () => false;
      await notifications.deliver(job, FIRST);
      expect(mailsFor(job.id).map((m) => m.to).sort()).toEqual(HEADS);
      expect((await log(job.id)).map((r) => [r.status, r.attempts, r.last_error])).toEqual([
        ['sent', 6, null],
        ['sent', 1, null],
      ]);
    });
  });
});
