import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { completePaper, kreisOrganizations, KreisOrganizations } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';
import { isolatedDatabase } from '../setup/test-environment';

/**
 * Input a security probe sent that used to end in 500s: NUL bytes and lone UTF-16
 * surrogates in text, JSON nested 10,000 deep, a page number beyond bigint. Each is
 * bad input: 400 naming the field, nothing written.
 */
describe('input robustness (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let orgs: KreisOrganizations;
  let clerk: string;
  let sitzungsdienst: string;

  let drop: () => Promise<void>;

  // A database of its own: row counts prove that refused input wrote nothing, and other
  // suites of the run write papers at the same time.
  beforeAll(async () => {
    const isolated = await isolatedDatabase('input_robustness');
    drop = isolated.drop;
    app = await createTestApp('postgres', { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix });
    db = app.get(getDataSourceToken());
    clerk = await tokenFor(app, 'clerk');
    sitzungsdienst = await tokenFor(app, 'sitzungsdienst');
    orgs = await kreisOrganizations(app, clerk);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const http = () => request(app.getHttpServer());
  const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);
  /** Sends a JSON text as is, so escapes such as \ud800 reach the parser untouched. */
  const postRaw = (path: string, json: string, token?: string) => {
    const req = http().post(path).set('Content-Type', 'application/json');
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req.send(json);
  };

  const paperTextPaths: [string, (p: Record<string, any>, v: string) => void][] = [
    ['title', (p, v) => (p.title = v)],
    ['decisionProposal', (p, v) => (p.decisionProposal = v)],
    ['facts', (p, v) => (p.facts = v)],
    ['goals.0', (p, v) => (p.goals = [v])],
    ['measures.0', (p, v) => (p.measures = [v])],
    ['costs', (p, v) => (p.costs = v)],
    ['climateImpact.justification', (p, v) => (p.climateImpact = { effect: 'positive', justification: v })],
    ['responsibleUnit', (p, v) => (p.responsibleUnit = v)],
    ['consultations.0.reporter', (p, v) => (p.consultations[0].reporter = v)],
    ['consultations.0.agendaItemNumber', (p, v) => (p.consultations[0].agendaItemNumber = v)],
  ];

  describe.each([
    ['a NUL byte', 'Vorlage \u0000 mit NUL'],
    ['a lone surrogate', 'Vorlage \ud800 halb'],
  ])('%s in text', (_what, bad) => {
    it.each(paperTextPaths)('POST /papers with it in %s: 400 naming the field, no paper', async (path, put) => {
      const before = await count('paper');
      const paper = completePaper(orgs);
      put(paper, bad);
      const res = await postRaw('/papers', JSON.stringify(paper), clerk).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'COMMON.BAD_INPUT' });
      expect(fieldsOf(res.body)).toEqual([path]);
      expect(await count('paper')).toBe(before);
    });

    it('POST /auth/login (no token) with it in username or password: 400 naming the field', async () => {
      for (const field of ['username', 'password']) {
        const body = { username: 'clerk', password: 'clerk', [field]: bad };
        const res = await postRaw('/auth/login', JSON.stringify(body)).expect(400);
        expect(fieldsOf(res.body)).toEqual([field]);
      }
    });

    it('POST /meetings with it in location: 400 naming the field, no meeting', async () => {
      const before = await count('meeting');
      const meeting = { organizationId: orgs.committee, start: '2031-03-04T17:00:00+01:00', location: bad };
      const res = await postRaw('/meetings', JSON.stringify(meeting), sitzungsdienst).expect(400);
      expect(fieldsOf(res.body)).toEqual(['location']);
      expect(await count('meeting')).toBe(before);
    });
  });

  // A URL carries UTF-8 bytes, so a surrogate cannot arrive in one; NUL can (%00).
  it('GET /papers?q= with a NUL byte, and a path parameter with one: 400 naming the field', async () => {
    const list = await http().get('/papers?q=Digital%00isierung').set('Authorization', `Bearer ${clerk}`).expect(400);
    expect(fieldsOf(list.body)).toEqual(['q']);
    const one = await http().get('/papers/abc%00def').set('Authorization', `Bearer ${clerk}`).expect(400);
    expect(fieldsOf(one.body)).toEqual(['id']);
  });

  it('a lone surrogate written as a JSON escape is refused too', async () => {
    const res = await postRaw('/auth/login', '{"username":"clerk\\udc00","password":"clerk"}').expect(400);
    expect(fieldsOf(res.body)).toEqual(['username']);
  });

  // Found by the fuzzer (test/e2e/fuzz.e2e-spec.ts): both were accepted and created a paper.
  it('refuses __proto__ and constructor as field names like any unknown field', async () => {
    const before = await count('paper');
    const paper = JSON.stringify(completePaper(orgs)).slice(1);
    for (const key of ['__proto__', 'constructor']) {
      const res = await postRaw('/papers', `{"${key}":{"isAdmin":true},${paper}`, clerk).expect(400);
      expect(fieldsOf(res.body)).toEqual([key]);
      const login = await postRaw('/auth/login', `{"username":"clerk","password":"clerk","${key}":{"prototype":{}}}`).expect(400);
      expect(fieldsOf(login.body)).toEqual([key]);
    }
    expect(await count('paper')).toBe(before);
  });

  it('refuses an array where a single nested object is expected', async () => {
    const before = await count('paper');
    for (const climateImpact of [[{ effect: 'none' }], []]) {
      const res = await postRaw('/papers', JSON.stringify(completePaper(orgs, { climateImpact })), clerk).expect(400);
      expect(fieldsOf(res.body)).toEqual(['climateImpact']);
    }
    expect(await count('paper')).toBe(before);
  });

  // Found by the fuzzer: a list of lists passed as a list of nested objects (`bias`, the
  // Beratungsfolge) and reached the service, which answered 500.
  it('refuses a list inside a list of nested objects', async () => {
    const before = await count('paper');
    const paper = completePaper(orgs);
    const res = await postRaw('/papers', JSON.stringify({ ...paper, consultations: [paper.consultations] }), clerk).expect(400);
    expect(fieldsOf(res.body)).toEqual(['consultations.0']);
    expect(await count('paper')).toBe(before);
  });

  // Found by the fuzzer: a form post edited a draft (the API speaks JSON only).
  it('answers a body that is not JSON with 415 and changes nothing', async () => {
    const paper = (await postRaw('/papers', JSON.stringify(completePaper(orgs, { title: 'Formulartest' })), clerk).expect(201)).body;
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'title=ge%C3%A4ndert'],
      ['text/plain', '{"title":"geändert"}'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\ngeändert\r\n--b--'],
    ]) {
      const res = await http().patch(`/papers/${paper.id}`).set('Authorization', `Bearer ${clerk}`).set('Content-Type', type).send(body).expect(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    }
    const after = (await http().get(`/papers/${paper.id}`).set('Authorization', `Bearer ${clerk}`).expect(200)).body;
    expect(after).toMatchObject({ title: 'Formulartest', version: paper.version });
    // No body, no content type: fine (DELETE, and events without payload).
    await http().get('/papers').set('Authorization', `Bearer ${clerk}`).set('Content-Type', 'text/plain').expect(200);
  });

  it('refuses JSON nested 10,000 deep before parsing it, with or without a token', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const login = await postRaw('/auth/login', `{"username":${deep},"password":"x"}`).expect(400);
    expect(login.body).toMatchObject({ statusCode: 400, code: 'COMMON.BAD_INPUT' });
    expect(fieldsOf(login.body)).toEqual(['username']);
    const before = await count('paper');
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    await postRaw('/papers', `{"title":"t","paperType":"Antrag","climateImpact":${objects}}`, clerk).expect(400);
    expect(await count('paper')).toBe(before);
  });

  it('still takes moderately nested JSON and brackets inside strings', async () => {
    const paper = completePaper(orgs, { title: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{' });
    await postRaw('/papers', JSON.stringify(paper), clerk).expect(201);
  });

  it('refuses a body over the size limit with 413 and takes a long Sachverhalt below it', async () => {
    const huge = JSON.stringify({ username: 'x'.repeat(3 * 1024 * 1024), password: 'x' });
    const res = await postRaw('/auth/login', huge).expect(413);
    expect(res.body.statusCode).toBe(413);
    // The DTO allows 200,000 characters of facts; umlauts take two bytes each.
    await postRaw('/papers', JSON.stringify(completePaper(orgs, { facts: 'ä'.repeat(200_000) })), clerk).expect(201);
  });

  it.each(['1e20', '99999999999999999999', '9007199254740993', '100000000000000000'])(
    'GET /papers?page=%s: 400 naming page',
    async (page) => {
      const res = await http().get('/papers').query({ page }).set('Authorization', `Bearer ${clerk}`).expect(400);
      expect(fieldsOf(res.body)).toEqual(['page']);
    },
  );

  it('still pages with a large but sane page number', async () => {
    const res = await http().get('/papers').query({ page: 1000000, limit: 100 }).set('Authorization', `Bearer ${clerk}`).expect(200);
    expect(res.body).toMatchObject({ data: [], page: 1000000, limit: 100 });
  });

  it('answers an unknown route with 404 and a wrong content type with 415 or 400, never 500', async () => {
    const missing = await http().get('/no/such/route').set('Authorization', `Bearer ${clerk}`).expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await http().post('/no/such/route').send({ a: 1 }).expect(404);
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
      const res = await http().post('/papers').set('Authorization', `Bearer ${clerk}`).set('Content-Type', type).send('title=x');
      expect([400, 415]).toContain(res.status);
    }
    const charset = await http().post('/auth/login').set('Content-Type', 'application/json; charset=utf-16').send('{}');
    expect([400, 415]).toContain(charset.status);
    const garbage = await postRaw('/auth/login', '{"username": "clerk", "password": ').expect(400);
    expect(garbage.body.statusCode).toBe(400);
  });
});
