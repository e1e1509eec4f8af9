import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { QueueName } from '../../src/infrastructure/queue/queue-names';
import { UsersService } from '../../src/modules/identity/users.service';
import { OutboxRelay } from '../../src/workflow/outbox/outbox-relay.service';
import { completePaper, createPaper, kreisOrganizations, sendEvent } from '../factories/paper.factory';
import { until } from '../setup/eventually';
import { createTestApp, tokenFor } from '../setup/test-app';
import { isolatedDatabase } from '../setup/test-environment';

/**
 * Issue 12, finding 2: the Castrop-Rauxel admin read every body's mail in the local
 * mailbox (titles of non-public Kreis papers included) and got into the queue
 * dashboard (all bodies' job data, not read-only). Every admin view is scoped to the
 * caller's body now; the cross-body views are the operator's.
 */
const SECRET_TITLE = 'Personalangelegenheit Amtsleitung 32';

async function crAdmin(app: INestApplication, username: string): Promise<string> {
  const db = app.get<DataSource>(getDataSourceToken());
  const [{ id }] = await db.query(`SELECT id FROM body WHERE name = 'Stadt Castrop-Rauxel'`);
  await app.get(UsersService).ensureUser({ username, password: `${username}-pw`, displayName: 'Admin Castrop-Rauxel', bodyId: id, roles: ['admin'] });
  return tokenFor(app, username, `${username}-pw`);
}

describe('admin views scoped to the body, cross-body views for the operator (e2e)', () => {
  describe('mail and notifications (local mailbox)', () => {
    let app: INestApplication;
    let drop: () => Promise<void>;
    let dataDir: string;
    let db: DataSource;
    const tokens: Record<'clerk' | 'admin' | 'operator' | 'crAdmin', string> = {} as never;
    let kreisMail: { id: string; subject: string; bodyId?: string };
    const get = (token: string, url: string) => request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`);

    beforeAll(async () => {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsweg-scoping-'));
      const isolated = await isolatedDatabase('scoping');
      drop = isolated.drop;
      app = await createTestApp('postgres', { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, dataDir, smtpUrl: undefined });
      db = app.get<DataSource>(getDataSourceToken());
      tokens.clerk = await tokenFor(app, 'clerk');
      tokens.admin = await tokenFor(app, 'admin');
      tokens.operator = await tokenFor(app, 'operator');
      tokens.crAdmin = await crAdmin(app, 'scope-cr-admin');

      const { id } = await createPaper(app, tokens.clerk, completePaper(await kreisOrganizations(app, tokens.clerk), { title: SECRET_TITLE, public: false }));
      await sendEvent(app, tokens.clerk, id, { type: 'SUBMIT' }).expect(200);
      kreisMail = await until(
        async () => ((await get(tokens.admin, '/admin/mail').expect(200)).body as { id: string; subject: string }[]).find((m) => m.subject.includes(SECRET_TITLE)),
        'the sign-off mail in the Kreis admin’s mailbox',
        15_000,
      );
    });
    afterAll(async () => {
      await app?.close();
      await drop?.();
      await fs.rm(dataDir, { recursive: true, force: true });
    });

    it("shows another body's admin none of the Kreis's mail, and 404 for a Kreis mail id", async () => {
      const list = (await get(tokens.crAdmin, '/admin/mail').expect(200)).body as { subject: string }[];
      expect(JSON.stringify(list)).not.toContain(SECRET_TITLE);
      expect(list).toEqual([]);
      const res = await get(tokens.crAdmin, `/admin/mail/${kreisMail.id}`).expect(404);
      expect(res.text).not.toContain(SECRET_TITLE);
    });

    it("shows another body's admin none of the Kreis's notifications, and cannot retry one", async () => {
      const list = (await get(tokens.crAdmin, '/admin/notifications').expect(200)).body as { subject: string }[];
      expect(JSON.stringify(list)).not.toContain(SECRET_TITLE);
      const [notification] = await db.query(`SELECT id FROM notification WHERE subject LIKE $1`, [`%${SECRET_TITLE}%`]);
      await db.query(`UPDATE notification SET status = 'failed' WHERE id = $1`, [notification.id]);
      await request(app.getHttpServer()).post(`/admin/notifications/${notification.id}/retry`).set('Authorization', `Bearer ${tokens.crAdmin}`).expect(404);
      const failed = (await get(tokens.admin, '/admin/notifications?status=failed').expect(200)).body as { id: string }[];
      expect(failed.map((n) => n.id)).toContain(notification.id);
    });

    it('shows the operator every body’s mail and notifications, with the body named', async () => {
      const mail = (await get(tokens.operator, '/admin/mail').expect(200)).body as { id: string; bodyId: string }[];
      const [{ id: kreisId }] = await db.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
      expect(mail.find((m) => m.id === kreisMail.id)).toMatchObject({ bodyId: kreisId });
      const raw = await get(tokens.operator, `/admin/mail/${kreisMail.id}`).expect(200);
      expect(raw.text).toMatch(/^Subject: /m);
      const notifications = (await get(tokens.operator, '/admin/notifications').expect(200)).body as { subject: string; bodyId: string }[];
      expect(notifications.find((n) => n.subject.includes(SECRET_TITLE))).toMatchObject({ bodyId: kreisId });
    });

    it('keeps the Kreis admin on its own body and the mail views closed to clerks', async () => {
      await get(tokens.admin, `/admin/mail/${kreisMail.id}`).expect(200);
      await get(tokens.clerk, '/admin/mail').expect(403);
      await get(tokens.clerk, `/admin/mail/${kreisMail.id}`).expect(403);
    });

    it('gives a body admin the shared queues as counts only', async () => {
      const counts = (await get(tokens.crAdmin, '/admin/queues').expect(200)).body as Record<string, Record<string, number>>;
      expect(Object.keys(counts).sort()).toEqual(['deadlines', 'outbox', 'system']);
      expect(typeof counts.outbox.completed).toBe('number');
    });
  });

  describe('the BullMQ dashboard (Redis)', () => {
    let app: INestApplication;
    let drop: () => Promise<void>;
    let db: DataSource;
    const basic = (user: string, password = user) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const dashboard = (url: string, auth: string) => request(app.getHttpServer()).get(`/admin/queues/ui${url}`).set('Authorization', auth);

    beforeAll(async () => {
      const isolated = await isolatedDatabase('scoping_redis');
      drop = isolated.drop;
      // No workers: the jobs stay in the queue for the dashboard to show.
      app = await createTestApp('redis', { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, runWorkers: false });
      db = app.get<DataSource>(getDataSourceToken());
      await crAdmin(app, 'scope-cr-admin');
    });
    afterAll(async () => {
      await app?.close();
      await drop?.();
    });

    it('refuses body admins (403) and lets the operator in', async () => {
      await dashboard('', basic('scope-cr-admin', 'scope-cr-admin-pw')).expect(403);
      await dashboard('', basic('admin')).expect(403);
      await dashboard('/api/queues', basic('admin')).expect(403);
      await dashboard('', basic('clerk')).expect(403);
      await request(app.getHttpServer()).get('/admin/queues/ui').expect(401);
      const page = await dashboard('', basic('operator')).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
    });

    it('is read-only, for the operator too', async () => {
      const api = await dashboard('/api/queues', basic('operator')).expect(200);
      expect(api.body.queues.map((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toEqual([true, true, true]);
      await request(app.getHttpServer()).put('/admin/queues/ui/api/queues/outbox/pause').set('Authorization', basic('operator')).expect(405);
    });

    it('puts ids only into outbox jobs, and shows no text of older jobs', async () => {
      const [{ id: bodyId }] = await db.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
      const [{ id: paperId }] = await db.query(`SELECT id FROM paper LIMIT 1`);
      const [{ id: outboxId }] = await db.query(
        `INSERT INTO outbox_message (body_id, subject_type, subject_id, kind, payload, caused_by_seq)
         VALUES ($1, 'paper', $2, 'notify', $3, 1) RETURNING id`,
        [bodyId, paperId, JSON.stringify({ kind: 'signOffRejected', role: 'department_head', reason: `Zu ${SECRET_TITLE}: Herr Müller fehlt` })],
      );
      await app.get(OutboxRelay).relayOnce();
      const queue = app.get<Queue>(getQueueToken(QueueName.Outbox));
      const job = await queue.getJob(outboxId);
      expect(job?.data).toEqual({ outboxId });

      // A job added the old way (full payload), still in Redis after the upgrade.
      await queue.add('notify', { id: 'old', payload: { reason: `Alt: ${SECRET_TITLE}` }, to: 'fbl@kreis-recklinghausen.example' }, { jobId: 'old-style-job' });
      const shown = await dashboard('/api/queues?activeQueue=outbox&status=waiting&page=1', basic('operator')).expect(200);
      const text = JSON.stringify(shown.body);
      expect(text).toContain(outboxId);
      expect(text).toContain('old-style-job');
      expect(text).not.toContain(SECRET_TITLE);
      expect(text).not.toContain('fbl@');
    });
  });
});
