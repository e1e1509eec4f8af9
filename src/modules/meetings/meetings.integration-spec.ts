import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { completePaper, createPaper, kreisOrganizations, sendEvent, type KreisOrganizations } from '../../../test/factories/paper.factory';
import { createTestApp, tokenFor } from '../../../test/setup/test-app';
import { TestClock } from '../../../test/setup/test-clock';

/**
 * What the HTTP answers do not show: the outbox rows an invitation writes, and that
 * a meeting's change and its paper's transition commit together or not at all,
 * also when two offices race for the same paper.
 */
describe('Meetings (integration)', () => {
  let app: INestApplication;
  let db: DataSource;
  let orgs: KreisOrganizations;
  const tokens: Record<string, string> = {};
  const clock = new TestClock('2027-05-03T09:00:00+02:00');

  beforeAll(async () => {
    app = await createTestApp('postgres', {}, { clock });
    db = app.get(DataSource);
    for (const user of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst']) tokens[user] = await tokenFor(app, user);
    orgs = await kreisOrganizations(app, tokens.clerk);
  });
  afterAll(() => app.close());

  const office = () => ({
    post: (path: string, body: object) => request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${tokens.sitzungsdienst}`).send(body),
  });

  async function releasedPaper(): Promise<string> {
    const { id } = await createPaper(app, tokens.clerk, completePaper(orgs));
    await sendEvent(app, tokens.clerk, id, { type: 'SUBMIT' }).expect(200);
    for (const signer of ['fbl', 'kd', 'landrat']) await sendEvent(app, tokens[signer], id, { type: 'SIGN' }).expect(200);
    return id;
  }

  async function committeeMeeting(start: string): Promise<string> {
    const res = await office().post('/meetings', { organizationId: orgs.committee, start }).expect(201);
    return res.body.id as string;
  }

  const history = async (type: string, id: string) =>
    (await db.query(`SELECT seq, type FROM audit_event WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq`, [type, id])) as {
      seq: number;
      type: string;
    }[];

  it('an invitation writes one notification per seat, tied to its audit entry, and freezes the agenda', async () => {
    const meetingId = await committeeMeeting('2027-05-25T17:00:00+02:00');
    await office().post(`/meetings/${meetingId}/agenda-items`, { title: 'Mitteilungen' }).expect(201);
    await office().post(`/meetings/${meetingId}/events`, { type: 'INVITE' }).expect(200);

    const seats: { person_id: string }[] = await db.query(`SELECT person_id FROM membership WHERE organization_id = $1`, [orgs.committee]);
    const rows: { kind: string; payload: { kind: string; personId: string }; caused_by_seq: number }[] = await db.query(
      `SELECT kind, payload, caused_by_seq FROM outbox_message WHERE subject_type = 'meeting' AND subject_id = $1 AND kind = 'notify'`,
      [meetingId],
    );
    expect(seats).toHaveLength(18); // 15 members and 3 substitutes
    expect(rows.map((r) => r.payload.personId).sort()).toEqual(seats.map((s) => s.person_id).sort());
    expect(new Set(rows.map((r) => `${r.kind}:${r.payload.kind}`))).toEqual(new Set(['notify:meetingInvitation']));
    const invite = (await history('meeting', meetingId)).find((h) => h.type === 'INVITE')!;
    expect(rows.every((r) => r.caused_by_seq === invite.seq)).toBe(true);

    const [{ invited_agenda }] = await db.query(`SELECT invited_agenda FROM meeting WHERE id = $1`, [meetingId]);
    expect(invited_agenda).toEqual([expect.objectContaining({ number: '1', title: 'Mitteilungen', public: true, paperId: null })]);
  });

  it('a result the paper refuses leaves the meeting, the item and the paper as they were', async () => {
    const paperId = await releasedPaper();
    const meetingId = await committeeMeeting('2027-05-26T17:00:00+02:00');
    const placed = await office().post(`/meetings/${meetingId}/agenda-items`, { paperId }).expect(201);
    const itemId = placed.body.agenda[0].id as string;
    await office().post(`/meetings/${meetingId}/events`, { type: 'INVITE' }).expect(200);
    clock.set('2027-05-26T17:00:00+02:00');
    try {
      await office().post(`/meetings/${meetingId}/events`, { type: 'OPEN' }).expect(200);
      const members: { person_id: string }[] = await db.query(
        `SELECT person_id FROM membership WHERE organization_id = $1 AND role = 'member'`,
        [orgs.committee],
      );
      await request(app.getHttpServer())
        .put(`/meetings/${meetingId}/attendance`)
        .set('Authorization', `Bearer ${tokens.sitzungsdienst}`)
        .send({ entries: members.map((m) => ({ personId: m.person_id, present: true })) })
        .expect(200);
      const meetingBefore = await history('meeting', meetingId);
      const paperBefore = await history('paper', paperId);

      // A preliminary consultation cannot adopt: the paper's machine refuses after the meeting's own transition ran.
      const refused = await office().post(`/meetings/${meetingId}/agenda-items/${itemId}/result`, { result: 'adopted' }).expect(409);
      expect(refused.body.allowed).toBeDefined();

      expect(await history('meeting', meetingId)).toEqual(meetingBefore);
      expect(await history('paper', paperId)).toEqual(paperBefore);
      const [item] = await db.query(`SELECT status, result FROM agenda_item WHERE id = $1`, [itemId]);
      expect(item).toEqual({ status: 'open', result: null });
      const [meeting] = await db.query(`SELECT version FROM meeting WHERE id = $1`, [meetingId]);
      expect(meeting.version).toBe(meetingBefore.length);

      await office().post(`/meetings/${meetingId}/agenda-items/${itemId}/result`, { result: 'recommended' }).expect(200);
      expect((await history('paper', paperId)).at(-1)!.type).toBe('RECORD_RESULT');
    } finally {
      clock.set('2027-05-03T09:00:00+02:00');
    }
  });

  it('two offices placing the same paper at once: exactly one agenda gets it, the paper is scheduled once', async () => {
    const paperId = await releasedPaper();
    const [a, b] = await Promise.all([committeeMeeting('2027-06-01T17:00:00+02:00'), committeeMeeting('2027-06-08T17:00:00+02:00')]);
    const answers = await Promise.all([a, b].map((id) => office().post(`/meetings/${id}/agenda-items`, { paperId })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const items: { meeting_id: string }[] = await db.query(`SELECT meeting_id FROM agenda_item WHERE paper_id = $1`, [paperId]);
    expect(items).toHaveLength(1);
    const schedules = (await history('paper', paperId)).filter((h) => h.type === 'SCHEDULE');
    expect(schedules).toHaveLength(1);
    const [paper] = await db.query(`SELECT snapshot FROM paper WHERE id = $1`, [paperId]);
    expect(paper.snapshot.context.consultations[0].meetingId).toBe(items[0].meeting_id);

    // On an agenda, the paper's consultation moves only through that meeting.
    for (const event of [{ type: 'RECORD_RESULT', result: 'recommended' }, { type: 'SCHEDULE', date: '2027-06-15', agendaItemNumber: '4' }]) {
      const refused = await sendEvent(app, tokens.sitzungsdienst, paperId, event).expect(409);
      expect(refused.body).toMatchObject({ code: 'PAPER.ON_AGENDA', meetingId: items[0].meeting_id });
    }
    expect((await history('paper', paperId)).filter((h) => h.type === 'SCHEDULE')).toHaveLength(1);
  });

  it('tells each caller what it may send now, and draws the meeting machine', async () => {
    const meetingId = await committeeMeeting('2027-06-22T17:00:00+02:00');
    const allowed = (user: string) =>
      request(app.getHttpServer()).get(`/meetings/${meetingId}/events/allowed`).set('Authorization', `Bearer ${tokens[user]}`).expect(200);
    expect((await allowed('sitzungsdienst')).body.allowed).toEqual(
      expect.arrayContaining(['INVITE', 'ADD_ITEM', 'UPDATE_ITEM', 'REMOVE_ITEM', 'CANCEL', 'RESCHEDULE']),
    );
    expect((await allowed('sitzungsdienst')).body.allowed).not.toContain('OPEN');
    expect((await allowed('clerk')).body.allowed).toEqual([]);
    const mermaid = await request(app.getHttpServer()).get('/workflows/meeting').query({ format: 'mermaid' }).set('Authorization', `Bearer ${tokens.clerk}`).expect(200);
    for (const state of ['planned', 'invited', 'inSession', 'held', 'minutesApproved', 'cancelled']) expect(mermaid.text).toContain(state);
  });
});
