import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { VORLAGE_2021_119 } from '../../src/demo/vorlage-2021-119';
import { sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';

/**
 * Vorlage 2021/119 from the demo seed, carried by the right people from draft to
 * adopted through its three consultations, with the service clock replaying 2021.
 */
describe('Vorlage 2021/119 from draft to adopted (e2e)', () => {
  let app: INestApplication;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp('postgres', { clockStart: new Date('2021-08-16T09:00:00+02:00') });
    for (const user of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor']) tokens[user] = await tokenFor(app, user);
  });
  afterAll(() => app.close());

  const as = (user: string, paperId: string, event: Record<string, unknown>) => sendEvent(app, tokens[user], paperId, event);

  it('holds the whole Vorlage, signs it off, releases it as 2021/119 and deliberates it to adopted', async () => {
    const http = request(app.getHttpServer());
    const found = await http.get('/papers').query({ q: 'SmartCounty' }).set('Authorization', `Bearer ${tokens.clerk}`).expect(200);
    expect(found.body.total).toBe(1);
    const id = found.body.data[0].id as string;

    const draft = (await http.get(`/papers/${id}`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200)).body;
    expect(draft).toMatchObject({
      state: 'draft',
      reference: null,
      paperType: 'Beschlussvorlage',
      title: VORLAGE_2021_119.title,
      decisionProposal: VORLAGE_2021_119.decisionProposal,
      facts: VORLAGE_2021_119.facts,
      goals: VORLAGE_2021_119.goals,
      measures: VORLAGE_2021_119.measures,
      costs: VORLAGE_2021_119.costs,
      climateImpact: VORLAGE_2021_119.climateImpact,
      responsibleUnit: VORLAGE_2021_119.responsibleUnit,
    });
    expect(
      draft.consultations.map((c: Record<string, string>) => [c.organizationName, c.role, c.plannedDate, c.agendaItemNumber, c.reporter]),
    ).toEqual([
      ['Ausschuss für Wirtschaftspolitik und Digitales', 'preliminary', '2021-08-31', '2.a', 'Herr Haumann'],
      ['Kreisausschuss', 'preliminary', '2021-09-13', '5', 'Herr Haumann'],
      ['Kreistag', 'decisive', '2021-09-29', '11', 'Herr Haumann'],
    ]);

    expect((await as('clerk', id, { type: 'SUBMIT' }).expect(200)).body).toMatchObject({ state: 'signOff' });
    const allowedForKd = await http.get(`/papers/${id}/events/allowed`).set('Authorization', `Bearer ${tokens.kd}`).expect(200);
    expect(allowedForKd.body).toEqual({ allowed: [] });
    const allowedForFbl = await http.get(`/papers/${id}/events/allowed`).set('Authorization', `Bearer ${tokens.fbl}`).expect(200);
    expect(allowedForFbl.body).toEqual({ allowed: ['SIGN', 'REJECT_SIGNOFF'] });

    await as('fbl', id, { type: 'SIGN' }).expect(200);
    await as('kd', id, { type: 'SIGN' }).expect(200);
    const released = (await as('landrat', id, { type: 'SIGN' }).expect(200)).body;
    expect(released).toMatchObject({ state: 'deliberation', stateDetail: 'awaitingAgenda' });
    expect(released.paper.reference).toBe('2021/119');
    expect(released.paper.currentConsultation.organizationName).toBe('Ausschuss für Wirtschaftspolitik und Digitales');
    expect(released.paper.signOff.signatures.map((s: { role: string }) => s.role)).toEqual([
      'department_head',
      'district_director',
      'district_administrator',
    ]);

    const sessions = [
      { date: '2021-08-31', top: '2.a', result: 'recommended', next: 'Kreisausschuss' },
      { date: '2021-09-13', top: '5', result: 'recommended', next: 'Kreistag' },
      { date: '2021-09-29', top: '11', result: 'adopted', next: null },
    ];
    let last: Record<string, any> = released;
    for (const s of sessions) {
      const scheduled = (await as('sitzungsdienst', id, { type: 'SCHEDULE', date: s.date, agendaItemNumber: s.top }).expect(200)).body;
      expect(scheduled.stateDetail).toBe('scheduled');
      last = (await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: s.result, votes: { unanimous: true } }).expect(200)).body;
      if (s.next) expect(last.paper.currentConsultation.organizationName).toBe(s.next);
    }
    expect(last.state).toBe('adopted');
    expect(last.paper.currentConsultation).toBeNull();
    expect(
      last.paper.consultations.map((c: Record<string, unknown>) => [c.organizationName, c.scheduledDate, c.agendaItemNumber, c.result]),
    ).toEqual([
      ['Ausschuss für Wirtschaftspolitik und Digitales', '2021-08-31', '2.a', 'recommended'],
      ['Kreisausschuss', '2021-09-13', '5', 'recommended'],
      ['Kreistag', '2021-09-29', '11', 'adopted'],
    ]);

    const history = (await http.get(`/papers/${id}/history`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200)).body;
    expect(history.map((h: { type: string }) => h.type)).toEqual([
      'CREATE',
      'SUBMIT',
      'SIGN',
      'SIGN',
      'SIGN',
      'SCHEDULE',
      'RECORD_RESULT',
      'SCHEDULE',
      'RECORD_RESULT',
      'SCHEDULE',
      'RECORD_RESULT',
    ]);
    expect(history.map((h: { seq: number }) => h.seq)).toEqual(history.map((_: unknown, i: number) => i + 1));
    expect(history.map((h: { actor: { username: string } }) => h.actor.username)).toEqual([
      'clerk',
      'clerk',
      'fbl',
      'kd',
      'landrat',
      'sitzungsdienst',
      'sitzungsdienst',
      'sitzungsdienst',
      'sitzungsdienst',
      'sitzungsdienst',
      'sitzungsdienst',
    ]);
    expect(history[4]).toMatchObject({ from: 'signOff', to: 'deliberation.awaitingAgenda', payload: { reference: '2021/119' } });
    expect(history[10]).toMatchObject({ from: 'deliberation.scheduled', to: 'adopted' });
    // The replayed clock: every transition dated in 2021 (the seed's CREATE is dated by whichever app seeded it).
    for (const h of history.slice(1)) expect(h.at.slice(0, 4)).toBe('2021');
    for (let i = 1; i < history.length; i++) expect(history[i].prevHash).toBe(history[i - 1].hash);
    const verdict = (await http.get(`/papers/${id}/history/verify`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200)).body;
    expect(verdict).toEqual({ valid: true, entries: 11 });

    const adopted = await http.get('/papers').query({ state: 'adopted', q: '2021/119' }).set('Authorization', `Bearer ${tokens.clerk}`);
    expect(adopted.body.data.map((p: { id: string }) => p.id)).toEqual([id]);
  });
});
