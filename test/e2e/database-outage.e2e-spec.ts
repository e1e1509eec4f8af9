import fs from 'node:fs/promises';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EmbeddedPostgres } from '../../src/infrastructure/database/embedded-postgres';
import { until } from '../setup/eventually';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TcpProxy } from '../setup/tcp-proxy';
import { testRun } from '../setup/test-environment';

/**
 * The database goes away under a running app, and comes back. The app runs on a
 * PostgreSQL cluster of this test's own (the embedded binaries), queues included (the
 * embedded default: BullMQ on PostgreSQL), reached through a TCP forwarder so its URL
 * survives the cluster's restart on a new port. While it is down every request that
 * needs it is 503 with Retry-After, never 500; once it is back, the same app serves
 * again. Nothing may escape as an uncaught exception or unhandled rejection meanwhile
 * (what would end the real process): jest fails the running test on either.
 */
describe('database outage (e2e)', () => {
  const dataDir = path.resolve(__dirname, '../../tmp', `outage-${process.pid}-${Date.now().toString(36)}`);
  const proxy = new TcpProxy();
  const cluster = new EmbeddedPostgres({ dataDir, database: 'ratsweg_outage' });
  let app: INestApplication;
  let clerk: string;

  beforeAll(async () => {
    // As root the cluster runs as the user postgres, which must be able to reach its folder.
    await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
    for (let dir = dataDir; dir !== path.dirname(dir) && dir.startsWith(path.resolve(__dirname, '../..')); dir = path.dirname(dir)) {
      await fs.chmod(dir, 0o755).catch(() => undefined);
    }
    proxy.target = Number(new URL(await cluster.start()).port);
    const port = await proxy.listen();
    const url = new URL(cluster.url('ratsweg_outage'));
    url.port = String(port);
    app = await createTestApp('postgres', { databaseUrl: url.toString(), queuePrefix: `${testRun().queuePrefix}-outage` });
    clerk = await tokenFor(app, 'clerk');
  });
  afterAll(async () => {
    await app?.close();
    await cluster.stop();
    await proxy.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const paper = () => ({ title: `Ausfalltest ${Math.random().toString(36).slice(2, 8)}`, paperType: 'Antrag' });

  it('answers 503 with Retry-After while the database is down, and serves again once it is back', async () => {
    await http().get('/papers').set('Authorization', `Bearer ${clerk}`).expect(200);
    await http().get('/health').expect(200);

    await cluster.stop();
    // Several rounds, so idle pooled connections die, new ones are refused, the
    // background workers (outbox relay, deadline reconciler, BullMQ on PostgreSQL) fail
    // too, and whatever they do wrong has time to surface.
    for (let round = 0; round < 3; round++) {
      for (const call of [
        () => http().get('/papers').set('Authorization', `Bearer ${clerk}`),
        () => http().post('/papers').set('Authorization', `Bearer ${clerk}`).send(paper()),
        () => http().get('/organizations').set('Authorization', `Bearer ${clerk}`),
        () => http().post('/auth/login').send({ username: 'clerk', password: 'clerk' }),
      ]) {
        const res = await call();
        expect({ status: res.status, retryAfter: res.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '5' });
        expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'COMMON.SERVICE_UNAVAILABLE' });
        expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|terminat/i);
      }
      const health = await http().get('/health').expect(503);
      expect(health.body).toMatchObject({ status: 'error', database: 'down' });
      await new Promise((r) => setTimeout(r, 1000));
    }
    // Bad input is still bad input, database or not.
    await http().post('/papers').set('Authorization', `Bearer ${clerk}`).send({ title: 'x\u0000' }).expect(400);

    proxy.target = Number(new URL(await cluster.start()).port);
    await until(async () => (await http().get('/health')).status === 200, 'health back to 200', 30_000);
    await http().get('/papers').set('Authorization', `Bearer ${clerk}`).expect(200);
    const created = await http().post('/papers').set('Authorization', `Bearer ${clerk}`).send(paper()).expect(201);
    await http().get(`/papers/${created.body.id}`).set('Authorization', `Bearer ${clerk}`).expect(200);
    await tokenFor(app, 'clerk');
  });
});
