import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { kreisOrganizations, type KreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

/**
 * Fraktionen, Anträge and Anfragen (issue 13, item 8): Fraktionen and Gruppen of the
 * Kreistag with their minimum strength (§ 40 KrO NRW), Anträge and Anfragen registered
 * by the committee office without an administrative sign-off.
 *
 * The clock is set to March 2029 so this suite's meetings collide with nobody's.
 */
describe('Fraktionen, Anträge, Anfragen (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let orgs: KreisOrganizations;
  const t: Record<string, string> = {};
  const BASE = '2029-03-01T09:00:00+01:00';
  const clock = new TestClock(BASE);
  const groups: Record<string, string> = {};
  const seats: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp('postgres', {}, { clock });
    db = app.get<DataSource>(getDataSourceToken());
    for (const u of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor', 'cr-clerk']) t[u] = await tokenFor(app, u);
    orgs = await kreisOrganizations(app, t.sitzungsdienst);
    const all = (await http().get('/organizations').set(auth('clerk')).expect(200)).body as { id: string; name: string }[];
    for (const o of all) groups[o.name] = o.id;
    const kt = (await http().get(`/organizations/${orgs.districtCouncil}/memberships`).set(auth('clerk')).expect(200)).body as { personId: string; name: string }[];
    for (const s of kt) seats[s.name] = s.personId;
  });
  afterAll(() => app.close());
  beforeEach(() => clock.set(BASE));

  const http = () => request(app.getHttpServer());
  const auth = (user: string) => ({ Authorization: `Bearer ${t[user]}` });
  const register = (body: Record<string, unknown>, user = 'sitzungsdienst') => http().post('/papers/motions').set(auth(user)).send(body);
  const getPaper = async (id: string) => (await http().get(`/papers/${id}`).set(auth('clerk')).expect(200)).body;
  // Other suites write papers meanwhile; in the Kreis only this suite registers Anträge and Anfragen.
  const paperCount = async () =>
    Number((await db.query(`SELECT count(*) AS n FROM paper p JOIN body b ON b.id = p.body_id WHERE b.name = 'Kreis Recklinghausen' AND p.paper_type IN ('Antrag', 'Anfrage')`))[0].n);
  const antrag = (overrides: Record<string, unknown> = {}) => ({
    paperType: 'Antrag',
    title: `Antrag ${Math.random().toString(36).slice(2, 8)}: Digitale Sitzungsunterlagen`,
    text: 'Der Kreistag beauftragt die Verwaltung, alle Sitzungsunterlagen digital bereitzustellen.',
    reasons: 'Papier sparen.',
    originatorOrganizationId: groups['Kreistagsfraktion A'],
    receivedAt: '2029-03-01T08:00:00+01:00',
    consultations: [{ organizationId: orgs.districtCouncil, role: 'decisive' }],
    ...overrides,
  });

  /** A request refused with `status` that creates no paper. */
  async function refused(req: () => request.Test, status: number) {
    const before = await paperCount();
    const res = await req();
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status } });
    expect(await paperCount()).toBe(before);
    return res.body as Record<string, any>;
  }

  // ------------------------------------------------------------------ 1. Fraktionen (§ 40)

  it('§ 40 KrO NRW: the Kreistag’s Fraktionen and Gruppe are organizations with members, each shown with its strength', async () => {
    const a = (await http().get(`/organizations/${groups['Kreistagsfraktion A']}`).set(auth('auditor')).expect(200)).body;
    expect(a).toMatchObject({ kind: 'fraction', organizationType: 'Fraktion', parentOrganizationId: orgs.districtCouncil });
    expect(a.strength).toEqual({ day: '2029-03-01', members: 9, minimumMembers: 2, meetsMinimum: true, problem: null });
    const d = (await http().get(`/organizations/${groups['Kreistagsgruppe D']}`).set(auth('auditor')).expect(200)).body;
    expect(d).toMatchObject({ kind: 'group', organizationType: 'Gruppe', strength: { members: 2, minimumMembers: 2, meetsMinimum: true } });
    const members = (await http().get(`/organizations/${groups['Kreistagsfraktion C']}/memberships`).set(auth('auditor')).expect(200)).body;
    expect(members.map((m: { name: string }) => m.name)).toEqual(['KT-Mitglied 18', 'KT-Mitglied 19', 'KT-Mitglied 20', 'KT-Mitglied 21']);
    const kreistag = (await http().get(`/organizations/${orgs.districtCouncil}`).set(auth('auditor')).expect(200)).body;
    expect(kreistag.strength).toBeUndefined();
  });

  it('§ 40 KrO NRW: a Fraktion below its minimum on the day received cannot originate an Antrag (409 with the reason)', async () => {
    // Three of the four members of Kreistagsfraktion C left it at the end of February.
    const c = groups['Kreistagsfraktion C'];
    const leave = (endDate: string | null) =>
      db.query(
        `UPDATE membership SET end_date = $2 WHERE organization_id = $1 AND person_id IN (SELECT id FROM person WHERE family_name IN ('KT-Mitglied 19', 'KT-Mitglied 20', 'KT-Mitglied 21'))`,
        [c, endDate],
      );
    await leave('2029-02-28');
    try {
      const tooSmall = await refused(() => register(antrag({ originatorOrganizationId: c })), 409);
      expect(tooSmall).toMatchObject({
        code: 'ORGANIZATION.BELOW_MINIMUM',
        message: '§ 40 KrO NRW: the Fraktion Kreistagsfraktion C has 1 member, at least 2 are required (council of 28 statutory members: 2 needed)',
      });
      const shown = (await http().get(`/organizations/${c}`).set(auth('auditor')).expect(200)).body;
      expect(shown.strength).toMatchObject({ members: 1, minimumMembers: 2, meetsMinimum: false });
      // received before they left, the Antrag was the Fraktion's
      await register(antrag({ originatorOrganizationId: c, receivedAt: '2029-02-28T10:00:00+01:00' })).expect(201);
    } finally {
      await leave(null);
    }
    await register(antrag({ originatorOrganizationId: c })).expect(201);
  });

  // ------------------------------------------------------------------ 2. Anträge and Anfragen

  it('an Antrag of a Fraktion is registered by the committee office and goes straight to deliberation; SIGN and REJECT_SIGNOFF are refused with 409', async () => {
    const res = await register(antrag()).expect(201);
    expect(res.body).toMatchObject({
      paperType: 'Antrag',
      state: 'deliberation',
      stateDetail: 'awaitingAgenda',
      signOff: { steps: [], signatures: [], nextRole: null },
      motion: {
        originator: { kind: 'fraction', id: groups['Kreistagsfraktion A'], name: 'Kreistagsfraktion A' },
        receivedAt: '2029-03-01T07:00:00.000Z',
        placementRight: 'fraction',
      },
      currentConsultation: { organizationId: orgs.districtCouncil, role: 'decisive' },
      decisionText: { current: 'Der Kreistag beauftragt die Verwaltung, alle Sitzungsunterlagen digital bereitzustellen.' },
    });
    expect(res.body.reference).toMatch(/^2029\/\d{3}$/);
    const id = res.body.id as string;
    for (const [user, event] of [['landrat', { type: 'SIGN' }], ['fbl', { type: 'REJECT_SIGNOFF', reason: 'Nein' }], ['admin', { type: 'SIGN' }]] as const) {
      const token = user === 'admin' ? await tokenFor(app, 'admin') : t[user];
      const refusedSign = await sendEvent(app, token, id, event).expect(409);
      expect(refusedSign.body.code).toBe('PAPER.NO_SIGN_OFF');
      expect(refusedSign.body.message).toContain('has no administrative sign-off');
    }
    const history = (await http().get(`/papers/${id}/history`).set(auth('auditor')).expect(200)).body;
    expect(history.map((h: { type: string }) => h.type)).toEqual(['CREATE', 'REGISTER']);
    expect(history[1]).toMatchObject({ actor: { username: 'sitzungsdienst' }, from: 'draft', to: 'deliberation.awaitingAgenda' });
  });

  it('an Antrag or Anfrage is not drafted by a clerk: POST /papers refuses the type (400), POST /papers/motions the role (403)', async () => {
    const drafted = await refused(
      () => http().post('/papers').set(auth('clerk')).send({ title: 'Antrag', paperType: 'Antrag' }),
      400,
    );
    expect(drafted.fields.map((f: { field: string }) => f.field)).toEqual(['paperType']);
    await refused(() => register(antrag(), 'clerk'), 403);
    await refused(() => register(antrag(), 'landrat'), 403);
  });

  it('a member of the Kreistag may originate an Antrag or an Anfrage; a person without a seat, a foreign or unknown originator is 400 and nothing is created', async () => {
    const byMember = await register(antrag({ originatorOrganizationId: undefined, originatorPersonId: seats['KT-Mitglied 24'] })).expect(201);
    expect(byMember.body.motion).toMatchObject({ originator: { kind: 'person', name: 'KT-Mitglied 24' }, placementRight: null });

    const [{ id: awdMember }] = await db.query(`SELECT id FROM person WHERE family_name = 'AWD-Mitglied 01'`);
    const [{ id: crCouncil }] = await db.query(`SELECT id FROM organization WHERE kind = 'city_council'`);
    const cases: [Record<string, unknown>, string][] = [
      [{ originatorPersonId: awdMember, originatorOrganizationId: undefined }, 'originatorPersonId'],
      [{ originatorPersonId: seats['KT-Mitglied 24'] }, 'originatorOrganizationId'],
      [{ originatorOrganizationId: undefined }, 'originatorOrganizationId'],
      [{ originatorOrganizationId: orgs.committee }, 'originatorOrganizationId'],
      [{ originatorOrganizationId: crCouncil }, 'originatorOrganizationId'],
      [{ receivedAt: '2029-03-02T08:00:00+01:00' }, 'receivedAt'],
      [{ supporterPersonIds: [awdMember] }, 'supporterPersonIds.0'],
      [{ consultations: [{ organizationId: groups['Kreistagsfraktion B'], role: 'decisive' }] }, 'consultations.0.organizationId'],
      [{ consultations: [] }, 'consultations'],
      [{ receivedAt: '2029-03-01' }, 'receivedAt'],
      [{ paperType: 'Beschlussvorlage' }, 'paperType'],
    ];
    for (const [overrides, field] of cases) {
      const body = await refused(() => register(antrag(overrides)), 400);
      const fields = (body.fields ?? []).map((f: { field: string }) => f.field);
      if (field === 'consultations') expect(body.message).toContain('at least one consultation is required');
      expect([JSON.stringify(overrides), fields]).toEqual([JSON.stringify(overrides), [field]]);
    }

    const anfrage = await register({
      paperType: 'Anfrage',
      title: 'Anfrage: Stand des Breitbandausbaus',
      text: '1. Wie viele Haushalte sind angeschlossen? 2. Wann ist der Ausbau abgeschlossen?',
      originatorOrganizationId: groups['Kreistagsgruppe D'],
      receivedAt: '2029-02-27T10:00:00+01:00',
    }).expect(201);
    expect(anfrage.body).toMatchObject({ paperType: 'Anfrage', state: 'deliberation', consultations: [], currentConsultation: null, answers: [] });
    const noMeeting = await refused(() => register({ ...antrag(), paperType: 'Anfrage', requestedMeetingId: anfrage.body.id }), 400);
    expect(noMeeting.fields.map((f: { field: string }) => f.field)).toEqual(['requestedMeetingId']);
  });

  // ------------------------------------------------------------------ 3. GO deadline and the duty to place (§ 33)

  async function createMeeting(organizationId: string, start: string) {
    const res = await http().post('/meetings').set(auth('sitzungsdienst')).send({ organizationId, start, location: 'Kreishaus Recklinghausen' });
    if (res.status !== 201) throw new Error(`create meeting: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; start: string; state: string; agenda: { id: string; paperId: string | null }[] };
  }
  const meetingEvent = (id: string, body: Record<string, unknown>) => http().post(`/meetings/${id}/events`).set(auth('sitzungsdienst')).send(body);
  const getMeeting = async (id: string) => (await http().get(`/meetings/${id}`).set(auth('auditor')).expect(200)).body;

  it('§ 33 KrO NRW: a Fraktion’s Antrag received within the GO’s deadline must be on the agenda: INVITE is refused until it is placed; a late Antrag is not enforced', async () => {
    // Kreistag on Wed 28.03.2029; GO des Kreistags: 14 days, so the last day on time is 14.03.
    const meeting = await createMeeting(orgs.districtCouncil, '2029-03-28T17:00:00+02:00');
    const onTime = (await register(antrag({ requestedMeetingId: meeting.id, receivedAt: '2029-03-01T08:00:00+01:00' })).expect(201)).body;
    clock.set('2029-03-16T09:00:00+01:00');
    const late = (
      await register(antrag({ originatorOrganizationId: groups['Kreistagsfraktion B'], requestedMeetingId: meeting.id, receivedAt: '2029-03-15T10:00:00+01:00' })).expect(201)
    ).body;
    // the session asked for must be one of the organization the Antrag goes to first
    const committee = await createMeeting(orgs.committee, '2029-03-27T17:00:00+02:00');
    const wrong = await refused(() => register(antrag({ requestedMeetingId: committee.id, receivedAt: '2029-03-15T10:00:00+01:00' })), 400);
    expect(wrong.fields.map((f: { field: string }) => f.field)).toEqual(['requestedMeetingId']);

    const view = await getMeeting(meeting.id);
    expect(view.motionsRequested.map((m: Record<string, unknown>) => [m.paperId, m.deadline, m.onTime, m.mustBePlaced, m.placed])).toEqual([
      [onTime.id, '2029-03-14', true, true, false],
      [late.id, '2029-03-14', false, false, false],
    ]);

    const before = await getMeeting(meeting.id);
    const refusal = await meetingEvent(meeting.id, { type: 'INVITE' }).expect(409);
    expect(refusal.body.problems).toEqual([
      `§ 33 KrO NRW: Antrag ${onTime.reference} "${onTime.title}" of the Fraktion Kreistagsfraktion A, received on 2029-03-01 within the deadline of 14 days (GO des Kreistags), must be on the agenda before the invitation`,
    ]);
    expect(await getMeeting(meeting.id)).toEqual(before);

    await http().post(`/meetings/${meeting.id}/agenda-items`).set(auth('sitzungsdienst')).send({ paperId: onTime.id }).expect(201);
    const invited = (await meetingEvent(meeting.id, { type: 'INVITE' }).expect(200)).body;
    expect(invited.state).toBe('invited');
    expect(invited.motionsRequested.map((m: Record<string, unknown>) => [m.paperId, m.placed])).toEqual([
      [onTime.id, true],
      [late.id, false],
    ]);
  });

  // ------------------------------------------------------------------ 4. Anfrage and its Beantwortung

  it('an Anfrage is answered by a Mitteilungsvorlage that goes through the normal sign-off: its release answers the Anfrage (noted) and links both', async () => {
    const anfrage = (
      await register({
        paperType: 'Anfrage',
        title: 'Anfrage der Kreistagsfraktion B: Glasfaser an Schulen',
        text: 'Wie viele Schulen des Kreises sind an das Glasfasernetz angeschlossen?',
        originatorOrganizationId: groups['Kreistagsfraktion B'],
        receivedAt: '2029-02-20T10:00:00+01:00',
      }).expect(201)
    ).body;
    const answer = (
      await http()
        .post('/papers')
        .set(auth('clerk'))
        .send({
          title: 'Beantwortung der Anfrage: Glasfaser an Schulen',
          paperType: 'Mitteilungsvorlage',
          answersPaperId: anfrage.id,
          decisionProposal: 'Der Kreistag nimmt die Beantwortung zur Kenntnis.',
          facts: '31 von 34 Schulen sind angeschlossen.',
          climateImpact: { effect: 'none' },
          consultations: [{ organizationId: orgs.districtCouncil, role: 'info' }],
        })
        .expect(201)
    ).body;
    expect(answer.answersPaperId).toBe(anfrage.id);
    expect((await getPaper(anfrage.id)).answers).toEqual([{ id: answer.id, reference: null, title: answer.title, state: 'draft', stateDetail: null, releasedAt: null }]);

    await sendEvent(app, t.clerk, answer.id, { type: 'SUBMIT' }).expect(200);
    await sendEvent(app, t.fbl, answer.id, { type: 'SIGN' }).expect(200);
    await sendEvent(app, t.kd, answer.id, { type: 'SIGN' }).expect(200);
    expect((await getPaper(anfrage.id)).state).toBe('deliberation');
    const released = (await sendEvent(app, t.landrat, answer.id, { type: 'SIGN' }).expect(200)).body;
    expect(released.state).toBe('deliberation');

    const answered = await getPaper(anfrage.id);
    expect(answered.state).toBe('noted');
    expect(answered.answers).toEqual([
      { id: answer.id, reference: released.paper.reference, title: answer.title, state: 'deliberation', stateDetail: 'awaitingAgenda', releasedAt: expect.any(String) },
    ]);
    const history = (await http().get(`/papers/${anfrage.id}/history`).set(auth('auditor')).expect(200)).body;
    expect(history.map((h: { type: string }) => h.type)).toEqual(['CREATE', 'REGISTER', 'ANSWER']);
    expect(history[2]).toMatchObject({ actor: { username: 'landrat' }, payload: { answerPaperId: answer.id, reference: released.paper.reference } });
  });

  it('only a Mitteilungsvorlage answers, and only an Anfrage of the caller’s body: anything else is 400 and nothing is created', async () => {
    const antragId = (await register(antrag()).expect(201)).body.id;
    const anfrageId = (
      await register({ paperType: 'Anfrage', title: 'Anfrage X', text: 'Frage?', originatorPersonId: seats['KT-Mitglied 25'], receivedAt: '2029-02-27T10:00:00+01:00' }).expect(201)
    ).body.id;
    const draft = (overrides: Record<string, unknown>) => ({ title: 'Beantwortung', paperType: 'Mitteilungsvorlage', ...overrides });
    const count = async () => Number((await db.query(`SELECT count(*) AS n FROM paper WHERE answers_paper_id IS NOT NULL OR title = 'Beantwortung'`))[0].n);
    const before = await count();
    for (const [user, body] of [
      ['clerk', draft({ answersPaperId: antragId })],
      ['clerk', draft({ answersPaperId: '00000000-0000-4000-8000-000000000000' })],
      ['clerk', draft({ paperType: 'Beschlussvorlage', answersPaperId: anfrageId })],
      ['cr-clerk', draft({ answersPaperId: anfrageId })],
    ] as const) {
      const res = await http().post('/papers').set(auth(user)).send(body).expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['answersPaperId']);
    }
    expect(await count()).toBe(before);
  });

  // ------------------------------------------------------------------ 5. Änderungsanträge

  async function releasedVorlage() {
    const res = await http()
      .post('/papers')
      .set(auth('clerk'))
      .send({
        title: `Radverkehrskonzept ${Math.random().toString(36).slice(2, 8)}`,
        paperType: 'Beschlussvorlage',
        decisionProposal: 'Der Kreistag beschließt das Radverkehrskonzept mit einem Budget von 100.000 Euro.',
        facts: 'Sachverhalt.',
        climateImpact: { effect: 'positive', justification: 'Weniger Autoverkehr.' },
        consultations: [
          { organizationId: orgs.districtCommittee, role: 'preliminary', plannedDate: '2029-04-16' },
          { organizationId: orgs.districtCouncil, role: 'decisive', plannedDate: '2029-04-25' },
        ],
      })
      .expect(201);
    await sendEvent(app, t.clerk, res.body.id, { type: 'SUBMIT' }).expect(200);
    for (const u of ['fbl', 'kd', 'landrat']) await sendEvent(app, t[u], res.body.id, { type: 'SIGN' }).expect(200);
    return res.body as { id: string; title: string };
  }

  async function sessionWith(organizationId: string, start: string, paperId: string, present: number) {
    clock.set('2029-04-05T09:00:00+02:00');
    const meeting = await createMeeting(organizationId, start);
    const placed = (await http().post(`/meetings/${meeting.id}/agenda-items`).set(auth('sitzungsdienst')).send({ paperId, number: '2' }).expect(201)).body;
    const item = placed.agenda.find((i: { paperId: string }) => i.paperId === paperId);
    return { meeting, item };
  }

  async function open(meeting: { id: string; start: string }, organizationId: string, present: number) {
    await meetingEvent(meeting.id, { type: 'INVITE' }).expect(200);
    clock.set(meeting.start);
    await meetingEvent(meeting.id, { type: 'OPEN' }).expect(200);
    const seated = (await http().get(`/organizations/${organizationId}/memberships`).query({ date: meeting.start.slice(0, 10) }).set(auth('sitzungsdienst')).expect(200)).body;
    const voting = seated.filter((x: { role: string }) => x.role !== 'substitute');
    await http()
      .put(`/meetings/${meeting.id}/attendance`)
      .set(auth('sitzungsdienst'))
      .send({ entries: voting.map((x: { personId: string }, i: number) => ({ personId: x.personId, present: i < present })) })
      .expect(200);
  }

  const amendments = (meetingId: string, itemId: string) => `/meetings/${meetingId}/agenda-items/${itemId}/amendments`;

  it('GO des Kreistags: Änderungsanträge are their own records, voted before the main motion; the KA’s adopted amendment is the text the Kreistag deliberates and decides', async () => {
    const paper = await releasedVorlage();
    const ka = await sessionWith(orgs.districtCommittee, '2029-04-16T17:00:00+02:00', paper.id, 15);
    const amendedText = 'Der Kreistag beschließt das Radverkehrskonzept mit einem Budget von 150.000 Euro.';

    // tabled before the session, by a Fraktion and by a member of the Kreisausschuss
    const tabled = (
      await http()
        .post(amendments(ka.meeting.id, ka.item.id))
        .set(auth('sitzungsdienst'))
        .send({ text: amendedText, change: 'Das Budget wird von 100.000 auf 150.000 Euro erhöht.', originatorOrganizationId: groups['Kreistagsfraktion B'] })
        .expect(201)
    ).body;
    const kaSeats = (await http().get(`/organizations/${orgs.districtCommittee}/memberships`).set(auth('clerk')).expect(200)).body;
    const member = kaSeats.find((x: { name: string }) => x.name === 'KA-Mitglied 03');
    await http().post(amendments(ka.meeting.id, ka.item.id)).set(auth('sitzungsdienst')).send({ text: 'Der Kreistag lehnt das Konzept ab.', originatorPersonId: member.personId }).expect(201);
    await http().post(amendments(ka.meeting.id, ka.item.id)).set(auth('clerk')).send({ text: 'x', originatorPersonId: member.personId }).expect(403);
    const bad = await http().post(amendments(ka.meeting.id, ka.item.id)).set(auth('sitzungsdienst')).send({ text: 'x', originatorPersonId: seats['KT-Mitglied 24'] }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['originatorPersonId']);
    const [first, second] = (await getMeeting(ka.meeting.id)).agenda.find((i: { id: string }) => i.id === ka.item.id).amendments;
    expect(first).toMatchObject({ number: 1, label: 'Änderungsantrag 1 (Kreistagsfraktion B)', state: 'proposed', text: amendedText });
    expect(second).toMatchObject({ number: 2, label: 'Änderungsantrag 2 (KA-Mitglied 03)', state: 'proposed' });
    expect(tabled.state).toBe('planned');

    await open(ka.meeting, orgs.districtCommittee, 15);
    const result = (body: Record<string, unknown>) => http().post(`/meetings/${ka.meeting.id}/agenda-items/${ka.item.id}/result`).set(auth('sitzungsdienst')).send(body);

    // the main motion waits for its amendments
    const before = await getMeeting(ka.meeting.id);
    const early = await result({ result: 'recommended' }).expect(409);
    expect(early.body.problems).toEqual([
      'GO des Kreistags: Änderungsanträge are voted before the main motion; still proposed: Änderungsantrag 1 (Kreistagsfraktion B), Änderungsantrag 2 (KA-Mitglied 03)',
    ]);
    expect(await getMeeting(ka.meeting.id)).toEqual(before);
    expect((await getPaper(paper.id)).decisionText.current).toBe('Der Kreistag beschließt das Radverkehrskonzept mit einem Budget von 100.000 Euro.');

    // the amendment's result must follow from its votes (§ 35 KrO NRW): nothing changes when it does not
    const contradiction = await http().post(`${amendments(ka.meeting.id, ka.item.id)}/${first.id}/result`).set(auth('sitzungsdienst')).send({ result: 'adopted', votes: { yes: 3, no: 10, abstain: 2 } }).expect(400);
    expect(contradiction.body.fields).toEqual([{ field: 'result', messages: ['3 yes against 10 no is not a majority: the motion is rejected'] }]);
    expect(await getMeeting(ka.meeting.id)).toEqual(before);
    await http().post(`${amendments(ka.meeting.id, ka.item.id)}/${first.id}/result`).set(auth('sitzungsdienst')).send({ result: 'adopted', votes: { yes: 10, no: 4, abstain: 1 } }).expect(200);
    await http().post(`${amendments(ka.meeting.id, ka.item.id)}/${first.id}/withdraw`).set(auth('sitzungsdienst')).send({}).expect(409);
    await http().post(`${amendments(ka.meeting.id, ka.item.id)}/${second.id}/withdraw`).set(auth('sitzungsdienst')).send({ reason: 'erledigt' }).expect(200);

    // the item is decided on the amended text: a text of its own is refused
    const ownText = await result({ result: 'recommended', text: 'Anderer Text' }).expect(400);
    expect(ownText.body.fields.map((f: { field: string }) => f.field)).toEqual(['text']);
    const decided = (await result({ result: 'recommended', votes: { yes: 12, no: 3, abstain: 0 } }).expect(200)).body;
    expect(decided.agenda.find((i: { id: string }) => i.id === ka.item.id)).toMatchObject({ status: 'decided', result: 'recommended', decisionText: amendedText });
    await meetingEvent(ka.meeting.id, { type: 'CLOSE' }).expect(200);
    const minutes = (await http().get(`/meetings/${ka.meeting.id}/minutes`).set(auth('clerk')).expect(200)).text;
    expect(minutes).toContain('Änderungsantrag 1 (Kreistagsfraktion B): angenommen');
    expect(minutes).toContain('Änderungsantrag 2 (KA-Mitglied 03): zurückgezogen');
    expect(minutes).toContain('Beschluss (in der Fassung des Änderungsantrags 1 (Kreistagsfraktion B)):');
    expect(minutes).toContain(amendedText);

    // the paper carries the amended text to the Kreistag, with its versions
    const carried = await getPaper(paper.id);
    expect(carried.currentConsultation.organizationId).toBe(orgs.districtCouncil);
    expect(carried.decisionText.current).toBe(amendedText);
    expect(carried.decisionText.versions.map((v: { version: number; label: string }) => [v.version, v.label])).toEqual([
      [1, 'Beschlussvorschlag der Verwaltung'],
      [2, 'geändert durch Änderungsantrag: KA am 16.04.2029, TOP 2'],
    ]);

    // the Kreistag deliberates and adopts the amended text
    const kt = await sessionWith(orgs.districtCouncil, '2029-04-25T17:00:00+02:00', paper.id, 20);
    await open(kt.meeting, orgs.districtCouncil, 20);
    const adopted = (await http().post(`/meetings/${kt.meeting.id}/agenda-items/${kt.item.id}/result`).set(auth('sitzungsdienst')).send({ result: 'adopted', votes: { yes: 15, no: 5 } }).expect(200)).body;
    expect(adopted.agenda.find((i: { id: string }) => i.id === kt.item.id)).toMatchObject({ result: 'adopted', decisionText: amendedText });
    const final = await getPaper(paper.id);
    expect(final.state).toBe('adopted');
    expect(final.decisionText.current).toBe(amendedText);
    const ktMinutes = (await http().get(`/meetings/${kt.meeting.id}/minutes`).set(auth('clerk')).expect(200)).text;
    expect(ktMinutes).toContain(amendedText);
  });

  it('an amendment adopted in the Kreistag itself makes the decision adopted_amended; unknown records are 404', async () => {
    const paper = await releasedVorlage();
    // the KA recommends without amendments
    const ka = await sessionWith(orgs.districtCommittee, '2029-05-07T17:00:00+02:00', paper.id, 15);
    await open(ka.meeting, orgs.districtCommittee, 15);
    await http().post(`/meetings/${ka.meeting.id}/agenda-items/${ka.item.id}/result`).set(auth('sitzungsdienst')).send({ result: 'recommended' }).expect(200);
    const kt = await sessionWith(orgs.districtCouncil, '2029-05-16T17:00:00+02:00', paper.id, 20);
    await open(kt.meeting, orgs.districtCouncil, 20);
    const text = 'Der Kreistag beschließt das Radverkehrskonzept ohne Budget.';
    const tabled = (await http().post(amendments(kt.meeting.id, kt.item.id)).set(auth('sitzungsdienst')).send({ text, originatorOrganizationId: groups['Kreistagsgruppe D'] }).expect(201)).body;
    const amendment = tabled.agenda.find((i: { id: string }) => i.id === kt.item.id).amendments[0];
    await http().post(`${amendments(kt.meeting.id, kt.item.id)}/${amendment.id}/result`).set(auth('sitzungsdienst')).send({ result: 'adopted' }).expect(200);
    const decided = (await http().post(`/meetings/${kt.meeting.id}/agenda-items/${kt.item.id}/result`).set(auth('sitzungsdienst')).send({ result: 'adopted' }).expect(200)).body;
    expect(decided.agenda.find((i: { id: string }) => i.id === kt.item.id)).toMatchObject({ result: 'adopted_amended', decisionText: text });
    const final = await getPaper(paper.id);
    expect(final).toMatchObject({ state: 'adopted', decisionText: { current: text } });
    expect(final.decisionText.versions.at(-1).label).toBe('geändert durch Änderungsantrag: KT am 16.05.2029, TOP 2');

    // another body's meeting does not exist for the caller (404; every role and route: access-matrix.e2e-spec.ts)
    const cr = await tokenFor(app, 'cr-clerk');
    await http().get(`/meetings/${kt.meeting.id}`).set({ Authorization: `Bearer ${cr}` }).expect(404);
    await http().post(`${amendments(kt.meeting.id, kt.item.id)}/00000000-0000-4000-8000-000000000000/withdraw`).set(auth('sitzungsdienst')).send({}).expect(404);
  });
});
