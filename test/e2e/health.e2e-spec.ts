import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../setup/test-app';

describe.each(['postgres', 'redis'] as const)('health and documents on the %s queue backend (e2e)', (backend) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(backend);
  });
  afterAll(() => app.close());

  it('reports database and queue up, without a token', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', queue: 'up' });
  });

  it('serves the OpenAPI document and UI publicly, with security headers', async () => {
    const json = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/auth/login', '/organizations', '/health']));
    const ui = await request(app.getHttpServer()).get('/api/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    expect(ui.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives every request an id and echoes a well-formed incoming one', async () => {
    const fresh = await request(app.getHttpServer()).get('/health').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const res = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'trace-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
    const bad = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'evil\tvalue with spaces').expect(200);
    expect(bad.headers['x-request-id']).not.toContain('evil');
  });
});
