import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { UsersService } from '../../src/modules/identity/users.service';
import type { Role } from '../../src/modules/identity/role';
import { createTestBody, type TestBody } from '../factories/body.factory';
import { completePaper, createPaper, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';

/** Issue 13, item 10: Mitzeichnung in parallel, the signer's name and function, "i.V.", Vorlage date and Kosten as data. */
describe('papers: parallel co-signing, signers, i.V., date and costs (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let body: TestBody;
  const extra: Record<string, { id: string; token: string }> = {};

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(getDataSourceToken());
    body = await createTestBody(app);
    const users = app.get(UsersService);
    const tag = randomUUID().slice(0, 8);
    const add = async (name: string, roles: Role[]) => {
      const username = `${name}-${tag}`;
      const { user } = await users.ensureUser({ username, password: username, displayName: username, bodyId: body.id, roles });
      extra[name] = { id: user.id, token: await tokenFor(app, username) };
    };
    await add('kaemmerei', ['department_head']);
    // Holds a signer role whose step is not next: SIGN is offered for the unit alone.
    await add('rechtsamt', ['district_director']);
    await add('vertreter', ['district_director']);
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());
  const tok = (user: string) => body.tokens[user] ?? extra[user].token;
  const fields = (res: request.Response) => (res.body.fields ?? []).map((f: { field: string }) => f.field);
  const putRule = (payload: unknown, paperType = 'Beschlussvorlage') =>
    http().put(`/sign-off-rules/${paperType}`).set('Authorization', `Bearer ${tok('admin')}`).send(payload as object);
  const putSigner = (userId: string, payload: unknown, as = 'admin') =>
    http().put(`/sign-off-rules/signers/${userId}`).set('Authorization', `Bearer ${tok(as)}`).send(payload as object);
  const allowed = async (user: string, id: string) =>
    (await http().get(`/papers/${id}/events/allowed`).set('Authorization', `Bearer ${tok(user)}`).expect(200)).body.allowed;

  it('PUT /sign-off-rules/:paperType takes parallel co-sign units, validated, and GET lists them', async () => {
    const cases: [unknown, string[]][] = [
      [{ steps: [], parallel: ['Kämmerei'] }, ['parallel']],
      [{ steps: ['district_administrator'], parallel: 'Kämmerei' }, ['parallel']],
      [{ steps: ['district_administrator'], parallel: ['Kämmerei', 'Kämmerei'] }, ['parallel']],
      [{ steps: ['district_administrator'], parallel: ['  '] }, ['parallel']],
      [{ steps: ['district_administrator'], parallel: null }, ['parallel']],
    ];
    for (const [payload, named] of cases) {
      const res = await putRule(payload, 'Antrag').expect(400);
      expect(fields(res)).toEqual(named);
    }
    const saved = await putRule({ steps: ['district_administrator'], parallel: ['Rechtsamt'] }, 'Antrag').expect(200);
    expect(saved.body).toEqual({ paperType: 'Antrag', mode: 'chain', steps: ['district_administrator'], parallel: ['Rechtsamt'], isDefault: false });
    const rules = (await http().get('/sign-off-rules').set('Authorization', `Bearer ${tok('clerk')}`).expect(200)).body;
    expect(rules.find((r: { paperType: string }) => r.paperType === 'Antrag').parallel).toEqual(['Rechtsamt']);
  });

  it('PUT /sign-off-rules/signers/:userId: admin only, a user of the body only, validated; GET lists the profiles', async () => {
    const kaem = extra.kaemmerei.id;
    await putSigner(kaem, { name: 'Schmidt', function: 'Kämmerer' }, 'clerk').expect(403);
    await putSigner(randomUUID(), { name: 'Niemand', function: 'Kämmerer' }).expect(404);
    // A clerk could not send SIGN at all: co-sign units and deputy rights need a signer role.
    const clerkId = (await http().get('/auth/me').set('Authorization', `Bearer ${tok('clerk')}`).expect(200)).body.id;
    const noSigner = await putSigner(clerkId, { name: 'Klein', function: 'Klimaschutz', coSignUnits: ['Klimaschutz'] }).expect(400);
    expect(fields(noSigner)).toEqual(['coSignUnits']);
    await putSigner(clerkId, { name: 'Klein', function: 'Sachbearbeitung' }).expect(200);
    const bad = await putSigner(kaem, { name: 'Schmidt', function: 'Kämmerer', deputyFor: ['clerk'], coSignUnits: 'Kämmerei' }).expect(400);
    expect(fields(bad).sort()).toEqual(['coSignUnits', 'deputyFor']);
    const saved = await putSigner(kaem, { name: 'Schmidt', function: 'Kämmerer', coSignUnits: ['Kämmerei'] }).expect(200);
    expect(saved.body).toEqual({ userId: kaem, name: 'Schmidt', function: 'Kämmerer', coSignUnits: ['Kämmerei'], deputyFor: [] });
    const list = (await http().get('/sign-off-rules/signers').set('Authorization', `Bearer ${tok('auditor')}`).expect(200)).body;
    expect(list).toContainEqual(saved.body);
    const audited = await db.query(`SELECT type FROM audit_event WHERE body_id = $1 AND subject_type = 'signer'`, [body.id]);
    expect(audited).toEqual([{ type: 'SET_SIGNER' }, { type: 'SET_SIGNER' }]);
  });

  it('Mitzeichnung in parallel: Kämmerei and Rechtsamt sign in any order, and the Landrat’s Schlusszeichnung waits for both', async () => {
    await putRule({ steps: ['department_head', 'district_director', 'district_administrator'], parallel: ['Kämmerei', 'Rechtsamt'] }).expect(200);
    await putSigner(extra.kaemmerei.id, { name: 'Schmidt', function: 'Kämmerer', coSignUnits: ['Kämmerei'] }).expect(200);
    await putSigner(extra.rechtsamt.id, { name: 'Weber', function: 'Leiterin Rechtsamt', coSignUnits: ['Rechtsamt'] }).expect(200);
    const paper = await createPaper(app, tok('clerk'), completePaper(body.orgs));
    expect((paper as unknown as { signOff: unknown }).signOff).toMatchObject({ coSignUnits: ['Kämmerei', 'Rechtsamt'], openCoSignUnits: ['Kämmerei', 'Rechtsamt'] });
    await sendEvent(app, tok('clerk'), paper.id, { type: 'SUBMIT' }).expect(200);

    expect(await allowed('rechtsamt', paper.id)).toContain('SIGN');
    await sendEvent(app, tok('rechtsamt'), paper.id, { type: 'SIGN', unit: 'Rechtsamt' }).expect(200);
    expect(await allowed('rechtsamt', paper.id)).not.toContain('SIGN');
    // Not the Kämmerei's signer, not a unit of the paper.
    await sendEvent(app, tok('rechtsamt'), paper.id, { type: 'SIGN', unit: 'Kämmerei' }).expect(409);
    await sendEvent(app, tok('kaemmerei'), paper.id, { type: 'SIGN', unit: 'Klimaschutz' }).expect(409);
    await sendEvent(app, tok('fbl'), paper.id, { type: 'SIGN' }).expect(200);
    await sendEvent(app, tok('kd'), paper.id, { type: 'SIGN' }).expect(200);

    const early = await sendEvent(app, tok('landrat'), paper.id, { type: 'SIGN' }).expect(409);
    expect(JSON.stringify(early.body)).toContain('missing: Kämmerei');

    await sendEvent(app, tok('kaemmerei'), paper.id, { type: 'SIGN', unit: 'Kämmerei' }).expect(200);
    const released = await sendEvent(app, tok('landrat'), paper.id, { type: 'SIGN' }).expect(200);
    expect(released.body.state).toBe('deliberation');
    expect(released.body.paper.signOff.coSignatures.map((s: { unit: string; name: string; function: string }) => [s.unit, s.name, s.function])).toEqual([
      ['Rechtsamt', 'Weber', 'Leiterin Rechtsamt'],
      ['Kämmerei', 'Schmidt', 'Kämmerer'],
    ]);
    expect(released.body.paper.signOff.openCoSignUnits).toEqual([]);
    await putRule({ steps: ['department_head', 'district_director', 'district_administrator'] }).expect(200);
  });

  it('i.V. (§ 47 KrO NRW, allgemeiner Vertreter): the Landrat’s deputy signs the Schlusszeichnung; the signature and the history say so', async () => {
    await putSigner(extra.vertreter.id, { name: 'Vertreter', function: 'Kreisdirektor', deputyFor: ['district_administrator'] }).expect(200);
    const paper = await createPaper(app, tok('clerk'), completePaper(body.orgs));
    await sendEvent(app, tok('clerk'), paper.id, { type: 'SUBMIT' }).expect(200);
    await sendEvent(app, tok('fbl'), paper.id, { type: 'SIGN' }).expect(200);
    // The deputy's right is for the Landrat's step, not the Kreisdirektor's own (the vertreter holds that role anyway).
    await sendEvent(app, tok('kd'), paper.id, { type: 'SIGN' }).expect(200);
    expect(await allowed('vertreter', paper.id)).toContain('SIGN');
    const res = await sendEvent(app, tok('vertreter'), paper.id, { type: 'SIGN' }).expect(200);
    expect(res.body.state).toBe('deliberation');
    const signatures = res.body.paper.signOff.signatures;
    expect(signatures[2]).toMatchObject({
      role: 'district_administrator',
      actorId: extra.vertreter.id,
      name: 'Vertreter',
      function: 'Kreisdirektor',
      deputy: true,
      signedAs: 'i.V.',
    });
    // Without a profile: the user name and the function of the step.
    expect(signatures[0]).toMatchObject({ role: 'department_head', function: 'Fachbereichsleitung', deputy: false, signedAs: null });
    expect(signatures[0].name).toMatch(/^fbl-/);
    const history = (await http().get(`/papers/${paper.id}/history`).set('Authorization', `Bearer ${tok('auditor')}`).expect(200)).body;
    const last = history.at(-1);
    expect(last).toMatchObject({ type: 'SIGN', payload: { signer: { name: 'Vertreter', function: 'Kreisdirektor' } } });
  });

  it('paperDate (a calendar day) and costItems (integer euro cents) as fields, wrong types 400 naming the field', async () => {
    const item = { fiscalYear: 2022, product: '01.11.01 Digitalisierung', amountCents: 2_500_000, fundedBy: 'Fördermittel MWIDE', ownShareCents: 500_000 };
    const paper = await createPaper(app, tok('clerk'), completePaper(body.orgs, { paperDate: '2021-08-10', costItems: [item] }));
    expect(paper).toMatchObject({ paperDate: '2021-08-10', costItems: [item] });
    const patch = (payload: unknown) => http().patch(`/papers/${paper.id}`).set('Authorization', `Bearer ${tok('clerk')}`).send(payload as object);
    const cases: [unknown, string][] = [
      [{ paperDate: '2021-08-10T10:00:00Z' }, 'paperDate'],
      [{ costItems: [{ ...item, amountCents: '25000.00' }] }, 'costItems.0.amountCents'],
      [{ costItems: [{ ...item, amountCents: 12.5 }] }, 'costItems.0.amountCents'],
      [{ costItems: [{ ...item, fiscalYear: '2022' }] }, 'costItems.0.fiscalYear'],
      [{ costItems: [{ ...item, product: ' ' }] }, 'costItems.0.product'],
      [{ costItems: [{ ...item, ownShareCents: 3_000_000 }] }, 'costItems.0.ownShareCents'],
      [{ costItems: null }, 'costItems'],
    ];
    for (const [payload, field] of cases) {
      const res = await patch(payload).expect(400);
      expect(JSON.stringify(fields(res))).toContain(field);
    }
    const unchanged = (await http().get(`/papers/${paper.id}`).set('Authorization', `Bearer ${tok('clerk')}`).expect(200)).body;
    expect(unchanged).toMatchObject({ paperDate: '2021-08-10', costItems: [item], version: 1 });
    const cleared = await patch({ paperDate: null, costItems: [] }).expect(200);
    expect(cleared.body).toMatchObject({ paperDate: null, costItems: [] });
  });
});
