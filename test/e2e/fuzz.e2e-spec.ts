import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { verifyAll } from '../../src/workflow/audit/verify-all';
import { kreisOrganizations } from '../factories/paper.factory';
import { FuzzCase, FuzzGenerator, FuzzOperation, OpenApiDocument, operationsOf, prng } from '../setup/openapi-fuzz';
import { createTestApp, tokenFor } from '../setup/test-app';
import { isolatedDatabase } from '../setup/test-environment';

/**
 * OpenAPI-driven fuzzing of the whole HTTP surface (test/setup/openapi-fuzz.ts): every
 * operation, with a token of a role it admits and without one, gets malformed requests.
 * None may answer 5xx, none that changes data may be accepted, and afterwards every
 * table holds the same rows (counts, and the sum of versions where rows have one) and
 * every audit chain verifies. On a database of its own, workers off, so nothing else
 * writes meanwhile. FUZZ_SEED picks another deterministic run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260501);
const USERS = ['clerk', 'sitzungsdienst', 'admin', 'auditor', 'fbl', 'kd', 'landrat', 'cr-clerk'];
const MAIN_TABLES = ['paper', 'consultation', 'meeting', 'agenda_item', 'task', 'audit_event', 'outbox_message', 'deadline', 'notification', 'user_account'];
const FORGED = [
  'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.',
  `Bearer ${'a'.repeat(4_000)}`,
  'Basic Y2xlcms6Y2xlcms=',
];

describe('OpenAPI fuzzing (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let drop: () => Promise<void>;
  const tokens: Record<string, string> = {};
  let baseUrl: string;

  beforeAll(async () => {
    const isolated = await isolatedDatabase('fuzz');
    drop = isolated.drop;
    app = await createTestApp('postgres', { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, runWorkers: false });
    db = app.get(getDataSourceToken());
    // One listening server for the run (supertest would otherwise listen anew per request).
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    for (const user of USERS) tokens[user] = await tokenFor(app, user);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const http = () => request(baseUrl);

  async function snapshot(): Promise<Record<string, string>> {
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
    );
    const versioned = new Set(
      ((await db.query(`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'version'`)) as { table_name: string }[]).map((r) => r.table_name),
    );
    const result: Record<string, string> = {};
    for (const { table_name: table } of tables) {
      const [row] = await db.query(`SELECT count(*)::text AS n${versioned.has(table) ? ', coalesce(sum(version), 0)::text AS v' : ''} FROM "${table}"`);
      result[table] = versioned.has(table) ? `${row.n} rows, versions ${row.v}` : `${row.n} rows`;
    }
    return result;
  }

  /** Real ids, so broken requests reach existing rows: the demo Vorlage, a meeting with one item. */
  async function knownIds() {
    const orgs = await kreisOrganizations(app, tokens.clerk);
    const paper = (await http().get('/papers').set('Authorization', `Bearer ${tokens.clerk}`).expect(200)).body.data[0].id as string;
    const meeting = (
      await http()
        .post('/meetings')
        .set('Authorization', `Bearer ${tokens.sitzungsdienst}`)
        .send({ organizationId: orgs.committee, start: '2031-03-04T17:00:00+01:00' })
        .expect(201)
    ).body.id as string;
    const item = (
      await http().post(`/meetings/${meeting}/agenda-items`).set('Authorization', `Bearer ${tokens.sitzungsdienst}`).send({ title: 'Fuzz-TOP' }).expect(201)
    ).body;
    const itemId = (item.agenda?.[0]?.id ?? item.id) as string;
    return {
      forPath: (path: string, param: string) => {
        if (param === 'machine') return 'paper';
        if (param === 'itemId') return itemId;
        if (path.startsWith('/papers/')) return paper;
        if (path.startsWith('/meetings/')) return meeting;
        if (path.startsWith('/organizations/')) return orgs.committee;
        return undefined;
      },
      forField: (field: string) => ({ organizationId: orgs.committee, paperId: paper, meetingId: meeting, agendaItemId: itemId })[field],
    };
  }

  /** The first demo user the operation's guard lets through (a probe that cannot be accepted). */
  async function roleFor(generator: FuzzGenerator, op: FuzzOperation): Promise<string> {
    const probe = generator.cases(op).find((c) => c.label === 'unknown parameter')!;
    for (const user of USERS) {
      const res = await send(probe, `Bearer ${tokens[user]}`);
      if (res.status !== 401 && res.status !== 403) return user;
    }
    return 'clerk';
  }

  function send(c: FuzzCase, authorization?: string) {
    const method = c.operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = http()[method](c.url).timeout({ deadline: 10_000 });
    if (authorization) req.set('Authorization', authorization);
    if (c.body !== undefined) {
      req.set('Content-Type', c.contentType ?? 'application/json');
      req.send(c.body);
    }
    return req.then(
      (res) => ({ status: res.status, body: res.body as unknown }),
      (error: Error) => ({ status: 0, body: error.message as unknown }),
    );
  }

  it('answers every malformed request below 500, accepts no change, and leaves the data as it was', async () => {
    const started = Date.now();
    const doc = (await http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const ids = await knownIds();
    const before = await snapshot();
    for (const table of MAIN_TABLES) expect(before).toHaveProperty(table);

    const random = prng(SEED);
    const generator = new FuzzGenerator(doc, ids, random);
    // Logout takes no input to malform, and each call would end the token the rest of
    // the run sends (the route × role matrix covers it with a fresh token per call).
    const operations = operationsOf(doc).filter((op) => !(op.method === 'POST' && op.path === '/auth/logout'));
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    const accepted: string[] = [];
    let sent = 0;
    const record = (c: FuzzCase, as: string, res: { status: number; body: unknown }) => {
      sent++;
      byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
      const what = `${c.operation.method} ${c.url.slice(0, 120)} [${c.label}] as ${as}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
      if (res.status >= 500 || res.status === 0) failures.push(what);
      else if (c.operation.method !== 'GET' && res.status < 300) accepted.push(what);
    };

    for (const op of operations) {
      const user = await roleFor(generator, op);
      if (process.env.FUZZ_VERBOSE) console.log(`${op.method} ${op.path} as ${user} after ${Date.now() - started} ms`);
      const cases = generator.cases(op);
      for (const [i, c] of cases.entries()) {
        record(c, user, await send(c, `Bearer ${tokens[user]}`));
        // Every other case again without a token, or with a forged one: authentication
        // comes first, whatever the input.
        if (i % 2 === 1) {
          const forged = i % 6 === 5 ? FORGED[Math.floor(i / 6) % FORGED.length] : undefined;
          record(c, forged ? 'forged token' : 'no token', await send(c, forged));
        }
      }
    }

    const classes = [2, 3, 4, 5].map((k) => `${k}xx ${[...byStatus].filter(([s]) => Math.floor(s / 100) === k).reduce((n, [, v]) => n + v, 0)}`);
    const detail = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ');
    console.log(`fuzz: ${sent} requests over ${operations.length} operations (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s — ${classes.join(', ')} (${detail})`);

    expect(failures.slice(0, 20)).toEqual([]);
    expect(accepted.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2000);
    expect(await snapshot()).toEqual(before);
    const audit = await verifyAll(db.manager);
    expect(audit.broken).toEqual([]);
    expect(audit.entries).toBeGreaterThan(0);
  }, 120_000);
});
