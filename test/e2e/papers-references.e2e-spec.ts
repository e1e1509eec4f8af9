import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createTestBody, type TestBody } from '../factories/body.factory';
import { completePaper, createPaper, kreisOrganizations, type KreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';

/**
 * Issue 12, finding 3: ids in event payloads must name something of the caller's body
 * that fits (400 naming the field, nothing changed), and `events/allowed` offers only
 * what the send path then accepts — a paper is never left offering events it refuses.
 */
describe('references in paper events, and events/allowed as the send path sees it (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let orgs: KreisOrganizations;
  let other: TestBody;
  const t: Record<string, string> = {};
  const meetings: Record<string, { id: string; day: string }> = {};

  const http = () => request(app.getHttpServer());
  const auth = (user: string) => ({ Authorization: `Bearer ${t[user]}` });
  const as = (user: string, id: string, event: Record<string, unknown>) => sendEvent(app, t[user], id, event);
  const getPaper = async (id: string) => (await http().get(`/papers/${id}`).set(auth('clerk')).expect(200)).body;
  const allowed = async (user: string, id: string) => (await http().get(`/papers/${id}/events/allowed`).set(auth(user)).expect(200)).body.allowed as string[];
  const historyLength = async (id: string) => (await http().get(`/papers/${id}/history`).set(auth('clerk')).expect(200)).body.length;

  async function meeting(token: string, organizationId: string, start: string) {
    const res = await http().post('/meetings').set('Authorization', `Bearer ${token}`).send({ organizationId, start }).expect(201);
    return { id: res.body.id as string, day: start.slice(0, 10) };
  }

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(getDataSourceToken());
    for (const u of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'admin']) t[u] = await tokenFor(app, u);
    orgs = await kreisOrganizations(app, t.clerk);
    other = await createTestBody(app);
    meetings.committee = await meeting(t.sitzungsdienst, orgs.committee, '2028-09-05T16:00:00+02:00');
    meetings.council = await meeting(t.sitzungsdienst, orgs.districtCouncil, '2028-09-07T16:00:00+02:00');
    meetings.cancelled = await meeting(t.sitzungsdienst, orgs.committee, '2028-09-12T16:00:00+02:00');
    await http().post(`/meetings/${meetings.cancelled.id}/events`).set(auth('sitzungsdienst')).send({ type: 'CANCEL', reason: 'Raum belegt' }).expect(200);
    meetings.foreign = await meeting(other.tokens.office, other.orgs.committee, '2028-09-05T16:00:00+02:00');
  });
  afterAll(() => app.close());

  // ---------------------------------------------------------------- papers in every reachable state

  async function draft(overrides: Record<string, unknown> = {}) {
    return (await createPaper(app, t.clerk, completePaper(orgs, overrides))).id;
  }
  async function signOff(signed: number) {
    const id = await draft();
    await as('clerk', id, { type: 'SUBMIT' }).expect(200);
    for (const u of ['fbl', 'kd', 'landrat'].slice(0, signed)) await as(u, id, { type: 'SIGN' }).expect(200);
    return id;
  }
  const awaitingAgenda = () => signOff(3);
  async function scheduledByClient() {
    const id = await awaitingAgenda();
    await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2028-09-05', agendaItemNumber: '9' }).expect(200);
    return id;
  }
  async function onAgenda() {
    const id = await awaitingAgenda();
    await http().post(`/meetings/${meetings.committee.id}/agenda-items`).set(auth('sitzungsdienst')).send({ paperId: id }).expect(201);
    return id;
  }
  /**
   * Adopted by the Kreistag on `day`. A session in the past (the default) leaves its
   * Widerspruchsfrist (§ 39 Abs. 1 KrO NRW, 3 days) behind; one still ahead is taken as
   * held today, so the window is open.
   */
  async function adopted(day = '2025-09-05') {
    const id = await awaitingAgenda();
    for (const result of ['recommended', 'recommended', 'adopted']) {
      await as('sitzungsdienst', id, { type: 'SCHEDULE', date: day, agendaItemNumber: '1' }).expect(200);
      await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result }).expect(200);
    }
    return id;
  }
  const withinObjectionWindow = () => adopted('2028-09-05');
  async function objected() {
    const id = await withinObjectionWindow();
    await as('landrat', id, { type: 'OBJECT', reason: 'Das Wohl des Kreises ist gefährdet.' }).expect(200);
    return id;
  }
  async function contested() {
    const id = await adopted();
    await as('landrat', id, { type: 'CONTEST', reason: 'Der Beschluss ist rechtswidrig.' }).expect(200);
    return id;
  }
  async function awaitingSupervision() {
    const id = await contested();
    await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2028-09-05', agendaItemNumber: '1' }).expect(200);
    await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'adopted' }).expect(200);
    return id;
  }
  async function withTask(settled: boolean) {
    const id = await adopted();
    const task = (await http().post(`/papers/${id}/tasks`).set(auth('clerk')).send({ kind: 'generic', title: 'Umsetzung' }).expect(201)).body;
    if (settled) await http().post(`/tasks/${task.id}/events`).set(auth('fbl')).send({ type: 'CANCEL', reason: 'entfallen' }).expect(200);
    return id;
  }
  async function urgentlyDecided() {
    const id = await awaitingAgenda();
    await as('landrat', id, { type: 'URGENT_DECISION', decidedBy: 'district_committee', text: 'Sofort.', justification: 'Frist.' }).expect(200);
    return id;
  }
  async function withdrawn() {
    const id = await draft();
    await as('clerk', id, { type: 'WITHDRAW', reason: 'erledigt' }).expect(200);
    return id;
  }

  const STATES: Record<string, () => Promise<string>> = {
    'draft, complete': () => draft(),
    'draft, incomplete': () => draft({ facts: '' }),
    'signOff, no signature': () => signOff(0),
    'signOff, one signature': () => signOff(1),
    'signOff, two signatures': () => signOff(2),
    'deliberation.awaitingAgenda': awaitingAgenda,
    'deliberation.scheduled by the office': scheduledByClient,
    'deliberation.scheduled on a meeting’s agenda': onAgenda,
    urgentlyDecided,
    adopted: () => adopted(),
    'adopted, within the objection window (§ 39 Abs. 1 KrO NRW)': withinObjectionWindow,
    'deliberation after a Widerspruch (§ 39 Abs. 1 KrO NRW)': objected,
    'contested (§ 39 Abs. 2 KrO NRW)': contested,
    'awaitingSupervision (§ 39 Abs. 2 KrO NRW)': awaitingSupervision,
    'inImplementation, a task open': () => withTask(false),
    'inImplementation, every task settled': () => withTask(true),
    withdrawn,
  };

  /** A valid payload for each event type, given the paper as it is. */
  function payload(
    type: string,
    paper: { currentConsultation: { role: string; redecision: { earliestDay?: string } | null } | null },
  ): Record<string, unknown> {
    switch (type) {
      case 'REJECT_SIGNOFF':
      case 'WITHDRAW':
      case 'OBJECT':
      case 'CONTEST':
        return { type, reason: 'Begründung' };
      case 'SCHEDULE':
        // After a Widerspruch the new session lies within its bounds (§ 39 Abs. 1 KrO NRW).
        return { type, date: paper.currentConsultation?.redecision?.earliestDay ?? '2028-09-05', agendaItemNumber: '5' };
      case 'SUPERVISORY_DECISION':
        return { type, upheld: true, authority: 'Bezirksregierung Münster', decidedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date()) };
      case 'RECORD_RESULT':
        return { type, result: { preliminary: 'recommended', decisive: 'adopted', info: 'noted' }[paper.currentConsultation!.role] };
      case 'URGENT_DECISION':
        return { type, decidedBy: 'district_committee', text: 'Sofort.', justification: 'Frist.' };
      case 'OVERTURN_URGENT_DECISION':
        return { type, thirdPartyRightsArisen: false };
      default:
        return { type };
    }
  }

  it('every event allowed offers in every reachable state is accepted when sent with a valid payload', async () => {
    const refusals: string[] = [];
    for (const [state, build] of Object.entries(STATES)) {
      const probe = await build();
      for (const user of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'admin']) {
        for (const type of await allowed(user, probe)) {
          const id = await build(); // a fresh paper in the same state for each event sent
          const res = await as(user, id, payload(type, await getPaper(id)));
          if (res.status !== 200) refusals.push(`${state} / ${user} / ${type}: ${res.status} ${res.body.code} ${res.body.message}`);
        }
      }
    }
    expect(refusals).toEqual([]);
  });

  it('a paper on a meeting’s agenda does not offer its own SCHEDULE and RECORD_RESULT, which it refuses', async () => {
    const id = await onAgenda();
    for (const user of ['sitzungsdienst', 'admin']) {
      expect(await allowed(user, id)).not.toEqual(expect.arrayContaining(['SCHEDULE']));
      expect(await allowed(user, id)).not.toEqual(expect.arrayContaining(['RECORD_RESULT']));
    }
    const refused = await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'recommended' }).expect(409);
    expect(refused.body.code).toBe('PAPER.ON_AGENDA');
  });

  // ---------------------------------------------------------------- ids in payloads

  async function unchanged(id: string, send: () => request.Test, field: string, status = 400) {
    const before = { paper: await getPaper(id), history: await historyLength(id) };
    const res = await send();
    expect({ status: res.status, fields: (res.body.fields ?? []).map((f: { field: string }) => f.field) }).toEqual({ status, fields: [field] });
    expect({ paper: await getPaper(id), history: await historyLength(id) }).toEqual(before);
  }

  it('SCHEDULE refuses a meeting that does not exist, of another body, of another organization, cancelled, or on another day (the probe)', async () => {
    const id = await awaitingAgenda();
    const schedule = (meetingId: string, date = '2028-09-05') => () =>
      as('sitzungsdienst', id, { type: 'SCHEDULE', date, agendaItemNumber: '3', meetingId });
    await unchanged(id, schedule(randomUUID()), 'meetingId');
    await unchanged(id, schedule(meetings.foreign.id), 'meetingId');
    await unchanged(id, schedule(meetings.council.id, meetings.council.day), 'meetingId');
    await unchanged(id, schedule(meetings.cancelled.id, meetings.cancelled.day), 'meetingId');
    await unchanged(id, schedule(meetings.committee.id, '2028-09-06'), 'date');
    // The paper is not stuck: it still offers SCHEDULE, and a fitting meeting is accepted.
    expect(await allowed('sitzungsdienst', id)).toContain('SCHEDULE');
    const ok = await as('sitzungsdienst', id, { type: 'SCHEDULE', date: meetings.committee.day, agendaItemNumber: '3', meetingId: meetings.committee.id }).expect(200);
    expect(ok.body.paper.currentConsultation).toMatchObject({ meetingId: meetings.committee.id, scheduledDate: '2028-09-05' });
    // Not on that meeting's agenda (the office scheduled it by hand): the paper moves on by its own events.
    expect(await allowed('sitzungsdienst', id)).toEqual(expect.arrayContaining(['SCHEDULE', 'RECORD_RESULT']));
    await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'recommended' }).expect(200);
  });

  it('a paper left with a meeting that does not exist (old data) is not stuck: allowed and the send path agree', async () => {
    const id = await scheduledByClient();
    await db.query(
      `UPDATE paper SET snapshot = jsonb_set(snapshot, '{context,consultations,0,meetingId}', to_jsonb($2::text)) WHERE id = $1`,
      [id, randomUUID()],
    );
    // A stale expectedVersion makes the service forget its cached copy: what follows reads the row as stored.
    await as('sitzungsdienst', id, { type: 'WITHDRAW', reason: 'x', expectedVersion: 999 }).expect(409);
    expect(await allowed('sitzungsdienst', id)).toEqual(expect.arrayContaining(['SCHEDULE', 'RECORD_RESULT']));
    await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2028-09-05', agendaItemNumber: '4' }).expect(200);
    await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'recommended' }).expect(200);
  });

  it('RECORD_RESULT referred refuses an organization that does not exist or is another body’s', async () => {
    const id = await scheduledByClient();
    const refer = (organizationId: string) => () => as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'referred', organizationId });
    await unchanged(id, refer(randomUUID()), 'organizationId');
    await unchanged(id, refer(other.orgs.committee), 'organizationId');
    await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'referred', organizationId: orgs.districtCommittee }).expect(200);
  });
});
