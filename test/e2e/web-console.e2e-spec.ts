import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { webConsoleRoot } from '../../src/infrastructure/http/web-console';
import { createTestApp } from '../setup/test-app';

/**
 * The app serves the built console (npm run build → dist/web) at `/` without a token,
 * index.html for the console's own routes, and leaves every API path to the API: an
 * unknown one is still a JSON 404, never the console's page.
 */
describe('web console served by the app (e2e)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('is built (npm test builds it first)', () => {
    expect(webConsoleRoot()).toBe(path.resolve(__dirname, '../../dist/web'));
  });

  it('serves the console at / without a token, in German, not cached stale', async () => {
    const res = await http().get('/').set('Accept', HTML).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<html lang="de">');
    expect(res.text).toContain('<div id="root"></div>');
  });

  it('answers index.html for the console’s routes (a reload or bookmark of /vorlagen/…)', async () => {
    for (const route of ['/vorlagen', '/vorlagen/6f1c2a53-0d7e-4b8e-9f3a-2c1d4e5f6a7b', '/eingang']) {
      const res = await http().get(route).set('Accept', HTML).expect(200);
      expect(res.text).toContain('<div id="root"></div>');
    }
  });

  it('serves the hashed assets for good, without a token', async () => {
    const [script] = readdirSync(path.join(webConsoleRoot()!, 'assets')).filter((f) => f.endsWith('.js'));
    const res = await http().get(`/assets/${script}`).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    await http().get('/assets/missing-0000.js').expect(404);
  });

  it('leaves API paths to the API: unknown ones are JSON 404s even when a browser asks for HTML', async () => {
    for (const path of ['/papers/6f1c2a53-0d7e-4b8e-9f3a-2c1d4e5f6a7b/nothing', '/auth/nothing', '/api/nothing', '/admin/nothing', '/inbox/x']) {
      const res = await http().get(path).set('Accept', HTML);
      expect([path, res.status, res.headers['content-type']]).toEqual([path, 404, expect.stringMatching(/^application\/json/)]);
    }
    // An API route still wants its token, whatever the Accept header.
    const papers = await http().get('/papers').set('Accept', HTML).expect(401);
    expect(papers.body.code).toBe('AUTH.UNAUTHENTICATED');
    await http().get('/health').set('Accept', HTML).expect(200).expect('Content-Type', /json/);
  });

  it('answers a client that does not ask for HTML with the JSON 404, and a POST to a console route too', async () => {
    const json = await http().get('/vorlagen').set('Accept', 'application/json').expect(404);
    expect(json.body).toMatchObject({ statusCode: 404 });
    await http().post('/vorlagen').send({}).expect(404);
  });

  it('keeps the security headers on the console’s page', async () => {
    const res = await http().get('/').set('Accept', HTML).expect(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
