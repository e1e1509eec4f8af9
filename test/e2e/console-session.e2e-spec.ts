import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { completePaper, kreisOrganizations } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';

/**
 * The web console's login (issue 15): the bearer token stays as it was for API clients
 * (CONTRACT.md), and the same login sets an httpOnly, SameSite=Strict session cookie
 * plus a readable CSRF cookie. A change authenticated by the cookie needs the CSRF
 * token in X-CSRF-Token (double submit), a bearer request needs none; logout clears
 * the cookies and revokes the token.
 */
describe('console session: cookie and CSRF token (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  interface Session {
    cookie: string;
    csrf: string;
    setCookie: string[];
    accessToken: string;
  }

  async function login(username: string, headers: Record<string, string> = {}): Promise<Session> {
    const res = await http().post('/auth/login').set(headers).send({ username, password: username }).expect(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const value = (name: string) => setCookie.find((c) => c.startsWith(`${name}=`))!.split(';')[0].slice(name.length + 1);
    return {
      cookie: `ratsweg_session=${value('ratsweg_session')}; ratsweg_csrf=${value('ratsweg_csrf')}`,
      csrf: decodeURIComponent(value('ratsweg_csrf')),
      setCookie,
      accessToken: res.body.accessToken,
    };
  }

  async function paperBody() {
    const orgs = await kreisOrganizations(app, await tokenFor(app, 'clerk'));
    return completePaper(orgs, { title: `Konsole ${Math.random().toString(36).slice(2, 8)}` });
  }

  const papersTitled = async (title: string) => Number((await db.query(`SELECT count(*)::int AS n FROM paper WHERE title = $1`, [title]))[0].n);

  it('login keeps answering the bearer token and also sets an httpOnly, SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const s = await login('clerk');
    expect(s.accessToken).toEqual(expect.any(String));
    const session = s.setCookie.find((c) => c.startsWith('ratsweg_session='))!;
    const csrf = s.setCookie.find((c) => c.startsWith('ratsweg_csrf='))!;
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Strict/i);
    expect(session).toMatch(/; Path=\//);
    expect(session).toMatch(/; Max-Age=3600/);
    expect(session).not.toMatch(/; Secure/i); // plain http here
    expect(session.split(';')[0]).toBe(`ratsweg_session=${s.accessToken}`);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/; SameSite=Strict/i);
    expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('marks both cookies Secure when the browser came over https (through a proxy that says so)', async () => {
    const s = await login('clerk', { 'X-Forwarded-Proto': 'https' });
    expect(s.setCookie).toHaveLength(2);
    for (const c of s.setCookie) expect(c).toMatch(/; Secure/i);
  });

  it('reads with the cookie alone', async () => {
    const s = await login('fbl');
    const me = await http().get('/auth/me').set('Cookie', s.cookie).expect(200);
    expect(me.body).toMatchObject({ username: 'fbl', roles: ['department_head'] });
    await http().get('/papers').set('Cookie', s.cookie).expect(200);
  });

  it('refuses a change made with the cookie but without the CSRF header: 403, nothing written', async () => {
    const s = await login('clerk');
    const body = await paperBody();
    const res = await http().post('/papers').set('Cookie', s.cookie).send(body).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'AUTH.CSRF_REQUIRED' });
    expect(await papersTitled(body.title)).toBe(0);
  });

  it('refuses a wrong CSRF token and another session’s token alike', async () => {
    const s = await login('clerk');
    const other = await login('clerk');
    const body = await paperBody();
    await http().post('/papers').set('Cookie', s.cookie).set('X-CSRF-Token', 'x'.repeat(43)).send(body).expect(403);
    await http().post('/papers').set('Cookie', s.cookie).set('X-CSRF-Token', other.csrf).send(body).expect(403);
    expect(await papersTitled(body.title)).toBe(0);
  });

  it('accepts the change with the session’s CSRF header', async () => {
    const s = await login('clerk');
    const body = await paperBody();
    const res = await http().post('/papers').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send(body).expect(201);
    expect(res.body).toMatchObject({ title: body.title, state: 'draft' });
    expect(await papersTitled(body.title)).toBe(1);
  });

  it('needs no CSRF header for a bearer request, and judges a request with an Authorization header by that header alone', async () => {
    const s = await login('clerk');
    const body = await paperBody();
    await http().post('/papers').set('Authorization', `Bearer ${s.accessToken}`).send(body).expect(201);
    // A broken Authorization header is 401 even with a valid session cookie beside it.
    await http().get('/auth/me').set('Authorization', 'Bearer nonsense').set('Cookie', s.cookie).expect(401);
  });

  it('answers 401 to an invalid session cookie, before any CSRF check', async () => {
    const res = await http().post('/papers').set('Cookie', 'ratsweg_session=not-a-token').send({}).expect(401);
    expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('logout with the cookie needs the CSRF header, clears both cookies and revokes the token', async () => {
    const s = await login('kd');
    await http().post('/auth/logout').set('Cookie', s.cookie).expect(403);
    await http().get('/auth/me').set('Cookie', s.cookie).expect(200);

    const res = await http().post('/auth/logout').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).expect(204);
    const cleared = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cleared.find((c) => c.startsWith('ratsweg_session=;'))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared.find((c) => c.startsWith('ratsweg_csrf=;'))).toMatch(/Expires=Thu, 01 Jan 1970/);
    // The token itself is revoked: neither the old cookie nor the same token as bearer gets in.
    const after = await http().get('/auth/me').set('Cookie', s.cookie).expect(401);
    expect(after.body.message).toMatch(/revoked/);
    await http().get('/auth/me').set('Authorization', `Bearer ${s.accessToken}`).expect(401);
  });
});
