import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestBody, type TestBody } from '../factories/body.factory';
import { completePaper, createPaper, sendEvent } from '../factories/paper.factory';
import { createTestApp } from '../setup/test-app';

/**
 * Issue 13, item 11: 2021/119's workshop took place on 30.08.2021, the day before the
 * committee deliberated it. A clerk may start such a measure ahead of the decision, with
 * a reason; the Beschlusskontrolle shows it against the paper, marked; adoption then
 * finds the decision already being carried out.
 */
describe('measures before adoption (e2e)', () => {
  let app: INestApplication;
  let body: TestBody;

  beforeAll(async () => {
    app = await createTestApp();
    body = await createTestBody(app);
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());
  const tok = (user: string) => body.tokens[user];
  const addTask = (paperId: string, payload: Record<string, unknown>) =>
    http().post(`/papers/${paperId}/tasks`).set('Authorization', `Bearer ${tok('clerk')}`).send(payload);
  const get = (path: string) => http().get(path).set('Authorization', `Bearer ${tok('auditor')}`).expect(200);
  const fields = (res: request.Response) => (res.body.fields ?? []).map((f: { field: string }) => f.field);
  const WORKSHOP = { kind: 'workshop', title: 'Kommunaler Beratungsworkshop (MWIDE), Auftakt' };
  const REASON = 'Auftakt des geförderten Beratungsworkshops am 30.08.2021, vor der Ausschusssitzung';

  async function releasedPaper(): Promise<string> {
    const paper = await createPaper(app, tok('clerk'), completePaper(body.orgs));
    await sendEvent(app, tok('clerk'), paper.id, { type: 'SUBMIT' }).expect(200);
    for (const signer of ['fbl', 'kd', 'landrat']) await sendEvent(app, tok(signer), paper.id, { type: 'SIGN' }).expect(200);
    return paper.id;
  }

  async function deliberate(paperId: string, results: string[]) {
    for (const [i, result] of results.entries()) {
      const day = ['2026-12-01', '2026-12-08', '2026-12-15'][i];
      await sendEvent(app, tok('office'), paperId, { type: 'SCHEDULE', date: day, agendaItemNumber: String(i + 1) }).expect(200);
      await sendEvent(app, tok('office'), paperId, { type: 'RECORD_RESULT', result }).expect(200);
    }
  }

  it('without beforeDecision a paper in deliberation still refuses tasks (409 TASK.PAPER_NOT_ADOPTED); bad input is 400 naming the field', async () => {
    const paperId = await releasedPaper();
    const refused = await addTask(paperId, WORKSHOP).expect(409);
    expect(refused.body).toMatchObject({ code: 'TASK.PAPER_NOT_ADOPTED', paperState: 'deliberation.awaitingAgenda' });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...WORKSHOP, beforeDecision: true }, 'reason'],
      [{ ...WORKSHOP, beforeDecision: true, reason: '   ' }, 'reason'],
      [{ ...WORKSHOP, reason: REASON }, 'reason'],
      [{ ...WORKSHOP, beforeDecision: 'true', reason: REASON }, 'beforeDecision'],
      [{ ...WORKSHOP, beforeDecision: null, reason: REASON }, 'beforeDecision'],
    ];
    for (const [payload, field] of cases) expect(fields(await addTask(paperId, payload).expect(400))).toEqual([field]);
    expect((await get(`/papers/${paperId}/tasks`)).body).toEqual([]);
    // A draft owes no decision yet: beforeDecision does not open it.
    const draft = await createPaper(app, tok('clerk'), completePaper(body.orgs));
    await addTask(draft.id, { ...WORKSHOP, beforeDecision: true, reason: REASON }).expect(409);
  });

  it('a task prepared before the decision leaves the paper in deliberation, shows in the Beschlusskontrolle marked, and adoption goes to inImplementation', async () => {
    const paperId = await releasedPaper();
    const created = await addTask(paperId, { ...WORKSHOP, beforeDecision: true, reason: REASON }).expect(201);
    expect(created.body).toMatchObject({ beforeDecision: true, beforeDecisionReason: REASON, state: 'planned' });

    const paper = (await get(`/papers/${paperId}`)).body;
    expect(paper).toMatchObject({ state: 'deliberation', stateDetail: 'awaitingAgenda' });
    const history = (await get(`/papers/${paperId}/history`)).body;
    expect(history.at(-1)).toMatchObject({ type: 'PREPARE_TASK', payload: { taskId: created.body.id, reason: REASON } });

    const line = (await get('/reports/implementation')).body.papers.find((p: { paperId: string }) => p.paperId === paperId);
    expect(line).toMatchObject({ state: 'deliberation.awaitingAgenda', startedBeforeDecision: true, tasks: { total: 1, open: 1 } });
    expect(line.items[0]).toMatchObject({ id: created.body.id, beforeDecision: true, beforeDecisionReason: REASON });
    const csv = (await http().get('/reports/implementation.csv').set('Authorization', `Bearer ${tok('auditor')}`).expect(200)).text;
    const reference = paper.reference as string;
    expect(csv.split('\r\n').find((l) => l.startsWith(`${reference};`))).toMatch(/;in Beratung;1;1;0;0;0;;ja$/);

    await deliberate(paperId, ['recommended', 'recommended', 'adopted']);
    const adopted = (await get(`/papers/${paperId}`)).body;
    expect(adopted.state).toBe('inImplementation');
    // Once decided, tasks are the ordinary kind; beforeDecision no longer fits.
    expect(fields(await addTask(paperId, { ...WORKSHOP, beforeDecision: true, reason: REASON }).expect(400))).toEqual(['beforeDecision']);
    const after = await addTask(paperId, { kind: 'generic', title: 'Ausschreibung begleitende Beratung' }).expect(201);
    expect(after.body).toMatchObject({ beforeDecision: false, beforeDecisionReason: null });
    const decidedLine = (await get('/reports/implementation')).body.papers.find((p: { paperId: string }) => p.paperId === paperId);
    expect(decidedLine).toMatchObject({ state: 'inImplementation', startedBeforeDecision: true, tasks: { total: 2 } });
  });

  it('adoption without tasks stays adopted until the first task moves it (as before)', async () => {
    const paperId = await releasedPaper();
    await deliberate(paperId, ['recommended', 'recommended', 'adopted']);
    expect((await get(`/papers/${paperId}`)).body.state).toBe('adopted');
    await addTask(paperId, { kind: 'generic', title: 'Umsetzung' }).expect(201);
    expect((await get(`/papers/${paperId}`)).body.state).toBe('inImplementation');
  });
});
