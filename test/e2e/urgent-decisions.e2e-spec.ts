import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { completePaper, createPaper, kreisOrganizations, KreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

/**
 * Issue 13, items 3–5 over HTTP: the two procedures of an urgent decision (§ 50 Abs. 3 KrO
 * NRW), its approval as an item of the Kreistag's agenda, tasks under it; a paper that
 * leaves deliberation while on an agenda; a referral whose role follows competence.
 *
 * The clock is set to 2029 so this suite's meetings collide with nobody's.
 */
describe('urgent decisions (§ 50 Abs. 3 KrO NRW), settled items and referrals (§ 26 KrO NRW) (e2e)', () => {
  let app: INestApplication;
  let orgs: KreisOrganizations;
  const t: Record<string, string> = {};
  const BASE = '2029-02-01T09:00:00+01:00';
  const clock = new TestClock(BASE);

  beforeAll(async () => {
    app = await createTestApp('postgres', {}, { clock });
    for (const u of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor']) t[u] = await tokenFor(app, u);
    orgs = await kreisOrganizations(app, t.sitzungsdienst);
  });
  afterAll(() => app.close());
  beforeEach(() => clock.set(BASE));

  const http = () => request(app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${t[user]}` });
  const getPaper = async (id: string) => (await http().get(`/papers/${id}`).set(as('clerk')).expect(200)).body;
  const getMeeting = async (id: string) => (await http().get(`/meetings/${id}`).set(as('auditor')).expect(200)).body;
  const meetingEvent = (id: string, body: Record<string, unknown>) => http().post(`/meetings/${id}/events`).set(as('sitzungsdienst')).send(body);
  const addItem = (id: string, body: Record<string, unknown>) => http().post(`/meetings/${id}/agenda-items`).set(as('sitzungsdienst')).send(body);
  const result = (id: string, itemId: string, body: Record<string, unknown>) =>
    http().post(`/meetings/${id}/agenda-items/${itemId}/result`).set(as('sitzungsdienst')).send(body);

  async function releasedPaper() {
    const paper = await createPaper(app, t.clerk, completePaper(orgs));
    await sendEvent(app, t.clerk, paper.id, { type: 'SUBMIT' }).expect(200);
    for (const u of ['fbl', 'kd', 'landrat']) await sendEvent(app, t[u], paper.id, { type: 'SIGN' }).expect(200);
    return paper.id;
  }

  let day = 10;
  /** A meeting of the organization some days ahead, invited and (clock moved) opened with everyone present. */
  async function meetingInSession(organizationId: string, place: (meetingId: string) => Promise<void> = async () => {}) {
    const start = `2029-03-${String(day++).padStart(2, '0')}T15:00:00+01:00`;
    const res = await http().post('/meetings').set(as('sitzungsdienst')).send({ organizationId, start });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await place(id);
    await meetingEvent(id, { type: 'INVITE' }).expect(200);
    clock.set(start);
    await meetingEvent(id, { type: 'OPEN' }).expect(200);
    const seats = (await http().get(`/organizations/${organizationId}/memberships`).query({ date: start.slice(0, 10) }).set(as('sitzungsdienst')).expect(200)).body;
    const members = seats.filter((s: { role: string }) => s.role === 'member');
    await http().put(`/meetings/${id}/attendance`).set(as('sitzungsdienst'))
      .send({ entries: members.map((m: { personId: string }) => ({ personId: m.personId, present: true })) })
      .expect(200);
    return id;
  }

  async function kaMember(): Promise<{ personId: string; name: string }> {
    const seats = (await http().get(`/organizations/${orgs.districtCommittee}/memberships`).query({ date: '2029-02-01' }).set(as('landrat')).expect(200)).body;
    return seats.find((s: { role: string }) => s.role === 'member');
  }

  it('a paper withdrawn while on an agenda: its item is marked abgesetzt "zurückgezogen: <reason>" and the meeting can close', async () => {
    const paperId = await releasedPaper();
    let itemId = '';
    const meetingId = await meetingInSession(orgs.committee, async (id) => {
      itemId = (await addItem(id, { paperId }).expect(201)).body.agenda.find((i: { paperId: string }) => i.paperId === paperId).id;
    });
    await sendEvent(app, t.clerk, paperId, { type: 'WITHDRAW', reason: 'Durch Antrag erledigt' }).expect(200);
    const meeting = await getMeeting(meetingId);
    expect(meeting.agenda.find((i: { id: string }) => i.id === itemId)).toMatchObject({
      status: 'removed',
      decisionText: 'zurückgezogen: Durch Antrag erledigt',
    });
    const minutes = (await http().get(`/meetings/${meetingId}/minutes`).set(as('auditor')).expect(200)).text;
    expect(minutes).toContain('abgesetzt (zurückgezogen: Durch Antrag erledigt)');
    expect((await meetingEvent(meetingId, { type: 'CLOSE' }).expect(200)).body.state).toBe('held');
  });

  it('a paper decided urgently while on an agenda: its item is marked abgesetzt with the urgent decision as reason', async () => {
    const paperId = await releasedPaper();
    let itemId = '';
    const meetingId = await meetingInSession(orgs.committee, async (id) => {
      itemId = (await addItem(id, { paperId }).expect(201)).body.agenda.find((i: { paperId: string }) => i.paperId === paperId).id;
    });
    await sendEvent(app, t.landrat, paperId, { type: 'URGENT_DECISION', decidedBy: 'district_committee', form: 'circulation', text: 'Dringlich beschlossen.', justification: 'Förderfrist' }).expect(200);
    expect((await getMeeting(meetingId)).agenda.find((i: { id: string }) => i.id === itemId)).toMatchObject({
      status: 'removed',
      decisionText: expect.stringContaining('Dringlichkeitsentscheidung'),
    });
    expect((await meetingEvent(meetingId, { type: 'CLOSE' }).expect(200)).body.state).toBe('held');
  });

  const userId = (user: string) => (JSON.parse(Buffer.from(t[user].split('.')[1], 'base64url').toString()) as { sub: string }).sub;
  const history = async (meetingId: string) =>
    (await http().get(`/meetings/${meetingId}/history`).set(as('auditor')).expect(200)).body as {
      type: string;
      actor: { id: string; username: string };
      from: string;
      to: string;
      payload: Record<string, unknown>;
    }[];

  it('the meeting’s history says SETTLE_ITEM with the reason, the cause and the actor who withdrew or decided urgently', async () => {
    const withdrawn = await releasedPaper();
    const decided = await releasedPaper();
    const items: Record<string, string> = {};
    const meetingId = await meetingInSession(orgs.committee, async (id) => {
      for (const paperId of [withdrawn, decided]) {
        items[paperId] = (await addItem(id, { paperId }).expect(201)).body.agenda.find((i: { paperId: string }) => i.paperId === paperId).id;
      }
    });
    await sendEvent(app, t.clerk, withdrawn, { type: 'WITHDRAW', reason: 'Durch Antrag erledigt' }).expect(200);
    await sendEvent(app, t.landrat, decided, { type: 'URGENT_DECISION', decidedBy: 'district_committee', form: 'circulation', text: 'Dringlich beschlossen.', justification: 'Förderfrist' }).expect(200);

    const settled = (await history(meetingId)).filter((h) => h.type === 'SETTLE_ITEM');
    expect(settled).toEqual([
      expect.objectContaining({
        actor: { id: userId('clerk'), username: 'clerk' },
        from: 'inSession',
        to: 'inSession',
        payload: { itemId: items[withdrawn], paperId: withdrawn, reason: 'zurückgezogen: Durch Antrag erledigt', cause: 'withdrawn' },
      }),
      expect.objectContaining({
        actor: { id: userId('landrat'), username: 'landrat' },
        payload: {
          itemId: items[decided],
          paperId: decided,
          // the day of the urgent decision: the session's day, where the clock stands
          reason: expect.stringMatching(/^erledigt durch Dringlichkeitsentscheidung \(§ 50 Abs\. 3 KrO NRW\) vom \d\d\.03\.2029$/),
          cause: 'urgent_decision',
        },
      }),
    ]);
    // No borrowed role: nothing in the meeting's history is a REMOVE_ITEM in the clerk's or the Landrat's name.
    expect((await history(meetingId)).filter((h) => h.type === 'REMOVE_ITEM')).toEqual([]);
    // Never offered to a client, and no client can send it.
    expect((await http().get(`/meetings/${meetingId}/events/allowed`).set(as('clerk')).expect(200)).body.allowed).toEqual([]);
    await meetingEvent(meetingId, { type: 'SETTLE_ITEM', itemId: items[withdrawn], reason: 'x', cause: 'withdrawn' }).expect(400);
  });

  it('Absetzung von der Tagesordnung by hand: the committee office takes an item off in session with a reason', async () => {
    const paperId = await releasedPaper();
    let itemId = '';
    const meetingId = await meetingInSession(orgs.committee, async (id) => {
      itemId = (await addItem(id, { paperId }).expect(201)).body.agenda.find((i: { paperId: string }) => i.paperId === paperId).id;
    });
    const reason = 'Beratungsbedarf in den Fraktionen';
    const meeting = (await http().delete(`/meetings/${meetingId}/agenda-items/${itemId}`).set(as('sitzungsdienst')).send({ reason }).expect(200)).body;
    expect(meeting.agenda.find((i: { id: string }) => i.id === itemId)).toMatchObject({ status: 'removed', decisionText: reason });
    expect((await history(meetingId)).at(-1)).toMatchObject({
      type: 'REMOVE_ITEM',
      actor: { id: userId('sitzungsdienst') },
      payload: { itemId, reason },
    });
    const minutes = (await http().get(`/meetings/${meetingId}/minutes`).set(as('auditor')).expect(200)).text;
    expect(minutes).toContain(`abgesetzt (${reason})`);
    // The paper awaits an agenda again; nobody but the office sets an item abgesetzt.
    expect((await getPaper(paperId)).stateDetail).toBe('awaitingAgenda');
  });

  it('§ 50 Abs. 3 KrO: the Landrat decides with a member of the Kreisausschuss, checked against its memberships', async () => {
    const paperId = await releasedPaper();
    const urgent = { type: 'URGENT_DECISION', decidedBy: 'district_administrator_with_member', text: 'Dringlich beschlossen.', justification: 'Gefahr im Verzug' };
    const before = await getPaper(paperId);
    // A member of the committee who does not sit in the Kreisausschuss.
    const committeeSeats = (await http().get(`/organizations/${orgs.committee}/memberships`).query({ date: '2029-02-01' }).set(as('landrat')).expect(200)).body;
    const ka = await kaMember();
    const kaSeats = (await http().get(`/organizations/${orgs.districtCommittee}/memberships`).query({ date: '2029-02-01' }).set(as('landrat')).expect(200)).body;
    const stranger = committeeSeats.find((s: { personId: string }) => !kaSeats.some((k: { personId: string }) => k.personId === s.personId));
    const refused = await sendEvent(app, t.landrat, paperId, { ...urgent, memberPersonId: stranger.personId }).expect(400);
    expect(JSON.stringify(refused.body)).toContain('memberPersonId');
    await sendEvent(app, t.landrat, paperId, { ...urgent, memberPersonId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    await sendEvent(app, t.landrat, paperId, { ...urgent, memberName: 'Frau Muster' }).expect(400);
    expect((await getPaper(paperId)).version).toBe(before.version);

    const ok = await sendEvent(app, t.landrat, paperId, { ...urgent, memberPersonId: ka.personId }).expect(200);
    expect(ok.body.state).toBe('urgentlyDecided');
    expect(ok.body.paper.urgentDecision).toMatchObject({
      decidedBy: 'district_administrator_with_member',
      memberPersonId: ka.personId,
      memberName: ka.name,
    });
  });

  it('§ 50 Abs. 3 KrO: tasks start under the urgent decision; the Kreistag approves it as an item of its agenda', async () => {
    const paperId = await releasedPaper();
    await sendEvent(app, t.landrat, paperId, { type: 'URGENT_DECISION', decidedBy: 'district_committee', form: 'session', text: 'Dringlich beschlossen.', justification: 'Förderfrist' }).expect(200);
    await http().post(`/papers/${paperId}/tasks`).set(as('clerk')).send({ kind: 'generic', title: 'Förderantrag stellen' }).expect(201);
    const started = await getPaper(paperId);
    expect(started.state).toBe('urgentlyDecided');
    await http().post(`/papers/${paperId}/tasks`).set(as('clerk')).send({ kind: 'generic', title: 'Zweite Maßnahme' }).expect(201);

    // Only the Kreistag approves: not a committee's agenda.
    const committeeMeeting = (await http().post('/meetings').set(as('sitzungsdienst')).send({ organizationId: orgs.committee, start: '2029-03-30T15:00:00+02:00' }).expect(201)).body;
    await addItem(committeeMeeting.id, { paperId }).expect(409);
    // The approval is not sent by hand while the Kreistag's agenda carries it.
    let itemId = '';
    const meetingId = await meetingInSession(orgs.districtCouncil, async (id) => {
      const placed = (await addItem(id, { paperId }).expect(201)).body.agenda.find((i: { paperId: string }) => i.paperId === paperId);
      itemId = placed.id;
      expect(placed.title).toContain('Genehmigung der Dringlichkeitsentscheidung');
      await sendEvent(app, t.sitzungsdienst, paperId, { type: 'APPROVE_URGENT_DECISION' }).expect(409);
    });
    await result(meetingId, itemId, { result: 'adopted' }).expect(200);
    const approved = await getPaper(paperId);
    expect(approved.state).toBe('inImplementation');
    expect(approved.urgentDecision.approval).toMatchObject({ outcome: 'approved' });
    expect((await meetingEvent(meetingId, { type: 'CLOSE' }).expect(200)).body.state).toBe('held');
  });

  it('§ 50 Abs. 3 KrO: the Kreistag overturns an urgent decision for the future; third-party rights stay on record', async () => {
    const paperId = await releasedPaper();
    await sendEvent(app, t.landrat, paperId, { type: 'URGENT_DECISION', decidedBy: 'district_committee', text: 'Dringlich beschlossen.', justification: 'Förderfrist' }).expect(200);
    let itemId = '';
    const meetingId = await meetingInSession(orgs.districtCouncil, async (id) => {
      itemId = (await addItem(id, { paperId }).expect(201)).body.agenda.find((i: { paperId: string }) => i.paperId === paperId).id;
    });
    await result(meetingId, itemId, { result: 'referred', organizationId: orgs.committee }).expect(400);
    await result(meetingId, itemId, { result: 'rejected', thirdPartyRightsArisen: true }).expect(200);
    const paper = await getPaper(paperId);
    expect(paper.state).toBe('overturned');
    expect(paper.urgentDecision.approval).toMatchObject({
      outcome: 'overturned',
      thirdPartyRightsArisen: true,
      effect: 'future',
      record: expect.stringContaining('mit Wirkung für die Zukunft'),
    });
    const history = (await http().get(`/papers/${paperId}/history`).set(as('auditor')).expect(200)).body;
    expect(JSON.stringify(history.at(-1))).toContain('Rechte Dritter');
  });

  it('referral follows competence (§ 26 KrO NRW): a committee refers to the Kreistag, which then decides (decisive), not merely recommends', async () => {
    const paperId = await releasedPaper();
    let itemId = '';
    const meetingId = await meetingInSession(orgs.committee, async (id) => {
      itemId = (await addItem(id, { paperId }).expect(201)).body.agenda.find((i: { paperId: string }) => i.paperId === paperId).id;
    });
    await result(meetingId, itemId, { result: 'referred', organizationId: orgs.districtCouncil }).expect(200);
    const paper = await getPaper(paperId);
    const roles = paper.consultations.map((c: { organizationId: string; role: string }) => [c.organizationId, c.role]);
    expect(roles).toEqual([
      [orgs.committee, 'preliminary'],
      [orgs.districtCouncil, 'decisive'],
      [orgs.districtCommittee, 'preliminary'],
      [orgs.districtCouncil, 'preliminary'],
    ]);
  });
});
