import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { LoginThrottle } from '../../src/modules/identity/login-throttle';
import { createTestApp } from '../setup/test-app';

/**
 * Issue 12, finding 6: a whole Kreisverwaltung behind one NAT address. The login
 * throttle of its own app (in-memory per instance), so no other suite's failures count.
 */
describe('login throttling per account, not per address (e2e)', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await createTestApp();
    http = request(app.getHttpServer());
  });
  afterAll(() => app.close());

  it('lets the right password of another user in after 25 failed logins of various users from one address', async () => {
    const typists = ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor', 'cr-clerk'];
    for (let i = 0; i < 25; i++) {
      await http.post('/auth/login').send({ username: typists[i % typists.length], password: `typo-${i}` }).expect(401);
    }
    const res = await http.post('/auth/login').send({ username: 'admin', password: 'admin' }).expect(200);
    expect(res.body.user.username).toBe('admin');
    // None of the typists failed five times: each still gets in with the right password.
    await http.post('/auth/login').send({ username: 'clerk', password: 'clerk' }).expect(200);
  });

  it('still locks one account that is guessed at, with a growing wait', async () => {
    for (let i = 0; i < 5; i++) await http.post('/auth/login').send({ username: 'clerk', password: `guess-${i}` }).expect(401);
    const locked = await http.post('/auth/login').send({ username: 'clerk', password: 'clerk' }).expect(429);
    expect(locked.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(30);
    await http.post('/auth/login').send({ username: 'landrat', password: 'landrat' }).expect(200);
  });

  it('answers wrong passwords from a flagged address (500 failures) with 429, and still lets a right one in', async () => {
    // 500 real argon2 failures would take minutes: the throttle is told directly, for every form of the loopback address.
    const throttle = app.get(LoginThrottle);
    for (const address of ['::ffff:127.0.0.1', '127.0.0.1', '::1']) {
      for (let i = 0; i < 500; i++) throttle.recordFailure(`sprayed-${i}`, address);
    }
    const wrong = await http.post('/auth/login').send({ username: 'auditor', password: 'wrong' }).expect(429);
    expect(Number(wrong.headers['retry-after'])).toBeGreaterThan(0);
    await http.post('/auth/login').send({ username: 'sitzungsdienst', password: 'sitzungsdienst' }).expect(200);
  });
});
