import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { completePaper, createPaper, kreisOrganizations, KreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

/**
 * Council procedure in session (issue 13, items 1, 2 and 7): the result follows from the
 * votes, the quorum is presumed until its lack is established and counts against the
 * statutory number of members, a second summons is quorate whatever the attendance, the
 * Landrat's seat and vote are membership data, and Befangenheit is recorded with its
 * reason, takes the person out of the item's counts and is written into the minutes.
 *
 * The clock is set to November 2028 so this suite's meetings collide with nobody's.
 */
describe('meetings: votes (§ 35), quorum (§ 34), Befangenheit (§ 28 Abs. 2 KrO NRW) (e2e)', () => {
  let app: INestApplication;
  let orgs: KreisOrganizations;
  const t: Record<string, string> = {};
  const BASE = '2028-11-02T09:00:00+01:00';
  const clock = new TestClock(BASE);

  beforeAll(async () => {
    app = await createTestApp('postgres', {}, { clock });
    for (const u of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor']) t[u] = await tokenFor(app, u);
    orgs = await kreisOrganizations(app, t.sitzungsdienst);
  });
  afterAll(() => app.close());
  beforeEach(() => clock.set(BASE));

  const http = () => request(app.getHttpServer());
  const office = { get Authorization() { return `Bearer ${t.sitzungsdienst}`; } };
  const auth = (user: string) => ({ Authorization: `Bearer ${t[user]}` });
  const meetingEvent = (id: string, body: Record<string, unknown>) => http().post(`/meetings/${id}/events`).set(office).send(body);
  const addItem = async (id: string, body: Record<string, unknown>) => {
    const res = await http().post(`/meetings/${id}/agenda-items`).set(office).send(body);
    if (res.status !== 201) throw new Error(`add item: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Meeting;
  };
  const result = (id: string, itemId: string, body: Record<string, unknown>) =>
    http().post(`/meetings/${id}/agenda-items/${itemId}/result`).set(office).send(body);
  const attendance = (id: string, entries: Record<string, unknown>[]) => http().put(`/meetings/${id}/attendance`).set(office).send({ entries });
  const getMeeting = async (id: string) => (await http().get(`/meetings/${id}`).set(auth('auditor')).expect(200)).body as Meeting;
  const getPaper = async (id: string) => (await http().get(`/papers/${id}`).set(auth('clerk')).expect(200)).body as Paper;

  async function createMeeting(organizationId: string, start: string) {
    const res = await http().post('/meetings').set(office).send({ organizationId, start, location: 'Kreishaus Recklinghausen' });
    if (res.status !== 201) throw new Error(`create meeting: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Meeting;
  }

  async function releasedPaper() {
    const paper = await createPaper(app, t.clerk, completePaper(orgs));
    await sendEvent(app, t.clerk, paper.id, { type: 'SUBMIT' }).expect(200);
    for (const u of ['fbl', 'kd', 'landrat']) await sendEvent(app, t[u], paper.id, { type: 'SIGN' }).expect(200);
    return getPaper(paper.id);
  }

  async function seats(organizationId: string, date: string) {
    return (await http().get(`/organizations/${organizationId}/memberships`).query({ date }).set(office).expect(200)).body as Seat[];
  }

  async function inviteAndOpen(meeting: Meeting) {
    await meetingEvent(meeting.id, { type: 'INVITE' }).expect(200);
    clock.set(meeting.start);
    await meetingEvent(meeting.id, { type: 'OPEN' }).expect(200);
  }

  /** The first `n` members (role member) present, every other member absent. */
  async function present(meeting: Meeting, n: number) {
    const members = (await seats(meeting.organizationId, meeting.start.slice(0, 10))).filter((s) => s.role === 'member');
    await attendance(meeting.id, members.map((m, i) => ({ personId: m.personId, present: i < n }))).expect(200);
    return members;
  }

  /** A request that must be refused with `status` and change neither the meeting nor the papers. */
  async function refused(req: () => request.Test, status: number, meetingId: string, paperIds: string[] = []) {
    const before = { meeting: await getMeeting(meetingId), papers: await Promise.all(paperIds.map(getPaper)) };
    const res = await req();
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status } });
    expect({ meeting: await getMeeting(meetingId), papers: await Promise.all(paperIds.map(getPaper)) }).toEqual(before);
    return res.body as Record<string, any>;
  }

  const byTitle = (m: Meeting, title: string) => m.agenda.find((i) => i.title === title)!;

  // ------------------------------------------------------------------ 1. votes and result

  it('Beschlussfassung (§ 35 KrO NRW): simple majority of votes cast, abstentions not counted, a tie rejects', async () => {
    const paper = await releasedPaper();
    const meeting = await createMeeting(orgs.committee, '2028-11-20T17:00:00+01:00');
    for (const title of ['Antrag A', 'Antrag B', 'Bericht C']) await addItem(meeting.id, { title });
    const withPaper = (await addItem(meeting.id, { paperId: paper.id })).agenda.find((i) => i.paperId === paper.id)!;
    await inviteAndOpen(meeting);
    await present(meeting, 13);
    const a = byTitle(await getMeeting(meeting.id), 'Antrag A');
    const b = byTitle(await getMeeting(meeting.id), 'Antrag B');
    const c = byTitle(await getMeeting(meeting.id), 'Bericht C');

    const minority = await refused(() => result(meeting.id, a.id, { result: 'adopted', votes: { yes: 3, no: 10, abstain: 0 } }), 400, meeting.id);
    expect(minority.fields).toEqual([{ field: 'result', messages: ['3 yes against 10 no is not a majority: the motion is rejected'] }]);
    const tie = await refused(() => result(meeting.id, a.id, { result: 'adopted', votes: { yes: 5, no: 5, abstain: 3 } }), 400, meeting.id);
    expect(tie.fields).toEqual([{ field: 'result', messages: ['5 yes against 5 no is a tie: a tie rejects the motion'] }]);
    const notRejected = await refused(() => result(meeting.id, a.id, { result: 'rejected', votes: { yes: 7, no: 5 } }), 400, meeting.id);
    expect(notRejected.fields).toEqual([{ field: 'result', messages: ['7 yes against 5 no is a majority: the motion is adopted, not rejected'] }]);
    await result(meeting.id, a.id, { result: 'rejected', votes: { yes: 5, no: 5, abstain: 3 } }).expect(200);

    // abstentions do not count: 4 yes, 3 no, 6 abstentions carries
    await result(meeting.id, b.id, { result: 'adopted', votes: { yes: 4, no: 3, abstain: 6 } }).expect(200);

    // a Kenntnisnahme is not voted on: votes with noted are refused, without them it is recorded
    const noted = await refused(() => result(meeting.id, c.id, { result: 'noted', votes: { yes: 13 } }), 400, meeting.id);
    expect(noted.fields).toEqual([{ field: 'votes', messages: ['noted is not voted on: record it without votes'] }]);
    await result(meeting.id, c.id, { result: 'noted' }).expect(200);

    // the paper's consultation: a recommendation needs a majority too, and nothing moves when refused
    await refused(() => result(meeting.id, withPaper.id, { result: 'recommended', votes: { yes: 2, no: 8, abstain: 3 } }), 400, meeting.id, [paper.id]);
    await result(meeting.id, withPaper.id, { result: 'not_recommended', votes: { yes: 2, no: 8, abstain: 3 } }).expect(200);
    expect((await getPaper(paper.id)).consultations[0]).toMatchObject({ result: 'not_recommended', votes: { yes: 2, no: 8, abstain: 3 } });
  });

  it('Beschlussfassung (§ 35 KrO NRW): the paper’s own RECORD_RESULT follows the same rule', async () => {
    const paper = await releasedPaper();
    await sendEvent(app, t.sitzungsdienst, paper.id, { type: 'SCHEDULE', date: '2028-11-20', agendaItemNumber: '4' }).expect(200);
    const minority = await sendEvent(app, t.sitzungsdienst, paper.id, { type: 'RECORD_RESULT', result: 'recommended', votes: { yes: 3, no: 10 } });
    expect({ status: minority.status, fields: minority.body.fields }).toEqual({
      status: 400,
      fields: [{ field: 'result', messages: ['3 yes against 10 no is not a majority: the motion is rejected'] }],
    });
    expect((await getPaper(paper.id)).consultations[0].result).toBeNull();
    await sendEvent(app, t.sitzungsdienst, paper.id, { type: 'RECORD_RESULT', result: 'not_recommended', votes: { yes: 3, no: 10 } }).expect(200);
  });

  it('qualified majorities are data on the item: two thirds of votes cast, a majority of the statutory members, einstimmig bei Enthaltungen', async () => {
    const meeting = await createMeeting(orgs.committee, '2028-11-21T17:00:00+01:00');
    await addItem(meeting.id, { title: 'Zwei Drittel', majority: 'two_thirds_cast' });
    await addItem(meeting.id, { title: 'Gesetzliche Mitgliederzahl', majority: 'majority_of_statutory' });
    await addItem(meeting.id, { title: 'Einstimmig', majority: 'unanimous' });
    await http().post(`/meetings/${meeting.id}/agenda-items`).set(office).send({ title: 'x', majority: 'most' }).expect(400);
    await inviteAndOpen(meeting);
    await present(meeting, 14);
    const m = await getMeeting(meeting.id);
    expect(byTitle(m, 'Zwei Drittel').majority).toBe('two_thirds_cast');

    const twoThirds = byTitle(m, 'Zwei Drittel').id;
    const short = await refused(() => result(meeting.id, twoThirds, { result: 'adopted', votes: { yes: 6, no: 4, abstain: 4 } }), 400, meeting.id);
    expect(short.fields).toEqual([{ field: 'result', messages: ['6 yes of 10 votes cast is less than the two thirds needed: the motion is rejected'] }]);
    await result(meeting.id, twoThirds, { result: 'adopted', votes: { yes: 8, no: 4, abstain: 2 } }).expect(200);

    // the committee has 15 statutory members: 8 yes are needed, whatever the no votes
    const statutory = byTitle(m, 'Gesetzliche Mitgliederzahl').id;
    const seven = await refused(() => result(meeting.id, statutory, { result: 'adopted', votes: { yes: 7, no: 0, abstain: 7 } }), 400, meeting.id);
    expect(seven.fields).toEqual([{ field: 'result', messages: ['7 yes is not a majority of the 15 statutory members: the motion is rejected'] }]);
    await refused(() => result(meeting.id, statutory, { result: 'adopted', votes: { unanimous: true } }), 400, meeting.id);
    await result(meeting.id, statutory, { result: 'adopted', votes: { yes: 8, no: 6 } }).expect(200);

    // einstimmig bei Enthaltungen: no vote against, abstentions allowed
    const unanimous = byTitle(m, 'Einstimmig').id;
    await refused(() => result(meeting.id, unanimous, { result: 'adopted', votes: { yes: 12, no: 1, abstain: 1 } }), 400, meeting.id);
    await result(meeting.id, unanimous, { result: 'adopted', votes: { yes: 12, no: 0, abstain: 2 } }).expect(200);
    const minutes = (await http().get(`/meetings/${meeting.id}/minutes`).set(auth('clerk')).expect(200)).text;
    expect(minutes).toContain('einstimmig bei 2 Enthaltungen');
  });

  // ------------------------------------------------------------------ 2. quorum

  it('Beschlussfähigkeit (§ 34 KrO NRW): presumed until its lack is established in session; then only a put-back; the second summons is quorate', async () => {
    const paper = await releasedPaper();
    const meeting = await createMeeting(orgs.committee, '2028-11-22T17:00:00+01:00');
    await addItem(meeting.id, { title: 'Mitteilungen' });
    await addItem(meeting.id, { title: 'Verschiedenes' });
    const withPaper = (await addItem(meeting.id, { paperId: paper.id })).agenda.find((i) => i.paperId === paper.id)!;
    await inviteAndOpen(meeting);
    await present(meeting, 5);
    const m = await getMeeting(meeting.id);
    expect(m.quorumLack).toBeNull();

    // 5 of 15: nobody has established the lack, the body is presumed quorate
    await result(meeting.id, byTitle(m, 'Mitteilungen').id, { result: 'noted' }).expect(200);

    const established = (await meetingEvent(meeting.id, { type: 'ESTABLISH_NO_QUORUM' }).expect(200)).body as Meeting;
    expect(established.quorumLack).toMatchObject({ present: 5, members: 15 });
    const blocked = await refused(() => result(meeting.id, byTitle(m, 'Verschiedenes').id, { result: 'noted' }), 409, meeting.id);
    expect(blocked.problems).toEqual(['the lack of quorum was established: 5 of 15 members present, more than 1/2 needed']);
    // the matter is put back for lack of quorum
    const putBack = (await result(meeting.id, withPaper.id, { result: 'postponed' }).expect(200)).body as Meeting;
    expect(putBack.agenda.find((i) => i.id === withPaper.id)).toMatchObject({ status: 'postponed', postponedForLackOfQuorum: true });
    // members arrive: the lack has ended, results are recorded again
    await present(meeting, 8);
    expect((await getMeeting(meeting.id)).quorumLack).toBeNull();
    await result(meeting.id, byTitle(m, 'Verschiedenes').id, { result: 'noted' }).expect(200);
    await meetingEvent(meeting.id, { type: 'CLOSE' }).expect(200);

    // the second summons: quorate whatever the attendance
    const next = await createMeeting(orgs.committee, '2028-12-05T17:00:00+01:00');
    await addItem(next.id, { title: 'Mitteilungen' });
    const second = (await addItem(next.id, { paperId: paper.id })).agenda.find((i) => i.paperId === paper.id)!;
    expect(second.secondSummons).toBe(true);
    expect(byTitle(await getMeeting(next.id), 'Mitteilungen').secondSummons).toBe(false);
    await inviteAndOpen(next);
    await present(next, 3);
    await meetingEvent(next.id, { type: 'ESTABLISH_NO_QUORUM' }).expect(200);
    const notice = byTitle(await getMeeting(next.id), 'Mitteilungen').id;
    await refused(() => result(next.id, notice, { result: 'noted' }), 409, next.id);
    await result(next.id, second.id, { result: 'recommended', votes: { yes: 2, no: 1 } }).expect(200);
    const agenda = (await http().get(`/meetings/${next.id}/agenda`).set(auth('clerk')).expect(200)).text;
    expect(agenda).toContain('ohne Rücksicht auf die Zahl der Erschienenen beschlussfähig');
  });

  it('Beschlussfähigkeit (§ 34 KrO NRW): the count is against the statutory number of members; the Landrat’s seat and vote are membership data', async () => {
    const organization = (await http().get(`/organizations/${orgs.districtCouncil}`).set(office).expect(200)).body;
    expect(organization.statutoryMembers).toBe(28);
    const meeting = await createMeeting(orgs.districtCouncil, '2028-11-23T15:00:00+01:00');
    await addItem(meeting.id, { title: 'Mitteilungen' });
    await inviteAndOpen(meeting);
    const kt = await seats(orgs.districtCouncil, '2028-11-23');
    const chair = kt.find((s) => s.role === 'chair')!;
    expect(chair).toMatchObject({ votingRight: true, name: expect.stringContaining('Klimpel') });
    // 14 of the 26 seats filled today would be quorate, but not 14 of 28 statutory members
    await present(meeting, 14);
    expect((await meetingEvent(meeting.id, { type: 'ESTABLISH_NO_QUORUM' }).expect(200)).body.quorumLack).toMatchObject({ present: 14, members: 28 });
    // the Landrat chairs with a vote: 15 members and the Landrat are 16 of 28, quorate again
    await attendance(meeting.id, [
      { personId: chair.personId, present: true },
      { personId: kt.filter((s) => s.role === 'member')[14].personId, present: true },
    ]).expect(200);
    expect((await getMeeting(meeting.id)).quorumLack).toBeNull();
    const quorate = await refused(() => meetingEvent(meeting.id, { type: 'ESTABLISH_NO_QUORUM' }), 409, meeting.id);
    expect(quorate.problems).toEqual(['the meeting is quorate: 16 of 28 members present']);
  });

  // ------------------------------------------------------------------ 7. Befangenheit

  it('Befangenheit (§ 28 Abs. 2 KrO NRW i.V.m. § 31 GO NRW): the reason is recorded, the person counts as absent for the item (members, the Landrat, staff), the minutes say so', async () => {
    const meeting = await createMeeting(orgs.districtCouncil, '2028-11-24T15:00:00+01:00');
    await addItem(meeting.id, { title: 'Vergabe an eine Firma' });
    await addItem(meeting.id, { title: 'Grundstücksgeschäft' });
    await inviteAndOpen(meeting);
    const kt = await seats(orgs.districtCouncil, '2028-11-24');
    const chair = kt.find((s) => s.role === 'chair')!;
    const members = await present(meeting, 20);
    await attendance(meeting.id, [{ personId: chair.personId, present: true }]).expect(200);
    const m = await getMeeting(meeting.id);
    const firma = byTitle(m, 'Vergabe an eine Firma').id;

    // 21 present with a vote; the Landrat and one member leave: 19 may vote
    const bias = [
      { personId: chair.personId, reason: 'Angehöriger ist Gesellschafter der Firma' },
      { personId: members[0].personId, reason: 'Inhaberin der Firma' },
    ];
    const tooMany = await refused(() => result(meeting.id, firma, { result: 'adopted', votes: { yes: 15, no: 5 }, bias }), 400, meeting.id);
    expect(tooMany.fields).toEqual([{ field: 'votes', messages: [expect.stringMatching(/only 19 members/)] }]);
    await refused(() => result(meeting.id, firma, { result: 'adopted', bias: [{ personId: members[0].personId, reason: ' ' }] }), 400, meeting.id);
    await refused(() => result(meeting.id, firma, { result: 'adopted', bias: [{ personId: members[24].personId, reason: 'abwesend' }] }), 400, meeting.id);
    const decided = (await result(meeting.id, firma, { result: 'adopted', votes: { yes: 14, no: 5 }, bias }).expect(200)).body as Meeting;
    expect(decided.agenda.find((i) => i.id === firma)).toMatchObject({
      bias: [
        { personId: chair.personId, reason: 'Angehöriger ist Gesellschafter der Firma' },
        { personId: members[0].personId, reason: 'Inhaberin der Firma' },
      ],
      biasedPersonIds: [chair.personId, members[0].personId],
    });

    // a person of the administration without a seat here may be biased as well: counts change nothing
    const staff = (await seats(orgs.committee, '2028-11-24')).find((s) => s.role === 'substitute')!;
    await result(meeting.id, byTitle(m, 'Grundstücksgeschäft').id, {
      result: 'adopted',
      votes: { yes: 21, no: 0 },
      bias: [{ personId: staff.personId, reason: 'Eigentümer des Nachbargrundstücks' }],
    }).expect(200);

    const minutes = (await http().get(`/meetings/${meeting.id}/minutes`).set(auth('clerk')).expect(200)).text;
    expect(minutes).toContain(
      'Herr Landrat Bodo Klimpel hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen (Grund: Angehöriger ist Gesellschafter der Firma).',
    );
    expect(minutes).toContain('hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen (Grund: Inhaberin der Firma).');
    expect(minutes).toContain(`${staff.name} hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen (Grund: Eigentümer des Nachbargrundstücks).`);
  });

  it('Befangenheit (§ 28 Abs. 2 KrO NRW i.V.m. § 31 GO NRW): the Landrat without a seat in a committee may be biased there; the old biasedPersonIds keeps working', async () => {
    const meeting = await createMeeting(orgs.committee, '2028-11-27T17:00:00+01:00');
    await addItem(meeting.id, { title: 'Zuschuss an einen Verein' });
    await addItem(meeting.id, { title: 'Vergabe' });
    await inviteAndOpen(meeting);
    const members = await present(meeting, 10);
    const landrat = (await seats(orgs.districtCouncil, '2028-11-27')).find((s) => s.role === 'chair')!;
    const m = await getMeeting(meeting.id);
    await result(meeting.id, byTitle(m, 'Zuschuss an einen Verein').id, {
      result: 'adopted',
      votes: { yes: 10 },
      bias: [{ personId: landrat.personId, reason: 'Vorsitzender des Vereins' }],
    }).expect(200);
    const old = (await result(meeting.id, byTitle(m, 'Vergabe').id, { result: 'adopted', votes: { yes: 9 }, biasedPersonIds: [members[0].personId] }).expect(200))
      .body as Meeting;
    expect(byTitle(old, 'Vergabe')).toMatchObject({ biasedPersonIds: [members[0].personId], bias: [{ personId: members[0].personId, reason: null }] });
    const minutes = (await http().get(`/meetings/${meeting.id}/minutes`).set(auth('clerk')).expect(200)).text;
    expect(minutes).toContain('Herr Landrat Bodo Klimpel hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen (Grund: Vorsitzender des Vereins).');
    expect(minutes).toContain(`${members[0].name} hat an der Beratung und Abstimmung wegen Befangenheit nicht teilgenommen.`);
  });
});

interface AgendaItem {
  id: string;
  number: string;
  title: string;
  paperId: string | null;
  status: string;
  result: string | null;
  majority: string;
  secondSummons: boolean;
  postponedForLackOfQuorum: boolean;
  bias: { personId: string; reason: string | null }[];
  biasedPersonIds: string[];
}

interface Meeting {
  id: string;
  organizationId: string;
  start: string;
  state: string;
  quorumLack: { present: number; members: number } | null;
  agenda: AgendaItem[];
}

interface Paper {
  id: string;
  consultations: { result: string | null; votes: unknown }[];
}

interface Seat {
  personId: string;
  name: string;
  role: string;
  votingRight: boolean;
}
