import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
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
 * again. Nothing may escape as an uncaught exception or unhandled rejection meanwhile:
 * jest fails the running test on either. And the built app, started as its own process
 * (`dist/`, as `npm start` runs it; `npm test` builds first) on another database of the
 * same cluster, is still alive through the outage and serves again after it.
 */
const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('database outage (e2e)', () => {
  const dataDir = path.resolve(__dirname, '../../tmp', `outage-${process.pid}-${Date.now().toString(36)}`);
  const proxy = new TcpProxy();
  const cluster = new EmbeddedPostgres({ dataDir, database: 'ratsweg_outage' });
  let app: INestApplication;
  let clerk: string;
  let child: ChildProcess | undefined;
  let childUrl: string;
  let childStderr = '';
  let childToken: string;

  /** The built app as a process of its own, on the database `ratsweg_outage_process` behind the forwarder. */
  async function startProcess(databaseUrl: string): Promise<void> {
    const admin = new Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE ratsweg_outage_process').finally(() => admin.end());
    const port = await freePort();
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|SMTP_URL|PORT|CLOCK_START|RATSWEG_)/.test(k)));
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...base,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        JWT_SECRET: 'database-outage-test-secret-0123456789-abcdefgh',
        SEED_DEMO: 'true',
        QUEUE_PREFIX: `${testRun().queuePrefix}-outage-process`,
        DATA_DIR: path.join(dataDir, 'process-data'),
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d) => (childStderr += d));
    childUrl = `http://127.0.0.1:${port}`;
    await until(async () => {
      if (child!.exitCode !== null) throw new Error(`app exited: ${childStderr}`);
      return fetch(`${childUrl}/health`).then((r) => r.ok, () => false);
    }, 'the app process to be healthy', 60_000);
    const login = await fetch(`${childUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'clerk' }) });
    childToken = ((await login.json()) as { accessToken: string }).accessToken;
  }
  const childGet = (pathname: string) => fetch(`${childUrl}${pathname}`, { headers: { authorization: `Bearer ${childToken}` } });

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
    url.pathname = '/ratsweg_outage_process';
    await startProcess(url.toString());
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await app?.close();
    await cluster.stop();
    await proxy.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const paper = () => ({ title: `Ausfalltest ${Math.random().toString(36).slice(2, 8)}`, paperType: 'Beschlussvorlage' });

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
      const fromProcess = await childGet('/papers');
      expect({ status: fromProcess.status, retryAfter: fromProcess.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '5' });
      expect((await childGet('/health')).status).toBe(503);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect({ exitCode: child!.exitCode, signal: child!.signalCode, stderr: childStderr.slice(0, 2000) }).toEqual({ exitCode: null, signal: null, stderr: expect.any(String) });
    // Bad input is still bad input, database or not (on a route that needs no token: a
    // token's roles and status are read from the database on every request).
    await http().post('/auth/login').send({ username: 'x\u0000', password: 'y' }).expect(400);

    proxy.target = Number(new URL(await cluster.start()).port);
    await until(async () => (await http().get('/health')).status === 200, 'health back to 200', 30_000);
    await http().get('/papers').set('Authorization', `Bearer ${clerk}`).expect(200);
    const created = await http().post('/papers').set('Authorization', `Bearer ${clerk}`).send(paper()).expect(201);
    await http().get(`/papers/${created.body.id}`).set('Authorization', `Bearer ${clerk}`).expect(200);
    await tokenFor(app, 'clerk');

    await until(async () => (await childGet('/health')).status === 200, 'the process healthy again', 30_000);
    expect((await childGet('/papers')).status).toBe(200);
    expect(child!.exitCode).toBeNull();
  }, 120_000);
});
