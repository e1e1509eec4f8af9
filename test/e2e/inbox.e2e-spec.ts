import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { completePaper, createPaper, kreisOrganizations, sendEvent } from '../factories/paper.factory';
import { until } from '../setup/eventually';
import { createTestApp, tokenFor } from '../setup/test-app';
import { isolatedDatabase } from '../setup/test-environment';

/**
 * "Mein Eingang" (GET /inbox): what waits for the caller. A database of its own, so
 * the counts are this suite's alone. Whose signature a Vorlage waits for is the papers
 * module's `allowed` answer, so the inbox and the Vorlage's buttons agree.
 */
describe('inbox (e2e)', () => {
  let app: INestApplication;
  let drop: () => Promise<void>;
  const tokens: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const inbox = async (user: string) => (await http().get('/inbox').set('Authorization', `Bearer ${tokens[user]}`).expect(200)).body;
  const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);
  const berlinDay = (offsetDays = 0) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() + offsetDays * 86_400_000));

  beforeAll(async () => {
    const isolated = await isolatedDatabase('inbox');
    drop = isolated.drop;
    app = await createTestApp('postgres', { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix });
    for (const user of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor', 'cr-clerk']) tokens[user] = await tokenFor(app, user);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('shows a clerk its own drafts (the seed’s 2021/119) with counts, and nothing of another body', async () => {
    const clerk = await inbox('clerk');
    expect(clerk.drafts.count).toBe(1);
    expect(clerk.drafts.items[0]).toMatchObject({ title: expect.stringContaining('SmartCity'), state: 'draft', reference: null });
    expect(clerk).toMatchObject({ toSign: { count: 0, items: [] }, meetingsToPrepare: { count: 0 }, tasksDue: { count: 0 } });
    // The Castrop-Rauxel clerk created nothing: none of the Kreis's drafts show up there.
    expect((await inbox('cr-clerk')).drafts).toEqual({ count: 0, items: [] });
    // Who drafts nothing has no drafts list.
    expect((await inbox('auditor')).drafts.count).toBe(0);
  });

  it('lists a submitted Vorlage for exactly the signer whose step is next, and moves it on with the signature', async () => {
    const orgs = await kreisOrganizations(app, tokens.clerk);
    const paper = await createPaper(app, tokens.clerk, completePaper(orgs));
    expect(ids((await inbox('clerk')).drafts)).toContain(paper.id);
    await sendEvent(app, tokens.clerk, paper.id, { type: 'SUBMIT' }).expect(200);

    expect(ids((await inbox('clerk')).drafts)).not.toContain(paper.id);
    expect(ids((await inbox('fbl')).toSign)).toEqual([paper.id]);
    expect((await inbox('kd')).toSign.count).toBe(0);
    expect((await inbox('landrat')).toSign.count).toBe(0);

    await sendEvent(app, tokens.fbl, paper.id, { type: 'SIGN' }).expect(200);
    expect((await inbox('fbl')).toSign.count).toBe(0);
    expect(ids((await inbox('kd')).toSign)).toEqual([paper.id]);

    // The mail asking the department head to sign is a reminder in its inbox (once the outbox has sent it).
    const reminders = await until(async () => {
      const r = (await inbox('fbl')).reminders;
      return r.count > 0 && r;
    }, 'the sign-off mail to fbl');
    expect(reminders.items[0]).toMatchObject({ kind: expect.any(String), subject: expect.any(String), at: expect.any(String) });
    expect((await inbox('auditor')).reminders.count).toBe(0);
  });

  it('shows the committee office the meetings to prepare with the last day the Ladungsfrist allows inviting', async () => {
    const orgs = await kreisOrganizations(app, tokens.clerk);
    const meeting = await http()
      .post('/meetings')
      .set('Authorization', `Bearer ${tokens.sitzungsdienst}`)
      .send({ organizationId: orgs.committee, start: '2027-03-01T17:00:00+01:00' })
      .expect(201);
    const office = await inbox('sitzungsdienst');
    expect(office.meetingsToPrepare.items).toContainEqual({
      id: meeting.body.id,
      organizationId: orgs.committee,
      organizationName: 'Ausschuss für Wirtschaftspolitik und Digitales',
      start: '2027-03-01T16:00:00.000Z',
      state: 'planned',
      // 7 full days between invitation and meeting day (GO des Kreistags, demo data).
      lastDayToInvite: '2027-02-21',
    });
    expect((await inbox('clerk')).meetingsToPrepare.count).toBe(0);
  });

  it('lists open tasks due within 14 days or overdue for the clerks, not those due later', async () => {
    const orgs = await kreisOrganizations(app, tokens.clerk);
    const paper = await createPaper(app, tokens.clerk, completePaper(orgs));
    await sendEvent(app, tokens.clerk, paper.id, { type: 'SUBMIT' }).expect(200);
    for (const signer of ['fbl', 'kd', 'landrat']) await sendEvent(app, tokens[signer], paper.id, { type: 'SIGN' }).expect(200);
    // Sessions in the past: the Kreistag's objection window (§ 39 Abs. 1 KrO NRW, 3 days) has closed, so tasks may start.
    for (const [i, role] of ['preliminary', 'preliminary', 'decisive'].entries()) {
      await sendEvent(app, tokens.sitzungsdienst, paper.id, { type: 'SCHEDULE', date: ['2026-11-03', '2026-11-10', '2026-11-17'][i], agendaItemNumber: String(i + 1) }).expect(200);
      await sendEvent(app, tokens.sitzungsdienst, paper.id, { type: 'RECORD_RESULT', result: role === 'decisive' ? 'adopted' : 'recommended' }).expect(200);
    }
    const task = (due: string, title: string) =>
      http().post(`/papers/${paper.id}/tasks`).set('Authorization', `Bearer ${tokens.clerk}`).send({ kind: 'generic', title, dueDate: due }).expect(201);
    const soon = (await task(berlinDay(3), 'Bald fällig')).body;
    const overdue = (await task(berlinDay(-2), 'Überfällig')).body;
    await task(berlinDay(40), 'Später fällig');

    const clerk = await inbox('clerk');
    expect(clerk.tasksDue.items.map((t: { title: string; overdue: boolean }) => [t.title, t.overdue])).toEqual([
      ['Überfällig', true],
      ['Bald fällig', false],
    ]);
    expect(ids(clerk.tasksDue)).toEqual([overdue.id, soon.id]);
    // Unassigned tasks wait for the clerks, not for the department head.
    expect((await inbox('fbl')).tasksDue.count).toBe(0);
  });

  it('needs a token', async () => {
    await http().get('/inbox').expect(401);
  });
});
