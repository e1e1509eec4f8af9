import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/modules/identity/role';
import { UsersService } from '../../src/modules/identity/users.service';
import { createTestApp, tokenFor } from '../setup/test-app';

/**
 * Issue 12, finding 4: a revoked role or a disabled account kept working until the
 * token expired (8 h). Roles and the account's status are checked per request now;
 * logout revokes the presented token. Real tokens throughout.
 */
describe('roles and account status per request, logout (e2e)', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let db: DataSource;
  let kreisId: string;
  let castropId: string;
  let admin: string;

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** A clerk-only route: with the role, an empty body is bad input (400); without it, 403 before any validation. */
  const asClerk = (token: string) => http.post('/papers').set(bearer(token)).send({});
  const newUser = async (username: string, roles: Role[], bodyId = kreisId) => {
    const { user } = await app.get(UsersService).ensureUser({ username, password: `${username}-pw`, displayName: username, bodyId, roles });
    return { id: user.id, token: await tokenFor(app, username, `${username}-pw`) };
  };

  beforeAll(async () => {
    app = await createTestApp();
    http = request(app.getHttpServer());
    db = app.get<DataSource>(getDataSourceToken());
    [{ id: kreisId }] = await db.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
    [{ id: castropId }] = await db.query(`SELECT id FROM body WHERE name = 'Stadt Castrop-Rauxel'`);
    admin = await tokenFor(app, 'admin');
  });
  afterAll(() => app.close());

  describe('a removed role', () => {
    it('is refused at once when the admin changes the roles', async () => {
      const user = await newUser('acc-demoted', ['clerk']);
      await asClerk(user.token).expect(400);
      const res = await http.put(`/admin/users/${user.id}/roles`).set(bearer(admin)).send({ roles: ['auditor'] }).expect(200);
      expect(res.body).toMatchObject({ id: user.id, username: 'acc-demoted', roles: ['auditor'], active: true });
      const refused = await asClerk(user.token).expect(403);
      expect(refused.body.code).toBe('AUTH.FORBIDDEN');
      const me = await http.get('/auth/me').set(bearer(user.token)).expect(200);
      expect(me.body.roles).toEqual(['auditor']);
    });

    it('is refused within seconds when the change came from elsewhere (another instance, SQL)', async () => {
      const user = await newUser('acc-removed-elsewhere', ['clerk', 'auditor']);
      await asClerk(user.token).expect(400);
      await db.query(`DELETE FROM role_assignment WHERE user_id = $1 AND role = 'clerk'`, [user.id]);
      const start = Date.now();
      let status = 400;
      while (status !== 403 && Date.now() - start < 8000) {
        status = (await asClerk(user.token)).status;
        if (status !== 403) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(403);
    });

    it('leaves a user with no role left in the body nothing but 403', async () => {
      const user = await newUser('acc-no-role-left', ['clerk']);
      await db.query(`DELETE FROM role_assignment WHERE user_id = $1`, [user.id]);
      await http.put(`/admin/users/${user.id}/roles`).set(bearer(admin)).send({ roles: ['clerk'] }).expect(404);
      const start = Date.now();
      let status = 200;
      while (status !== 403 && Date.now() - start < 8000) {
        status = (await http.get('/organizations').set(bearer(user.token))).status;
        if (status !== 403) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(403);
    });
  });

  describe('PUT /admin/users/:id/roles', () => {
    it('does not let a body admin grant operator, nor touch another body, nor itself lose admin', async () => {
      const user = await newUser('acc-roles', ['clerk']);
      const op = await http.put(`/admin/users/${user.id}/roles`).set(bearer(admin)).send({ roles: ['clerk', 'operator'] }).expect(403);
      expect(op.body.code).toBe('AUTH.FORBIDDEN');
      const [crClerk] = await db.query(`SELECT id FROM user_account WHERE username = 'cr-clerk'`);
      await http.put(`/admin/users/${crClerk.id}/roles`).set(bearer(admin)).send({ roles: ['admin'] }).expect(404);
      const [self] = await db.query(`SELECT id FROM user_account WHERE username = 'admin'`);
      await http.put(`/admin/users/${self.id}/roles`).set(bearer(admin)).send({ roles: ['clerk'] }).expect(400);
      const roles = await db.query(`SELECT role FROM role_assignment WHERE user_id = $1 ORDER BY role`, [user.id]);
      expect(roles).toEqual([{ role: 'clerk' }]);
    });

    it('answers bad input with 400 naming the field, and a clerk with 403', async () => {
      const user = await newUser('acc-roles-bad', ['clerk']);
      const unknown = await http.put(`/admin/users/${user.id}/roles`).set(bearer(admin)).send({ roles: ['emperor'] }).expect(400);
      expect(unknown.body.fields.map((f: { field: string }) => f.field)).toEqual(['roles']);
      const empty = await http.put(`/admin/users/${user.id}/roles`).set(bearer(admin)).send({ roles: [] }).expect(400);
      expect(empty.body.fields.map((f: { field: string }) => f.field)).toEqual(['roles']);
      await http.put(`/admin/users/${user.id}/roles`).set(bearer(user.token)).send({ roles: ['admin'] }).expect(403);
      await http.put('/admin/users/not-a-uuid/roles').set(bearer(admin)).send({ roles: ['clerk'] }).expect(400);
    });
  });

  describe('a disabled user', () => {
    it('is refused at once (401), cannot log in, and comes back when enabled', async () => {
      const user = await newUser('acc-disabled', ['clerk']);
      await http.get('/auth/me').set(bearer(user.token)).expect(200);
      const res = await http.post(`/admin/users/${user.id}/disable`).set(bearer(admin)).expect(200);
      expect(res.body).toMatchObject({ id: user.id, active: false });
      const refused = await http.get('/auth/me').set(bearer(user.token)).expect(401);
      expect(refused.body.code).toBe('AUTH.UNAUTHENTICATED');
      await http.post('/auth/login').send({ username: 'acc-disabled', password: 'acc-disabled-pw' }).expect(401);

      await http.post(`/admin/users/${user.id}/enable`).set(bearer(admin)).expect(200);
      await tokenFor(app, 'acc-disabled', 'acc-disabled-pw');
    });

    it('is refused within seconds when disabled from elsewhere', async () => {
      const user = await newUser('acc-disabled-elsewhere', ['clerk']);
      await http.get('/auth/me').set(bearer(user.token)).expect(200);
      await db.query(`UPDATE user_account SET active = false WHERE id = $1`, [user.id]);
      const start = Date.now();
      let status = 200;
      while (status !== 401 && Date.now() - start < 8000) {
        status = (await http.get('/auth/me').set(bearer(user.token))).status;
        if (status !== 401) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(401);
    });

    it('is refused (401) when the account is gone', async () => {
      const user = await newUser('acc-deleted', ['clerk']);
      await db.query(`DELETE FROM user_account WHERE id = $1`, [user.id]);
      const start = Date.now();
      let status = 200;
      while (status !== 401 && Date.now() - start < 8000) {
        status = (await http.get('/auth/me').set(bearer(user.token))).status;
        if (status !== 401) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(401);
    });

    it('can be disabled only by an admin of a body the user belongs to, and not by itself', async () => {
      const crAdmin = await newUser('acc-cr-admin', ['admin'], castropId);
      const kreisUser = await newUser('acc-kreis-user', ['clerk']);
      await http.post(`/admin/users/${kreisUser.id}/disable`).set(bearer(crAdmin.token)).expect(404);
      await http.post(`/admin/users/${kreisUser.id}/disable`).set(bearer(kreisUser.token)).expect(403);
      await http.post(`/admin/users/${crAdmin.id}/disable`).set(bearer(crAdmin.token)).expect(400);
      await http.get('/auth/me').set(bearer(kreisUser.token)).expect(200);
    });
  });

  describe('GET /admin/users', () => {
    it("lists the admin's body's users with their roles there, and no other body's", async () => {
      const kreis = (await http.get('/admin/users').set(bearer(admin)).expect(200)).body as { username: string; roles: string[]; active: boolean }[];
      expect(kreis).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'clerk', roles: ['clerk'], active: true })]));
      expect(kreis.map((u) => u.username)).not.toContain('cr-clerk');
      expect(kreis[0]).not.toHaveProperty('passwordHash');
      const crAdmin = await newUser('acc-cr-admin-2', ['admin'], castropId);
      const castrop = (await http.get('/admin/users').set(bearer(crAdmin.token)).expect(200)).body as { username: string }[];
      expect(castrop.map((u) => u.username)).toContain('cr-clerk');
      expect(castrop.map((u) => u.username)).not.toContain('clerk');
      await http.get('/admin/users').set(bearer(await tokenFor(app, 'clerk'))).expect(403);
    });
  });

  describe('POST /auth/logout', () => {
    it('revokes the presented token only', async () => {
      const first = await tokenFor(app, 'auditor');
      const second = await tokenFor(app, 'auditor');
      await http.post('/auth/logout').set(bearer(first)).expect(204);
      const refused = await http.get('/auth/me').set(bearer(first)).expect(401);
      expect(refused.body.code).toBe('AUTH.UNAUTHENTICATED');
      await http.post('/auth/logout').set(bearer(first)).expect(401);
      await http.get('/auth/me').set(bearer(second)).expect(200);
    });

    it('needs a token', async () => {
      await http.post('/auth/logout').expect(401);
    });

    it('gives every token a jti and refuses one without (it could not be revoked)', async () => {
      const token = await tokenFor(app, 'clerk');
      const claims = app.get(JwtService).decode(token) as Record<string, unknown>;
      expect(claims.jti).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
      const { jti: _jti, iat: _iat, exp: _exp, iss: _iss, ...rest } = claims;
      const withoutJti = await app.get(JwtService).signAsync(rest);
      await http.get('/auth/me').set(bearer(withoutJti)).expect(401);
    });
  });
});
