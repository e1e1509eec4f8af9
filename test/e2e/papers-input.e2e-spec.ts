import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createTestBody, type TestBody } from '../factories/body.factory';
import { completePaper, createPaper, type KreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp } from '../setup/test-app';

type Case = [method: 'post' | 'patch' | 'put', path: string, user: string, body: unknown, field: string];

/**
 * Issue 12, finding 8: no silent coercion. A wrong type, a null where a value is needed,
 * blank required text and a date that is not exactly a calendar day YYYY-MM-DD are
 * 400 naming the field — and nothing is written (counted over every table concerned, in a
 * body of this suite's own, so that other suites running meanwhile do not count).
 */
describe('no silent coercion of input (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let body: TestBody;
  let orgs: KreisOrganizations;
  let t: Record<string, string>;
  let draft: string;
  let released: string;
  let meeting: string;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(getDataSourceToken());
    body = await createTestBody(app);
    orgs = body.orgs;
    t = { ...body.tokens, sitzungsdienst: body.tokens.office };
    draft = (await createPaper(app, t.clerk, completePaper(orgs))).id;
    released = (await createPaper(app, t.clerk, completePaper(orgs))).id;
    await sendEvent(app, t.clerk, released, { type: 'SUBMIT' }).expect(200);
    for (const u of ['fbl', 'kd', 'landrat']) await sendEvent(app, t[u], released, { type: 'SIGN' }).expect(200);
    meeting = (
      await request(app.getHttpServer())
        .post('/meetings')
        .set('Authorization', `Bearer ${t.sitzungsdienst}`)
        .send({ organizationId: orgs.committee, start: '2028-06-01T16:00:00+02:00' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => app.close());

  /** Everything a refused request could have written. */
  const footprint = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM paper WHERE body_id = $1) AS papers, (SELECT count(*) FROM consultation WHERE body_id = $1) AS consultations,
          (SELECT count(*) FROM meeting WHERE body_id = $1) AS meetings, (SELECT count(*) FROM agenda_item WHERE body_id = $1) AS items,
          (SELECT count(*) FROM task WHERE body_id = $1) AS tasks, (SELECT count(*) FROM audit_event WHERE body_id = $1) AS audit,
          (SELECT count(*) FROM outbox_message WHERE body_id = $1) AS outbox,
          (SELECT string_agg(id || ':' || version, ',' ORDER BY id) FROM paper WHERE body_id = $1) AS paper_versions,
          (SELECT string_agg(id || ':' || version, ',' ORDER BY id) FROM meeting WHERE body_id = $1) AS meeting_versions`,
        [body.id],
      )
    )[0];

  async function refused(cases: Case[]) {
    for (const [method, path, user, body, field] of cases) {
      const before = await footprint();
      const res = await request(app.getHttpServer())[method](path).set('Authorization', `Bearer ${t[user]}`).send(body as object);
      const fields = (res.body.fields ?? []).map((f: { field: string }) => f.field);
      // The field is named, and nothing else is blamed (an object for an array may add its own nested complaints).
      const blamed = [...new Set(fields.map((f: string) => (f.startsWith(`${field}.`) ? field : f)))];
      expect({ path, body, status: res.status, blamed }).toEqual({ path, body, status: 400, blamed: [field] });
      expect(await footprint()).toEqual(before);
    }
  }

  const paper = (overrides: Record<string, unknown>) => completePaper(orgs, overrides);
  const withDate = (plannedDate: unknown) => paper({ consultations: [{ organizationId: orgs.districtCouncil, role: 'decisive', plannedDate }] });

  it('POST /papers (the probe: climateImpact [], public null, a blank title, a planned date with a time)', () =>
    refused([
      ['post', '/papers', 'clerk', paper({ climateImpact: [] }), 'climateImpact'],
      ['post', '/papers', 'clerk', paper({ climateImpact: 'none' }), 'climateImpact'],
      ['post', '/papers', 'clerk', paper({ climateImpact: null }), 'climateImpact'],
      ['post', '/papers', 'clerk', paper({ public: null }), 'public'],
      ['post', '/papers', 'clerk', paper({ public: 'false' }), 'public'],
      ['post', '/papers', 'clerk', paper({ title: ' ' }), 'title'],
      ['post', '/papers', 'clerk', paper({ title: '\n\t' }), 'title'],
      ['post', '/papers', 'clerk', paper({ title: 7 }), 'title'],
      ['post', '/papers', 'clerk', withDate('2021-08-31T10:00:00Z'), 'consultations.0.plannedDate'],
      ['post', '/papers', 'clerk', withDate('2021-02-30'), 'consultations.0.plannedDate'],
      ['post', '/papers', 'clerk', withDate('20210831'), 'consultations.0.plannedDate'],
      ['post', '/papers', 'clerk', paper({ consultations: { organizationId: orgs.committee, role: 'decisive' } }), 'consultations'],
      ['post', '/papers', 'clerk', paper({ consultations: null }), 'consultations'],
      ['post', '/papers', 'clerk', paper({ goals: 'Ziel' }), 'goals'],
      ['post', '/papers', 'clerk', paper({ goals: null }), 'goals'],
      ['post', '/papers', 'clerk', paper({ decisionProposal: null }), 'decisionProposal'],
      ['post', '/papers', 'clerk', paper({ facts: 42 }), 'facts'],
      ['post', '/papers', 'clerk', paper({ signOffSteps: null }), 'signOffSteps'],
    ]));

  it('PATCH /papers/:id', () =>
    refused([
      ['patch', `/papers/${draft}`, 'clerk', { title: null }, 'title'],
      ['patch', `/papers/${draft}`, 'clerk', { title: '   ' }, 'title'],
      ['patch', `/papers/${draft}`, 'clerk', { paperType: null }, 'paperType'],
      ['patch', `/papers/${draft}`, 'clerk', { public: null }, 'public'],
      ['patch', `/papers/${draft}`, 'clerk', { climateImpact: [] }, 'climateImpact'],
      ['patch', `/papers/${draft}`, 'clerk', { decisionProposal: null }, 'decisionProposal'],
      ['patch', `/papers/${draft}`, 'clerk', { measures: null }, 'measures'],
      ['patch', `/papers/${draft}`, 'clerk', { consultations: [{ organizationId: orgs.committee, role: 'info', plannedDate: '2021-08-31T00:00:00+02:00' }] }, 'consultations.0.plannedDate'],
      ['patch', `/papers/${draft}`, 'clerk', { title: 'x', expectedVersion: null }, 'expectedVersion'],
    ]));

  it('POST /papers/:id/events', () =>
    refused([
      ['post', `/papers/${released}/events`, 'sitzungsdienst', { type: 'SCHEDULE', date: '2026-12-01T10:00:00Z', agendaItemNumber: '1' }, 'date'],
      ['post', `/papers/${released}/events`, 'sitzungsdienst', { type: 'SCHEDULE', date: '2026-02-29', agendaItemNumber: '1' }, 'date'],
      ['post', `/papers/${released}/events`, 'sitzungsdienst', { type: 'SCHEDULE', date: '2026-12-01', agendaItemNumber: ' ' }, 'agendaItemNumber'],
      ['post', `/papers/${released}/events`, 'sitzungsdienst', { type: 'SCHEDULE', date: '2026-12-01', agendaItemNumber: '1', meetingId: null }, 'meetingId'],
      ['post', `/papers/${released}/events`, 'sitzungsdienst', { type: 'RECORD_RESULT', result: 'recommended', votes: [] }, 'votes'],
      ['post', `/papers/${released}/events`, 'sitzungsdienst', { type: 'RECORD_RESULT', result: 'recommended', votes: { yes: null } }, 'votes.yes'],
      ['post', `/papers/${released}/events`, 'clerk', { type: 'WITHDRAW', reason: '   ' }, 'reason'],
      ['post', `/papers/${released}/events`, 'landrat', { type: 'URGENT_DECISION', decidedBy: 'district_committee', text: ' ', justification: 'Frist' }, 'text'],
      ['post', `/papers/${released}/events`, 'clerk', { type: 'WITHDRAW', reason: 'x', expectedVersion: null }, 'expectedVersion'],
    ]));

  it('meetings: POST /meetings, events, agenda items, results, attendance', () => {
    const item = randomUUID();
    return refused([
      ['post', '/meetings', 'sitzungsdienst', { organizationId: orgs.committee, start: '2028-06-02' }, 'start'],
      ['post', '/meetings', 'sitzungsdienst', { organizationId: orgs.committee, start: '2028-02-30T16:00:00+01:00' }, 'start'],
      ['post', '/meetings', 'sitzungsdienst', { organizationId: orgs.committee, start: '2028-06-02T16:00:00+02:00', location: '  ' }, 'location'],
      ['post', '/meetings', 'sitzungsdienst', { organizationId: orgs.committee, start: '2028-06-02T16:00:00+02:00', end: '2028-06-02' }, 'end'],
      ['post', `/meetings/${meeting}/events`, 'sitzungsdienst', { type: 'INVITE', urgent: null }, 'urgent'],
      ['post', `/meetings/${meeting}/events`, 'sitzungsdienst', { type: 'INVITE', urgent: 'true' }, 'urgent'],
      ['post', `/meetings/${meeting}/events`, 'sitzungsdienst', { type: 'RESCHEDULE', start: '2028-06-03', reason: 'Raum belegt' }, 'start'],
      ['post', `/meetings/${meeting}/agenda-items`, 'sitzungsdienst', { title: ' ' }, 'title'],
      ['post', `/meetings/${meeting}/agenda-items`, 'sitzungsdienst', { title: 'Mitteilungen', public: null }, 'public'],
      ['post', `/meetings/${meeting}/agenda-items`, 'sitzungsdienst', { title: 'Mitteilungen', public: 'false' }, 'public'],
      ['post', `/meetings/${meeting}/agenda-items`, 'sitzungsdienst', { title: 'Mitteilungen', number: null }, 'number'],
      ['post', `/meetings/${meeting}/agenda-items/${item}/result`, 'sitzungsdienst', { result: 'recommended', votes: [] }, 'votes'],
      ['post', `/meetings/${meeting}/agenda-items/${item}/result`, 'sitzungsdienst', { result: 'recommended', votes: { yes: null } }, 'votes.yes'],
      ['post', `/meetings/${meeting}/agenda-items/${item}/result`, 'sitzungsdienst', { result: 'recommended', text: ' ' }, 'text'],
      ['put', `/meetings/${meeting}/attendance`, 'sitzungsdienst', { entries: {} }, 'entries'],
      ['put', `/meetings/${meeting}/attendance`, 'sitzungsdienst', { entries: [{ personId: randomUUID(), present: 'yes' }] }, 'entries.0.present'],
    ]);
  });

  it('tasks: POST /papers/:id/tasks and POST /tasks/:id/events', () => {
    const task = randomUUID();
    return refused([
      ['post', `/papers/${released}/tasks`, 'clerk', { kind: 'generic', title: '  ' }, 'title'],
      ['post', `/papers/${released}/tasks`, 'clerk', { kind: 'generic', title: 'Workshop', dueDate: '2021-08-30T00:00:00Z' }, 'dueDate'],
      ['post', `/papers/${released}/tasks`, 'clerk', { kind: 'generic', title: 'Workshop', dueDate: '2021-02-29' }, 'dueDate'],
      ['post', `/papers/${released}/tasks`, 'clerk', { kind: 'generic', title: 'Workshop', department: ' ' }, 'department'],
      ['post', `/papers/${released}/tasks`, 'clerk', { kind: 'funding_application', title: 'ZIRE', programme: ' ' }, 'programme'],
      ['post', `/tasks/${task}/events`, 'clerk', { type: 'SET_DUE_DATE', dueDate: '2022-06-30T12:00:00Z' }, 'dueDate'],
      ['post', `/tasks/${task}/events`, 'clerk', { type: 'SET_DUE_DATE', dueDate: '2022-06-31' }, 'dueDate'],
      ['post', `/tasks/${task}/events`, 'clerk', { type: 'SET_DUE_DATE', dueDate: '2022-06-30', expectedVersion: null }, 'expectedVersion'],
      ['post', `/tasks/${task}/events`, 'clerk', { type: 'CANCEL', reason: ' ' }, 'reason'],
      ['post', `/tasks/${task}/events`, 'clerk', { type: 'AWARD', contractor: 'Beratung GmbH', amount: null }, 'amount'],
      ['post', `/tasks/${task}/events`, 'clerk', { type: 'AWARD', contractor: 'Beratung GmbH', amount: '48500' }, 'amount'],
    ]);
  });
});
