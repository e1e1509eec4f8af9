import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { UsersService } from '../../src/modules/identity/users.service';
import { createTestApp, tokenFor } from '../setup/test-app';

describe('identity (e2e)', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await createTestApp();
    http = request(app.getHttpServer());
  });
  afterAll(() => app.close());

  it('logs a demo user in and returns a token that identifies it', async () => {
    const res = await http.post('/auth/login').send({ username: 'clerk', password: 'clerk' }).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      user: { username: 'clerk', roles: ['clerk'], body: { name: 'Kreis Recklinghausen' } },
    });
    expect(res.body.accessToken).toEqual(expect.any(String));
    const me = await http.get('/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ username: 'clerk', roles: ['clerk'], bodyId: res.body.user.body.id });
  });

  it('accepts the username in any case', async () => {
    await http.post('/auth/login').send({ username: 'Landrat', password: 'landrat' }).expect(200);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const wrong = await http.post('/auth/login').send({ username: 'fbl', password: 'nope' }).expect(401);
    const unknown = await http.post('/auth/login').send({ username: 'nobody', password: 'nope' }).expect(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid username or password',
      code: 'AUTH.INVALID_CREDENTIALS',
    });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('rejects unknown and missing fields with 400 naming them', async () => {
    const res = await http.post('/auth/login').send({ username: 'clerk', password: 'clerk', role: 'admin' }).expect(400);
    expect(res.body.fields).toEqual([{ field: 'role', messages: ['property role should not exist'] }]);
    const missing = await http.post('/auth/login').send({ username: 'clerk' }).expect(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['password']);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await http.post('/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('needs a valid token everywhere but the public routes', async () => {
    await http.get('/organizations').expect(401);
    await http.get('/auth/me').set('Authorization', 'Bearer not-a-token').expect(401);
    await http.get('/auth/me').set('Authorization', 'Basic Y2xlcms6Y2xlcms=').expect(401);
    const forged = (await tokenFor(app, 'clerk')).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await http.get('/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    await http.get('/health').expect(200);
    await http.get('/api/docs-json').expect(200);
  });

  it('throttles a username after five failed logins with 429 and Retry-After, even with the right password', async () => {
    const users = app.get(UsersService);
    const body = await app.get<DataSource>(getDataSourceToken()).query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
    await users.ensureUser({ username: 'throttle-me', password: 'right-password', displayName: 'T', bodyId: body[0].id, roles: ['clerk'] });
    for (let i = 0; i < 5; i++) {
      await http.post('/auth/login').send({ username: 'throttle-me', password: `wrong-${i}` }).expect(401);
    }
    const res = await http.post('/auth/login').send({ username: 'throttle-me', password: 'right-password' }).expect(429);
    expect(res.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Other users are not affected.
    await http.post('/auth/login').send({ username: 'auditor', password: 'auditor' }).expect(200);
  });

  it('asks a user with roles in several bodies which body it acts for', async () => {
    const users = app.get(UsersService);
    const bodies: { id: string; name: string }[] = await app
      .get<DataSource>(getDataSourceToken())
      .query(`SELECT id, name FROM body WHERE name IN ('Kreis Recklinghausen', 'Stadt Castrop-Rauxel') ORDER BY name`);
    for (const body of bodies) {
      await users.ensureUser({ username: 'gkd-operator', password: 'pw-gkd', displayName: 'GKD', bodyId: body.id, roles: ['auditor'] });
    }
    const res = await http.post('/auth/login').send({ username: 'gkd-operator', password: 'pw-gkd' }).expect(400);
    expect(res.body.code).toBe('AUTH.BODY_REQUIRED');
    expect(res.body.bodies.map((b: { name: string }) => b.name).sort()).toEqual(['Kreis Recklinghausen', 'Stadt Castrop-Rauxel']);
    const chosen = await http
      .post('/auth/login')
      .send({ username: 'gkd-operator', password: 'pw-gkd', bodyId: bodies[1].id })
      .expect(200);
    expect(chosen.body.user.body).toEqual(bodies[1]);
  });

  it('stores only argon2id hashes', async () => {
    const rows = await app.get<DataSource>(getDataSourceToken()).query(`SELECT password_hash FROM user_account`);
    expect(rows.length).toBeGreaterThanOrEqual(9);
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});
