import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/modules/identity/password-hasher';
import { ROLES, type Role } from '../../src/modules/identity/role';
import { completePaper, createPaper, kreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';
import { isolatedDatabase } from '../setup/test-environment';
import { ACCESS, type Access } from './access-matrix';

/**
 * Every operation of the OpenAPI document × every role of the Kreis × the caller's
 * own records, another body's records, and no token, against the table in
 * access-matrix.ts. Roles are checked by the guard before the body is validated,
 * so an empty body tells a refused role (403) from an admitted one (400 or 2xx)
 * without changing anything; another body's records are addressed with a valid
 * body and must answer 404 and stay as they were.
 */
const KREIS_USERS: Record<Role, string> = {
  clerk: 'clerk',
  department_head: 'fbl',
  district_director: 'kd',
  district_administrator: 'landrat',
  committee_office: 'sitzungsdienst',
  auditor: 'auditor',
  admin: 'admin',
  operator: 'matrix-operator',
};

type Ids = Record<'paper' | 'meeting' | 'item' | 'task' | 'organization' | 'user', string>;

describe('route × role matrix (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let drop: () => Promise<void>;
  const tokens = {} as Record<Role, string>;
  let own: Ids;
  let other: Ids;
  let operations: string[];

  const http = () => request(app.getHttpServer());
  const call = (operation: string, path: string, token: string | undefined, body?: Record<string, unknown>) => {
    const method = operation.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = http()[method](path);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    return method === 'get' ? req : req.send(body ?? {});
  };

  beforeAll(async () => {
    const isolated = await isolatedDatabase('access_matrix');
    drop = isolated.drop;
    app = await createTestApp('postgres', { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix });
    db = app.get(DataSource);
    const [{ id: kreisId }] = await db.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
    // The system operator, and a Castrop-Rauxel user holding every role there.
    const [{ id: operatorId }] = await db.query(
      `INSERT INTO user_account (username, display_name, password_hash) VALUES ('matrix-operator', 'Betrieb', $1) RETURNING id`,
      [await hashPassword('matrix-operator')],
    );
    await db.query(`INSERT INTO role_assignment (user_id, body_id, role) VALUES ($1, $2, 'operator')`, [operatorId, kreisId]);
    await db.query(
      `INSERT INTO role_assignment (user_id, body_id, role)
       SELECT ra.user_id, ra.body_id, r FROM role_assignment ra JOIN user_account u ON u.id = ra.user_id,
         unnest($1::text[]) r
       WHERE u.username = 'cr-clerk' ON CONFLICT DO NOTHING`,
      [ROLES.filter((r) => r !== 'operator')],
    );
    for (const role of ROLES) tokens[role] = await tokenFor(app, KREIS_USERS[role]);
    // A Kreis user the admin rows may disable and enable.
    const [{ id: targetId }] = await db.query(
      `INSERT INTO user_account (username, display_name, password_hash) VALUES ('matrix-target', 'Ziel', $1) RETURNING id`,
      [await hashPassword('matrix-target')],
    );
    await db.query(`INSERT INTO role_assignment (user_id, body_id, role) VALUES ($1, $2, 'clerk')`, [targetId, kreisId]);
    own = { ...(await fixtures(tokens)), user: targetId };
    const cr = await tokenFor(app, 'cr-clerk');
    const [{ id: crClerkId }] = await db.query(`SELECT id FROM user_account WHERE username = 'cr-clerk'`);
    other = { ...(await fixtures(Object.fromEntries(ROLES.map((r) => [r, cr])) as Record<Role, string>)), user: crClerkId };

    const doc = (await http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  /** A paper carried to adoption with one task, a meeting with one item, and an organization, all of one body. */
  async function fixtures(t: Record<Role, string>): Promise<Omit<Ids, 'user'>> {
    const organizations = (await http().get('/organizations').set('Authorization', `Bearer ${t.clerk}`).expect(200)).body as {
      id: string;
      kind: string;
    }[];
    const kreis = organizations.some((o) => o.kind === 'district_council');
    const consultations = kreis
      ? completePaper(await kreisOrganizations(app, t.clerk)).consultations
      : [{ organizationId: organizations[0].id, role: 'decisive', plannedDate: '2026-12-15' }];
    const paper = await createPaper(app, t.clerk, completePaper({} as never, { consultations }));
    await sendEvent(app, t.clerk, paper.id, { type: 'SUBMIT' }).expect(200);
    for (const role of ['department_head', 'district_director', 'district_administrator'] as const) {
      await sendEvent(app, t[role], paper.id, { type: 'SIGN' }).expect(200);
    }
    for (const [i, c] of consultations.entries()) {
      // Sessions in the past: the Kreistag's Widerspruchsfrist (§ 39 Abs. 1 KrO NRW) has passed, so a task may start.
      await sendEvent(app, t.committee_office, paper.id, { type: 'SCHEDULE', date: c.plannedDate.replace(/^\d{4}/, '2025'), agendaItemNumber: String(i + 1) }).expect(200);
      const result = c.role === 'decisive' ? 'adopted' : 'recommended';
      await sendEvent(app, t.committee_office, paper.id, { type: 'RECORD_RESULT', result }).expect(200);
    }
    const task = await http()
      .post(`/papers/${paper.id}/tasks`)
      .set('Authorization', `Bearer ${t.clerk}`)
      .send({ kind: 'generic', title: 'Umsetzung' })
      .expect(201);
    const meeting = await http()
      .post('/meetings')
      .set('Authorization', `Bearer ${t.committee_office}`)
      .send({ organizationId: organizations[0].id, start: '2027-03-01T17:00:00+01:00' })
      .expect(201);
    const item = await http()
      .post(`/meetings/${meeting.body.id}/agenda-items`)
      .set('Authorization', `Bearer ${t.committee_office}`)
      .send({ title: 'Mitteilungen' })
      .expect(201);
    return { paper: paper.id, meeting: meeting.body.id, item: (item.body.agenda as { id: string; title: string }[]).find((i) => i.title === 'Mitteilungen')!.id, task: task.body.id, organization: organizations[0].id };
  }

  function pathFor(template: string, ids: Ids): string {
    const [base] = template.split('/').filter(Boolean);
    const kind = template.startsWith('/admin/users/')
      ? 'user'
      : ({ papers: 'paper', meetings: 'meeting', tasks: 'task', organizations: 'organization' } as const)[base];
    return template
      .replace('{itemId}', ids.item)
      .replace('{extractId}', '00000000-0000-4000-8000-000000000000')
      .replace('{amendmentId}', '00000000-0000-4000-8000-000000000000')
      .replace('{userId}', ids.user)
      .replace('{machine}', 'paper')
      .replace('{id}', kind ? ids[kind] : '00000000-0000-4000-8000-000000000000');
  }

  const admits = (access: Access, role: Role) =>
    access.roles === 'public' ||
    access.roles === 'any' ||
    access.roles.includes(role) ||
    (role === 'admin' && !access.operatorOnly);

  it('has exactly one row per operation of the OpenAPI document', () => {
    const documented = [...operations].sort();
    expect(documented.filter((op) => !ACCESS[op])).toEqual([]);
    expect(Object.keys(ACCESS).filter((op) => !documented.includes(op))).toEqual([]);
  });

  it('answers without a token 401, except on public routes', async () => {
    const wrong: string[] = [];
    for (const [operation, access] of Object.entries(ACCESS)) {
      const res = await call(operation, pathFor(operation.split(' ')[1], own), undefined);
      const ok = access.roles === 'public' ? res.status !== 401 && res.status < 500 : res.status === 401;
      if (!ok) wrong.push(`${operation}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('admits exactly the listed roles on the caller’s own records', async () => {
    const wrong: string[] = [];
    for (const [operation, access] of Object.entries(ACCESS)) {
      if (access.roles === 'public') continue;
      for (const role of ROLES) {
        const token = access.freshToken ? await tokenFor(app, KREIS_USERS[role]) : tokens[role];
        const res = await call(operation, pathFor(operation.split(' ')[1], own), token);
        const expected = !admits(access, role)
          ? res.status === 403
          : access.own === 'ok'
            ? res.status >= 200 && res.status < 300
            : access.own === 'bad'
              ? res.status === 400
              : ![401, 403].includes(res.status) && res.status < 500;
        if (!expected) wrong.push(`${operation} as ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404 for another body’s records, whatever the role, and changes nothing there', async () => {
    const before = await snapshot(other);
    const wrong: string[] = [];
    for (const [operation, access] of Object.entries(ACCESS)) {
      if (access.scope !== 'body') continue;
      for (const role of ROLES) {
        // The operator is not scoped to a body on the admin views (mail, notifications).
        if (role === 'operator' && access.roles !== 'any' && access.roles !== 'public' && access.roles.includes('operator')) continue;
        const res = await call(operation, pathFor(operation.split(' ')[1], other), tokens[role], access.otherBody);
        const expected = admits(access, role) ? 404 : 403;
        if (res.status !== expected) wrong.push(`${operation} as ${role}: ${res.status} (expected ${expected})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot(other)).toEqual(before);
  });

  /** Versions and audit counts of one body's fixtures. */
  async function snapshot(ids: Ids) {
    return db.query(
      `SELECT (SELECT version FROM paper WHERE id = $1) AS paper, (SELECT version FROM meeting WHERE id = $2) AS meeting,
         (SELECT version FROM task WHERE id = $3) AS task, (SELECT count(*) FROM agenda_item WHERE meeting_id = $2) AS items,
         (SELECT count(*) FROM audit_event) AS audit, (SELECT active FROM user_account WHERE id = $4) AS "userActive",
         (SELECT array_agg(role ORDER BY role) FROM role_assignment WHERE user_id = $4) AS "userRoles"`,
      [ids.paper, ids.meeting, ids.task, ids.user],
    );
  }
});
