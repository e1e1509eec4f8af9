import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { completePaper, createPaper, kreisOrganizations, type KreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';

/**
 * Issue 12, finding 9: every read under a paper, meeting, task or organization id of
 * another body answers 404 (as an unknown id does), never 200 with an empty list.
 */
describe('nested reads of another body’s records (e2e)', () => {
  let app: INestApplication;
  let orgs: KreisOrganizations;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp();
    for (const u of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'cr-clerk']) t[u] = await tokenFor(app, u);
    orgs = await kreisOrganizations(app, t.clerk);
    // An adopted paper of the Kreis with one task, and a meeting of its committee.
    const paper = await createPaper(app, t.clerk, completePaper(orgs));
    await sendEvent(app, t.clerk, paper.id, { type: 'SUBMIT' }).expect(200);
    for (const u of ['fbl', 'kd', 'landrat']) await sendEvent(app, t[u], paper.id, { type: 'SIGN' }).expect(200);
    // Sessions in the past: the Kreistag's Widerspruchsfrist (§ 39 Abs. 1 KrO NRW) has passed, so a task may start.
    for (const [date, result] of [['2025-12-01', 'recommended'], ['2025-12-08', 'recommended'], ['2025-12-15', 'adopted']]) {
      await sendEvent(app, t.sitzungsdienst, paper.id, { type: 'SCHEDULE', date, agendaItemNumber: '1' }).expect(200);
      await sendEvent(app, t.sitzungsdienst, paper.id, { type: 'RECORD_RESULT', result }).expect(200);
    }
    const task = await http().post(`/papers/${paper.id}/tasks`).set(auth('clerk')).send({ kind: 'generic', title: 'Umsetzung' }).expect(201);
    const meeting = await http()
      .post('/meetings')
      .set(auth('sitzungsdienst'))
      .send({ organizationId: orgs.committee, start: '2028-05-10T16:00:00+02:00' })
      .expect(201);
    Object.assign(ids, { paper: paper.id, task: task.body.id, meeting: meeting.body.id, organization: orgs.committee });
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());
  const auth = (user: string) => ({ Authorization: `Bearer ${t[user]}` });

  const routes = (id: Record<string, string>) => [
    `/papers/${id.paper}`,
    `/papers/${id.paper}/tasks`,
    `/papers/${id.paper}/tasks/proposal`,
    `/papers/${id.paper}/history`,
    `/papers/${id.paper}/history/verify`,
    `/papers/${id.paper}/events/allowed`,
    `/tasks/${id.task}`,
    `/tasks/${id.task}/history`,
    `/tasks/${id.task}/history/verify`,
    `/tasks/${id.task}/events/allowed`,
    `/meetings/${id.meeting}`,
    `/meetings/${id.meeting}/history`,
    `/meetings/${id.meeting}/events/allowed`,
    `/meetings/${id.meeting}/agenda`,
    `/meetings/${id.meeting}/agenda.pdf`,
    `/meetings/${id.meeting}/minutes`,
    `/organizations/${id.organization}`,
    `/organizations/${id.organization}/memberships`,
    `/organizations/${id.organization}/meetings.ics`,
  ];

  it('the owner reads every route', async () => {
    for (const path of routes(ids)) {
      const res = await http().get(path).set(auth('clerk'));
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  it('another body gets 404 on every route, as for an id that does not exist', async () => {
    const unknown = { paper: randomUUID(), task: randomUUID(), meeting: randomUUID(), organization: randomUUID() };
    for (const [who, set] of [['cr-clerk', ids], ['clerk', unknown]] as const) {
      for (const path of routes(set)) {
        const res = await http().get(path).set(auth(who));
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'COMMON.NOT_FOUND' });
      }
    }
  });
});
