import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createTestBody, type TestBody } from '../factories/body.factory';
import { completePaper, createPaper, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';

const DEFAULT_CHAIN = ['department_head', 'district_director', 'district_administrator'];

/** Issue 12, finding 1: the sign-off chain is the body's rule, not the author's choice. */
describe('papers: the body’s sign-off rules (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let body: TestBody;
  let other: TestBody;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(getDataSourceToken());
    body = await createTestBody(app);
    other = await createTestBody(app);
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());
  const tok = (user: string) => body.tokens[user];
  const post = (user: string, paper: Record<string, unknown>) => http().post('/papers').set('Authorization', `Bearer ${tok(user)}`).send(paper);
  const putRule = (user: string, paperType: string, payload: unknown, b: TestBody = body) =>
    http().put(`/sign-off-rules/${paperType}`).set('Authorization', `Bearer ${b.tokens[user]}`).send(payload as object);
  const getRules = (user: string, b: TestBody = body) => http().get('/sign-off-rules').set('Authorization', `Bearer ${b.tokens[user]}`);
  const paperCount = async () => Number((await db.query(`SELECT count(*) AS n FROM paper WHERE body_id = $1`, [body.id]))[0].n);
  const fields = (res: request.Response) => (res.body.fields ?? []).map((f: { field: string }) => f.field);

  describe('creating a paper', () => {
    it('refuses a chain that skips the body’s required steps (the probe: [] and ["department_head"]) with 400 naming signOffSteps, storing nothing', async () => {
      const before = await paperCount();
      for (const steps of [[], ['department_head'], ['department_head', 'district_administrator']]) {
        const res = await post('clerk', completePaper(body.orgs, { signOffSteps: steps })).expect(400);
        expect(res.body.code).toBe('COMMON.BAD_INPUT');
        expect(fields(res)).toEqual(['signOffSteps']);
      }
      expect(await paperCount()).toBe(before);
    });

    it('refuses a chain that reorders the required steps', async () => {
      const res = await post('clerk', completePaper(body.orgs, { signOffSteps: ['district_director', 'department_head', 'district_administrator'] })).expect(400);
      expect(fields(res)).toEqual(['signOffSteps']);
    });

    it('refuses a chain naming a step twice or a role that does not sign', async () => {
      for (const steps of [['department_head', 'department_head', 'district_director', 'district_administrator'], ['clerk', ...DEFAULT_CHAIN]]) {
        const res = await post('clerk', completePaper(body.orgs, { signOffSteps: steps })).expect(400);
        expect(fields(res)).toEqual(['signOffSteps']);
      }
    });

    it('gives a paper without signOffSteps the body’s chain, and the probe’s SUBMIT waits for the department head', async () => {
      const paper = await createPaper(app, tok('clerk'), completePaper(body.orgs));
      const submitted = await sendEvent(app, tok('clerk'), paper.id, { type: 'SUBMIT' }).expect(200);
      expect(submitted.body.state).toBe('signOff');
      expect(submitted.body.paper.reference).toBeNull();
      expect(submitted.body.paper.signOff).toMatchObject({ steps: DEFAULT_CHAIN, nextRole: 'department_head' });
    });

    it('cannot lose the chain through PATCH: signOffSteps is not an editable field', async () => {
      const paper = await createPaper(app, tok('clerk'), completePaper(body.orgs));
      const res = await http().patch(`/papers/${paper.id}`).set('Authorization', `Bearer ${tok('clerk')}`).send({ signOffSteps: [] }).expect(400);
      expect(fields(res)).toEqual(['signOffSteps']);
      const after = (await http().get(`/papers/${paper.id}`).set('Authorization', `Bearer ${tok('clerk')}`)).body;
      expect(after).toMatchObject({ version: 1, signOff: { steps: DEFAULT_CHAIN } });
    });
  });

  describe('GET /sign-off-rules and PUT /sign-off-rules/:paperType', () => {
    it('lists the chain per paper type for any role of the body, the default where the body set none', async () => {
      const res = await getRules('auditor', other).expect(200);
      expect(res.body).toEqual(
        ['Beschlussvorlage', 'Mitteilungsvorlage', 'Antrag', 'Anfrage'].map((paperType) =>
          // Anträge and Anfragen come from Fraktionen and members: no administrative sign-off by default.
          ['Antrag', 'Anfrage'].includes(paperType)
            ? { paperType, mode: 'none', steps: [], parallel: [], isDefault: true }
            : { paperType, mode: 'chain', steps: DEFAULT_CHAIN, parallel: [], isDefault: true },
        ),
      );
      await http().get('/sign-off-rules').expect(401);
    });

    it('lets only the body’s admin change a rule, validated, and keeps bodies apart', async () => {
      await putRule('clerk', 'Mitteilungsvorlage', { steps: ['district_administrator'] }).expect(403);
      await putRule('landrat', 'Mitteilungsvorlage', { steps: ['district_administrator'] }).expect(403);
      const cases: [unknown, string[]][] = [
        [{ steps: ['department_head', 'department_head'] }, ['steps']],
        [{ steps: ['clerk'] }, ['steps']],
        [{ steps: 'department_head' }, ['steps']],
        [{}, ['steps']],
        [{ steps: [], extra: 1 }, ['extra']],
      ];
      for (const [payload, named] of cases) {
        const res = await putRule('admin', 'Mitteilungsvorlage', payload).expect(400);
        expect(fields(res)).toEqual(named);
      }
      const unknownType = await putRule('admin', 'Memo', { steps: [] }).expect(400);
      expect(fields(unknownType)).toEqual(['paperType']);
      const saved = await putRule('admin', 'Mitteilungsvorlage', { steps: ['department_head', 'district_administrator'] }).expect(200);
      expect(saved.body).toEqual({ paperType: 'Mitteilungsvorlage', mode: 'chain', steps: ['department_head', 'district_administrator'], parallel: [], isDefault: false });
      const mine = (await getRules('clerk').expect(200)).body;
      expect(mine.find((r: { paperType: string }) => r.paperType === 'Mitteilungsvorlage').steps).toEqual(['department_head', 'district_administrator']);
      const theirs = (await getRules('clerk', other).expect(200)).body;
      expect(theirs.find((r: { paperType: string }) => r.paperType === 'Mitteilungsvorlage').steps).toEqual(DEFAULT_CHAIN);
      // The change is audited like any other decision.
      const entries = await db.query(`SELECT type, payload FROM audit_event WHERE body_id = $1 AND subject_type = 'sign_off_rule'`, [body.id]);
      expect(entries).toEqual([
        {
          type: 'SET_SIGN_OFF_RULE',
          payload: { paperType: 'Mitteilungsvorlage', mode: 'chain', steps: ['department_head', 'district_administrator'], parallel: [], previous: DEFAULT_CHAIN, previousParallel: [], previousMode: 'chain' },
        },
      ]);
    });

    it('lets a clerk add steps to the body’s chain but not drop one; papers keep the chain they were created with', async () => {
      const type = { paperType: 'Antrag' };
      // A body may decide that its administration signs off Anträge (mode chain); the default is none.
      await putRule('admin', 'Antrag', { steps: DEFAULT_CHAIN }).expect(200);
      const before = await createPaper(app, tok('clerk'), completePaper(body.orgs, type));
      await putRule('admin', 'Antrag', { steps: ['district_administrator'] }).expect(200);
      const plain = await createPaper(app, tok('clerk'), completePaper(body.orgs, type));
      const extra = await createPaper(app, tok('clerk'), completePaper(body.orgs, { ...type, signOffSteps: ['department_head', 'district_administrator'] }));
      const skipping = await post('clerk', completePaper(body.orgs, { ...type, signOffSteps: ['department_head'] })).expect(400);
      expect(fields(skipping)).toEqual(['signOffSteps']);
      const steps = async (id: string) => (await http().get(`/papers/${id}`).set('Authorization', `Bearer ${tok('clerk')}`)).body.signOff.steps;
      expect(await steps(before.id)).toEqual(DEFAULT_CHAIN);
      expect(await steps(plain.id)).toEqual(['district_administrator']);
      expect(await steps(extra.id)).toEqual(['department_head', 'district_administrator']);
    });

    it('releases on SUBMIT only where the admin made the chain empty (e.g. Anfragen), and a type change by PATCH takes the new type’s chain', async () => {
      await putRule('admin', 'Anfrage', { steps: [] }).expect(200);
      const anfrage = { paperType: 'Anfrage', consultations: [{ organizationId: body.orgs.committee, role: 'info' }] };
      const released = await createPaper(app, tok('clerk'), completePaper(body.orgs, anfrage));
      const submit = await sendEvent(app, tok('clerk'), released.id, { type: 'SUBMIT' }).expect(200);
      expect(submit.body.state).toBe('deliberation');
      expect(submit.body.paper.reference).toMatch(/^\d{4}\/\d{3}$/);

      // An Anfrage turned into a Beschlussvorlage in draft must not keep the Anfrage's empty chain.
      const turned = await createPaper(app, tok('clerk'), completePaper(body.orgs, anfrage));
      const edited = await http()
        .patch(`/papers/${turned.id}`)
        .set('Authorization', `Bearer ${tok('clerk')}`)
        .send({ paperType: 'Beschlussvorlage', consultations: completePaper(body.orgs).consultations })
        .expect(200);
      expect(edited.body.signOff.steps).toEqual(DEFAULT_CHAIN);
      const resubmit = await sendEvent(app, tok('clerk'), turned.id, { type: 'SUBMIT' }).expect(200);
      expect(resubmit.body).toMatchObject({ state: 'signOff', paper: { reference: null } });
    });
  });

  it('keeps the demo Kreis’s rows: the seeded default chain is what the demo clerk gets', async () => {
    const clerk = await tokenFor(app, 'clerk');
    const rules = (await http().get('/sign-off-rules').set('Authorization', `Bearer ${clerk}`).expect(200)).body;
    // Anträge and Anfragen: no administrative sign-off (they come from Fraktionen and members)
    expect(rules.map((r: { mode: string; steps: string[] }) => [r.mode, r.steps])).toEqual([
      ['chain', DEFAULT_CHAIN],
      ['chain', DEFAULT_CHAIN],
      ['none', []],
      ['none', []],
    ]);
  });
});
