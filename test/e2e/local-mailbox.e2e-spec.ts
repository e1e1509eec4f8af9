import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { completePaper, createPaper, kreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';
import { isolatedDatabase } from '../setup/test-environment';

/**
 * Embedded mode without SMTP_URL: mail goes to a local mailbox the admin reads over
 * HTTP, and to .eml files under DATA_DIR/mail.
 */
describe('the local mailbox without SMTP_URL (e2e)', () => {
  let app: INestApplication;
  let drop: () => Promise<void>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsweg-mailbox-'));
    const isolated = await isolatedDatabase('mailbox');
    drop = isolated.drop;
    app = await createTestApp('postgres', { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, dataDir, smtpUrl: undefined });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the sign-off request for the department head, readable by admins only, and as an .eml file', async () => {
    const clerk = await tokenFor(app, 'clerk');
    const admin = await tokenFor(app, 'admin');
    const { id } = await createPaper(app, clerk, completePaper(await kreisOrganizations(app, clerk), { title: 'Radwegekonzept' }));
    await sendEvent(app, clerk, id, { type: 'SUBMIT' }).expect(200);

    let mail: { id: string; to: string; subject: string; file: string } | undefined;
    for (const end = Date.now() + 15_000; !mail; ) {
      const list = (await request(app.getHttpServer()).get('/admin/mail').set('Authorization', `Bearer ${admin}`).expect(200)).body;
      mail = list.find((m: { subject: string }) => m.subject === 'Mitzeichnung erbeten: Radwegekonzept');
      if (!mail && Date.now() > end) throw new Error('no mail in the local mailbox');
      if (!mail) await new Promise((r) => setTimeout(r, 100));
    }
    expect(mail!.to).toBe('fbl@kreis-recklinghausen.example');
    await request(app.getHttpServer()).get('/admin/mail').set('Authorization', `Bearer ${clerk}`).expect(403);

    const raw = await request(app.getHttpServer()).get(`/admin/mail/${mail!.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(raw.headers['content-type']).toMatch(/message\/rfc822/);
    expect(raw.text).toMatch(/^Subject: /m);
    expect(path.dirname(mail!.file)).toBe(path.join(dataDir, 'mail'));
    expect((await fs.readFile(mail!.file, 'utf8')).replace(/\r\n/g, '\n')).toBe(raw.text.replace(/\r\n/g, '\n'));
  });
});
