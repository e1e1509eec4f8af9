import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestBody, type TestBody } from '../factories/body.factory';
import { completePaper, createPaper, sendEvent } from '../factories/paper.factory';
import { until } from '../setup/eventually';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

/**
 * Issue 13, item 9: Widerspruch und Beanstandung des Landrats (§ 39 KrO NRW) over HTTP,
 * in a body of its own (its admin gives its Kreistag the statutory window of 3 days) with
 * the clock in 2031. The Kreistag adopts on Monday 10.03.2031, so the window ends with
 * Thursday 13.03.2031 (23:00 UTC); a Widerspruch on 12.03. bounds the new session to
 * 15.03.–09.04.2031.
 */
describe('Widerspruch und Beanstandung (§ 39 KrO NRW) (e2e)', () => {
  let app: INestApplication;
  let body: TestBody;
  const clock = new TestClock('2031-03-01T09:00:00+01:00');
  const WINDOW_ENDS = '2031-03-13T23:00:00.000Z';

  beforeAll(async () => {
    app = await createTestApp('postgres', {}, { clock });
    body = await createTestBody(app);
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());
  const auth = (user: string) => ({ Authorization: `Bearer ${body.tokens[user]}` });
  const event = (user: string, paperId: string, payload: Record<string, unknown>) => sendEvent(app, body.tokens[user], paperId, payload);
  const paper = async (id: string) => (await http().get(`/papers/${id}`).set(auth('auditor')).expect(200)).body;
  const allowed = async (user: string, id: string) => (await http().get(`/papers/${id}/events/allowed`).set(auth(user)).expect(200)).body.allowed;
  const history = async (id: string) => (await http().get(`/papers/${id}/history`).set(auth('auditor')).expect(200)).body as { type: string; payload: Record<string, unknown>; actor: { username: string }; from: string; to: string }[];
  const addTask = (id: string, payload: Record<string, unknown> = { kind: 'generic', title: 'Umsetzung' }) =>
    http().post(`/papers/${id}/tasks`).set(auth('clerk')).send(payload);
  const tasks = async (id: string) => (await http().get(`/papers/${id}/tasks`).set(auth('auditor')).expect(200)).body;

  /** Released and deliberated: committee 03.03., Kreisausschuss 05.03., Kreistag adopts 10.03.2031. */
  async function adoptedByKreistag(prepare?: string): Promise<string> {
    clock.set('2031-03-01T09:00:00+01:00');
    const { id } = await createPaper(app, body.tokens.clerk, completePaper(body.orgs));
    await event('clerk', id, { type: 'SUBMIT' }).expect(200);
    for (const signer of ['fbl', 'kd', 'landrat']) await event(signer, id, { type: 'SIGN' }).expect(200);
    if (prepare) await addTask(id, { kind: 'generic', title: prepare, beforeDecision: true, reason: 'Förderfrist' }).expect(201);
    for (const [day, result] of [['2031-03-03', 'recommended'], ['2031-03-05', 'recommended'], ['2031-03-10', 'adopted']]) {
      clock.set(`${day}T18:00:00+01:00`);
      await event('office', id, { type: 'SCHEDULE', date: day, agendaItemNumber: '1' }).expect(200);
      await event('office', id, { type: 'RECORD_RESULT', result }).expect(200);
    }
    return id;
  }

  it('the admin sets the Kreistag’s objection window (§ 39 Abs. 1 KrO NRW): audited; other roles 403, bad values 400; the demo Kreistag has 3 days', async () => {
    const kreistag = body.orgs.districtCouncil;
    expect((await http().get(`/organizations/${kreistag}`).set(auth('clerk')).expect(200)).body.objectionWindowDays).toBeNull();
    await http().patch(`/organizations/${kreistag}`).set(auth('landrat')).send({ objectionWindowDays: 3 }).expect(403);
    for (const bad of [{}, { objectionWindowDays: -1 }, { objectionWindowDays: 61 }, { objectionWindowDays: '3' }, { objectionWindowDays: 2.5 }]) {
      await http().patch(`/organizations/${kreistag}`).set(auth('admin')).send(bad).expect(400);
    }
    const set = await http().patch(`/organizations/${kreistag}`).set(auth('admin')).send({ objectionWindowDays: 3 }).expect(200);
    expect(set.body).toMatchObject({ id: kreistag, kind: 'district_council', objectionWindowDays: 3 });
    const audited: { type: string; payload: Record<string, unknown> }[] = await app
      .get(DataSource)
      .query(`SELECT type, payload FROM audit_event WHERE subject_type = 'organization' AND subject_id = $1 ORDER BY seq`, [kreistag]);
    expect(audited).toEqual([{ type: 'SET_RULES_OF_PROCEDURE', payload: { objectionWindowDays: 3, previous: { objectionWindowDays: null } } }]);
    // The committees have none.
    expect((await http().get(`/organizations/${body.orgs.committee}`).set(auth('clerk')).expect(200)).body.objectionWindowDays).toBeNull();
    const demoToken = await tokenFor(app, 'clerk');
    const demo = (await http().get('/organizations').set({ Authorization: `Bearer ${demoToken}` }).expect(200)).body as { kind: string; objectionWindowDays: number | null }[];
    expect(demo.find((o) => o.kind === 'district_council')?.objectionWindowDays).toBe(3);
    expect(demo.find((o) => o.kind === 'committee')?.objectionWindowDays).toBeNull();
  });

  it('§ 39 Abs. 1 KrO NRW: tasks are refused inside the objection window and start after it; an objection after the third day is refused', async () => {
    const id = await adoptedByKreistag();
    const adopted = await paper(id);
    expect(adopted).toMatchObject({ state: 'adopted', objectionWindowEndsAt: WINDOW_ENDS, objection: null, contest: null });

    clock.set('2031-03-13T23:30:00+01:00'); // the last day, half an hour before its end
    const refused = await addTask(id).expect(409);
    expect(refused.body).toMatchObject({ code: 'TASK.OBJECTION_WINDOW_OPEN', objectionWindowEndsAt: WINDOW_ENDS });
    expect(refused.body.message).toContain('§ 39 Abs. 1 KrO NRW');
    expect(refused.body.message).toContain('13.03.2031');
    expect(await tasks(id)).toEqual([]);
    expect(await paper(id)).toMatchObject({ state: 'adopted', version: adopted.version });
    expect(await allowed('landrat', id)).toEqual(['OBJECT', 'CONTEST']);

    clock.set('2031-03-14T00:00:00+01:00'); // the fourth day
    expect(await allowed('landrat', id)).toEqual(['CONTEST']);
    const late = await event('landrat', id, { type: 'OBJECT', reason: 'Das Wohl des Kreises ist gefährdet.' }).expect(409);
    expect(late.body).toMatchObject({ code: 'PAPER.OBJECTION_WINDOW_CLOSED', objectionWindowEndsAt: WINDOW_ENDS });
    expect(late.body.message).toContain('§ 39 Abs. 1 KrO NRW');
    expect(late.body.message).toContain('13.03.2031');
    expect((await paper(id)).version).toBe(adopted.version);

    const task = await addTask(id).expect(201);
    expect(task.body).toMatchObject({ state: 'open' });
    expect((await paper(id)).state).toBe('inImplementation');
  });

  it('§ 39 Abs. 1 KrO NRW: only the Landrat objects (403 for others), with written reasons (blank: 400), and nothing changes on a refusal', async () => {
    const id = await adoptedByKreistag();
    clock.set('2031-03-12T09:00:00+01:00');
    const before = await paper(id);
    const entries = (await history(id)).length;
    for (const user of ['clerk', 'fbl', 'kd', 'office', 'auditor']) {
      await event(user, id, { type: 'OBJECT', reason: 'Wohl des Kreises' }).expect(403);
      await event(user, id, { type: 'CONTEST', reason: 'rechtswidrig' }).expect(403);
      expect(await allowed(user, id)).toEqual([]);
    }
    for (const reason of [undefined, '', '   ']) {
      await event('landrat', id, { type: 'OBJECT', ...(reason !== undefined && { reason }) }).expect(400);
      await event('landrat', id, { type: 'CONTEST', ...(reason !== undefined && { reason }) }).expect(400);
    }
    await event('landrat', id, { type: 'OBJECT', reason: 'Wohl des Kreises', earliestSessionDay: '2031-03-12' }).expect(400);
    expect(await paper(id)).toMatchObject({ state: 'adopted', version: before.version, objection: null });
    expect((await history(id)).length).toBe(entries);

    // The Kreisdirektor objects "i.V." once the body names him the Landrat's deputy.
    const kd = (await http().get('/auth/me').set(auth('kd')).expect(200)).body;
    await http()
      .put(`/sign-off-rules/signers/${kd.id}`)
      .set(auth('admin'))
      .send({ name: 'Butz', function: 'Kreisdirektor', deputyFor: ['district_administrator'] })
      .expect(200);
    expect(await allowed('kd', id)).toEqual(['OBJECT', 'CONTEST']);
    const objected = await event('kd', id, { type: 'OBJECT', reason: 'Der Landrat ist verhindert; der Beschluss gefährdet das Wohl des Kreises.' }).expect(200);
    expect(objected.body.paper.objection).toMatchObject({ actorId: kd.id, name: 'Butz', function: 'Kreisdirektor', deputy: true });
    await http().put(`/sign-off-rules/signers/${kd.id}`).set(auth('admin')).send({ name: 'Butz', function: 'Kreisdirektor' }).expect(200);
  });

  it('§ 39 Abs. 1 KrO NRW: OBJECT → a new session between the third day and four weeks after it → re-decision → a second OBJECT is refused as "weiterer Widerspruch unzulässig"', async () => {
    const id = await adoptedByKreistag();
    clock.set('2031-03-12T09:00:00+01:00');
    const reason = 'Die Ausgaben gefährden das Wohl des Kreises.';
    const objected = (await event('landrat', id, { type: 'OBJECT', reason }).expect(200)).body;
    expect(objected).toMatchObject({ state: 'deliberation', stateDetail: 'awaitingAgenda' });
    expect(objected.paper.objection).toMatchObject({
      reason,
      day: '2031-03-12',
      earliestSessionDay: '2031-03-15',
      latestSessionDay: '2031-04-09',
      consultationKey: expect.any(String),
    });
    expect(objected.paper.currentConsultation).toMatchObject({
      organizationId: body.orgs.districtCouncil,
      role: 'decisive',
      origin: 'objection',
      redecision: { kind: 'objection', earliestDay: '2031-03-15', latestDay: '2031-04-09' },
    });
    // The decision taken stays on record; the Widerspruch is in the audit chain with its reason.
    expect(objected.paper.consultations.filter((c: { result: string }) => c.result === 'adopted')).toHaveLength(1);
    const entry = (await history(id)).at(-1)!;
    expect(entry).toMatchObject({ type: 'OBJECT', from: 'adopted', to: 'deliberation.awaitingAgenda', actor: { username: expect.stringMatching(/^landrat-/) } });
    expect(entry.payload).toMatchObject({ reason, earliestSessionDay: '2031-03-15', latestSessionDay: '2031-04-09' });
    // Suspended: no task, nothing taken out of the Kreistag's hands.
    expect((await addTask(id).expect(409)).body).toMatchObject({ code: 'TASK.DECISION_SUSPENDED', suspendedBy: 'objection' });
    expect(await allowed('landrat', id)).toEqual([]);
    expect(await allowed('clerk', id)).toEqual([]);
    expect(await allowed('office', id)).toEqual(['SCHEDULE']);

    // A session outside the bounds is refused naming them, by hand or through an agenda; nothing changes.
    const version = (await paper(id)).version;
    for (const date of ['2031-03-14', '2031-04-10']) {
      const res = await event('office', id, { type: 'SCHEDULE', date, agendaItemNumber: '3' }).expect(400);
      expect(res.body.fields).toEqual([{ field: 'date', messages: [expect.stringContaining('between 2031-03-15 and 2031-04-09')] }]);
    }
    const tooLate = (await http().post('/meetings').set(auth('office')).send({ organizationId: body.orgs.districtCouncil, start: '2031-04-15T15:00:00+02:00' }).expect(201)).body;
    const refusedItem = await http().post(`/meetings/${tooLate.id}/agenda-items`).set(auth('office')).send({ paperId: id }).expect(400);
    expect(refusedItem.body.message).toContain('§ 39 Abs. 1 KrO NRW');
    expect((await http().get(`/meetings/${tooLate.id}`).set(auth('auditor')).expect(200)).body.agenda).toEqual([]);
    expect((await paper(id)).version).toBe(version);

    // The new session within the bounds decides again.
    const session = (await http().post('/meetings').set(auth('office')).send({ organizationId: body.orgs.districtCouncil, start: '2031-03-27T15:00:00+01:00' }).expect(201)).body;
    const placed = (await http().post(`/meetings/${session.id}/agenda-items`).set(auth('office')).send({ paperId: id }).expect(201)).body;
    const item = placed.agenda.find((i: { paperId: string }) => i.paperId === id);
    expect((await paper(id)).currentConsultation).toMatchObject({ scheduledDate: '2031-03-27', meetingId: session.id });
    clock.set('2031-03-17T09:00:00+01:00');
    await http().post(`/meetings/${session.id}/events`).set(auth('office')).send({ type: 'INVITE' }).expect(200);
    clock.set('2031-03-27T15:00:00+01:00');
    await http().post(`/meetings/${session.id}/events`).set(auth('office')).send({ type: 'OPEN' }).expect(200);
    await http().post(`/meetings/${session.id}/agenda-items/${item.id}/result`).set(auth('office')).send({ result: 'adopted' }).expect(200);
    const redecided = await paper(id);
    expect(redecided).toMatchObject({ state: 'adopted', objectionWindowEndsAt: WINDOW_ENDS });

    // Final for § 39 Abs. 1: no second Widerspruch (a Beanstandung stays possible), and the tasks may start.
    clock.set('2031-03-28T09:00:00+01:00');
    expect(await allowed('landrat', id)).toEqual(['CONTEST']);
    const again = await event('landrat', id, { type: 'OBJECT', reason: 'Noch einmal.' }).expect(409);
    expect(again.body.code).toBe('PAPER.OBJECTION_EXHAUSTED');
    expect(again.body.message).toContain('weiterer Widerspruch unzulässig');
    expect((await paper(id)).version).toBe(redecided.version);
    await addTask(id).expect(201);
    const verdict = (await http().get(`/papers/${id}/history/verify`).set(auth('auditor')).expect(200)).body;
    expect(verdict.valid).toBe(true);

    // The committee office is told of the Widerspruch, as of other paper events.
    const notified = await until(async () => {
      const rows = (await http().get('/admin/notifications').set(auth('admin')).expect(200)).body as { kind: string; subject: string; recipientName: string }[];
      return rows.find((r) => r.kind === 'decisionChallenged' && r.subject.startsWith('Widerspruch:') && r.recipientName.startsWith('office-'));
    }, 'the committee office’s notice of the Widerspruch');
    expect(notified).toBeTruthy();
  });

  it('§ 39 Abs. 2 KrO NRW: CONTEST → the body keeps its decision → the Aufsichtsbehörde annuls it: final, nothing can be done', async () => {
    const id = await adoptedByKreistag();
    clock.set('2031-03-20T09:00:00+01:00'); // after the objection window: a Beanstandung has no such deadline
    const contested = (await event('landrat', id, { type: 'CONTEST', reason: 'Der Beschluss verletzt das Haushaltsrecht.' }).expect(200)).body;
    expect(contested).toMatchObject({ state: 'contested', stateDetail: 'awaitingAgenda' });
    expect(contested.paper.contest).toMatchObject({ reason: 'Der Beschluss verletzt das Haushaltsrecht.', fromState: 'adopted' });
    expect(contested.paper.currentConsultation).toMatchObject({ origin: 'contest', role: 'decisive', redecision: { kind: 'contest' } });
    expect((await addTask(id).expect(409)).body).toMatchObject({ code: 'TASK.DECISION_SUSPENDED', suspendedBy: 'contest' });
    expect((await http().get('/papers').query({ state: 'contested' }).set(auth('auditor')).expect(200)).body.data.map((p: { id: string }) => p.id)).toContain(id);
    // The Beschlusskontrolle keeps the decision in view while it is suspended, in German in the CSV.
    const line = (await http().get('/reports/implementation').set(auth('auditor')).expect(200)).body.papers.find((p: { paperId: string }) => p.paperId === id);
    expect(line).toMatchObject({ state: 'contested.awaitingAgenda', tasks: { total: 0 } });
    const csv = (await http().get('/reports/implementation.csv').set(auth('auditor')).expect(200)).text;
    expect(csv).toContain(`${contested.paper.reference};${contested.paper.title};beanstandet;0;`);

    await event('office', id, { type: 'SCHEDULE', date: '2031-03-31', agendaItemNumber: '2' }).expect(200);
    clock.set('2031-03-31T18:00:00+02:00');
    const kept = (await event('office', id, { type: 'RECORD_RESULT', result: 'adopted' }).expect(200)).body;
    expect(kept.state).toBe('awaitingSupervision');
    expect((await addTask(id).expect(409)).body).toMatchObject({ code: 'TASK.DECISION_SUSPENDED', suspendedBy: 'supervision' });
    expect(await allowed('office', id)).toEqual(['SUPERVISORY_DECISION']);
    expect(await allowed('landrat', id)).toEqual([]);

    const decision = { type: 'SUPERVISORY_DECISION', upheld: false, authority: 'Bezirksregierung Münster', authorityReference: '31.2-RE-2031-4', decidedOn: '2031-04-20' };
    clock.set('2031-04-22T10:00:00+02:00');
    const version = (await paper(id)).version;
    await event('landrat', id, decision).expect(403);
    await event('office', id, { ...decision, authority: '  ' }).expect(400);
    await event('office', id, { ...decision, upheld: 'no' }).expect(400);
    const future = await event('office', id, { ...decision, decidedOn: '2031-04-23' }).expect(400);
    expect(future.body.fields).toEqual([{ field: 'decidedOn', messages: [expect.stringContaining('future')] }]);
    await event('office', id, { ...decision, decidedOn: '2031-03-30' }).expect(400);
    expect((await paper(id)).version).toBe(version);

    const annulled = (await event('office', id, decision).expect(200)).body;
    expect(annulled.state).toBe('annulled');
    expect(annulled.paper.supervisoryDecision).toMatchObject({ upheld: false, authority: 'Bezirksregierung Münster', authorityReference: '31.2-RE-2031-4', decidedOn: '2031-04-20' });
    for (const user of ['admin', 'clerk', 'landrat', 'office']) expect(await allowed(user, id)).toEqual([]);
    expect((await addTask(id).expect(409)).body.code).toBe('TASK.DECISION_ANNULLED');
    await event('landrat', id, { type: 'CONTEST', reason: 'erneut' }).expect(409);
    await event('clerk', id, { type: 'CLOSE' }).expect(409);
    expect((await history(id)).slice(-4).map((h) => [h.type, h.to])).toEqual([
      ['CONTEST', 'contested.awaitingAgenda'],
      ['SCHEDULE', 'contested.scheduled'],
      ['RECORD_RESULT', 'awaitingSupervision'],
      ['SUPERVISORY_DECISION', 'annulled'],
    ]);
  });

  it('§ 39 Abs. 2 KrO NRW: CONTEST → kept → upheld by the Aufsichtsbehörde: the decision stands and its tasks go on; a task prepared before it cannot advance while suspended', async () => {
    const id = await adoptedByKreistag('Workshop vor dem Beschluss');
    expect((await paper(id)).state).toBe('inImplementation');
    const [prepared] = await tasks(id);
    clock.set('2031-03-12T09:00:00+01:00');
    await event('landrat', id, { type: 'CONTEST', reason: 'Der Beschluss verletzt das Vergaberecht.' }).expect(200);
    const taskEvent = (user: string, payload: Record<string, unknown>) => http().post(`/tasks/${prepared.id}/events`).set(auth(user)).send(payload);
    const held = await taskEvent('clerk', { type: 'START' }).expect(409);
    expect(held.body).toMatchObject({ code: 'TASK.DECISION_SUSPENDED', suspendedBy: 'contest' });
    expect(held.body.message).toContain('§ 39 Abs. 2 KrO NRW');
    expect((await http().get(`/tasks/${prepared.id}/events/allowed`).set(auth('clerk')).expect(200)).body.allowed).not.toContain('START');
    expect((await http().get(`/tasks/${prepared.id}`).set(auth('clerk')).expect(200)).body).toMatchObject({ state: 'open', version: 1 });
    await taskEvent('auditor', { type: 'START' }).expect(403);

    await event('office', id, { type: 'SCHEDULE', date: '2031-03-24', agendaItemNumber: '2' }).expect(200);
    clock.set('2031-03-24T18:00:00+01:00');
    await event('office', id, { type: 'RECORD_RESULT', result: 'adopted' }).expect(200);
    await taskEvent('clerk', { type: 'START' }).expect(409);
    clock.set('2031-04-10T10:00:00+02:00');
    const upheld = (
      await event('office', id, { type: 'SUPERVISORY_DECISION', upheld: true, authority: 'Bezirksregierung Münster', decidedOn: '2031-04-09' }).expect(200)
    ).body;
    // It was being carried out when contested: it resumes there.
    expect(upheld.state).toBe('inImplementation');
    expect(upheld.paper.supervisoryDecision).toMatchObject({ upheld: true, decidedOn: '2031-04-09' });
    await taskEvent('clerk', { type: 'START' }).expect(200);
    await addTask(id).expect(201);
  });
});
