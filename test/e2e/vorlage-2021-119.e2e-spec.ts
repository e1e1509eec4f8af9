import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { VORLAGE_2021_119 } from '../../src/demo/vorlage-2021-119';
import { kreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

/**
 * Vorlage 2021/119 from the demo seed, carried by the right people from draft to
 * adopted through the three real sessions of 2021 (committee 31.08. TOP 2.a,
 * Kreisausschuss 13.09. TOP 5, Kreistag 29.09. TOP 11), with the clock replaying 2021:
 * the paper moves only through the agendas and the results recorded in session.
 */
describe('Vorlage 2021/119 from draft to adopted through its three sessions (e2e)', () => {
  let app: INestApplication;
  const tokens: Record<string, string> = {};
  const clock = new TestClock('2021-08-16T09:00:00+02:00');

  beforeAll(async () => {
    app = await createTestApp('postgres', {}, { clock });
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

    // The three real sessions of 2021, each planned, invited in time, held and closed by the
    // committee office; the paper moves only through the agendas and the results recorded there.
    const orgs = await kreisOrganizations(app, tokens.sitzungsdienst);
    const sessions = [
      { org: orgs.committee, start: '2021-08-31T17:00:00+02:00', invite: '2021-08-20T10:00:00+02:00', top: '2.a', result: 'recommended', next: 'Kreisausschuss', present: 12 },
      { org: orgs.districtCommittee, start: '2021-09-13T15:00:00+02:00', invite: '2021-09-01T10:00:00+02:00', top: '5', result: 'recommended', next: 'Kreistag', present: 15 },
      { org: orgs.districtCouncil, start: '2021-09-29T15:00:00+02:00', invite: '2021-09-14T10:00:00+02:00', top: '11', result: 'adopted', next: null, present: 20 },
    ];
    let last: Record<string, any> = released;
    const office = (req: request.Test) => req.set('Authorization', `Bearer ${tokens.sitzungsdienst}`);
    for (const s of sessions) {
      clock.set(s.invite);
      const meeting = (await office(http.post('/meetings')).send({ organizationId: s.org, start: s.start, location: 'Kreishaus Recklinghausen' }).expect(201)).body;
      await office(http.post(`/meetings/${meeting.id}/agenda-items`)).send({ title: 'Eröffnung und Feststellung der Beschlussfähigkeit', number: '1' }).expect(201);
      const placed = (await office(http.post(`/meetings/${meeting.id}/agenda-items`)).send({ paperId: id, number: s.top }).expect(201)).body;
      const item = placed.agenda.find((i: { paperId: string }) => i.paperId === id);
      expect(item).toMatchObject({ number: s.top, title: VORLAGE_2021_119.title, public: true, paperReference: '2021/119', reporter: 'Herr Haumann' });
      const paperScheduled = (await http.get(`/papers/${id}`).set('Authorization', `Bearer ${tokens.clerk}`).expect(200)).body;
      expect(paperScheduled.state).toBe('deliberation');
      expect(paperScheduled.currentConsultation).toMatchObject({ agendaItemNumber: s.top, meetingId: meeting.id, scheduledDate: s.start.slice(0, 10) });

      expect((await office(http.post(`/meetings/${meeting.id}/events`)).send({ type: 'INVITE' }).expect(200)).body.state).toBe('invited');

      clock.set(s.start);
      await office(http.post(`/meetings/${meeting.id}/events`)).send({ type: 'OPEN' }).expect(200);
      const seats = (await office(http.get(`/organizations/${s.org}/memberships`)).query({ date: s.start.slice(0, 10) }).expect(200)).body;
      const members = seats.filter((x: { role: string }) => x.role === 'member');
      await office(http.put(`/meetings/${meeting.id}/attendance`))
        .send({ entries: members.map((x: { personId: string }, i: number) => ({ personId: x.personId, present: i < s.present })) })
        .expect(200);
      const opening = placed.agenda.find((i: { number: string }) => i.number === '1');
      await office(http.post(`/meetings/${meeting.id}/agenda-items/${opening.id}/result`)).send({ result: 'noted' }).expect(200);
      const decided = (
        await office(http.post(`/meetings/${meeting.id}/agenda-items/${item.id}/result`))
          .send({ result: s.result, votes: { yes: s.present - 2, no: 1, abstain: 1 } })
          .expect(200)
      ).body;
      expect(decided.agenda.find((i: { id: string }) => i.id === item.id)).toMatchObject({ status: 'decided', result: s.result });
      expect((await office(http.post(`/meetings/${meeting.id}/events`)).send({ type: 'CLOSE' }).expect(200)).body.state).toBe('held');

      const agenda = await http.get(`/meetings/${meeting.id}/agenda`).set('Authorization', `Bearer ${tokens.clerk}`).expect(200);
      expect(agenda.headers['content-type']).toMatch(/text\/html/);
      expect(agenda.text).toContain('Tagesordnung');
      expect(agenda.text).toContain(`TOP ${s.top}`);
      expect(agenda.text).toContain('Vorlage 2021/119');
      expect(agenda.text).toContain('Berichterstattung: Herr Haumann');
      const minutes = await http.get(`/meetings/${meeting.id}/minutes`).set('Authorization', `Bearer ${tokens.clerk}`).expect(200);
      expect(minutes.text).toContain('Niederschrift');
      expect(minutes.text).toContain('Entwurf');
      expect(minutes.text).toContain(s.result === 'adopted' ? 'beschlossen' : 'empfohlen');
      expect(minutes.text).toContain(`Ja: ${s.present - 2}, Nein: 1, Enthaltungen: 1`);

      last = (await http.get(`/papers/${id}`).set('Authorization', `Bearer ${tokens.clerk}`).expect(200)).body;
      last = { state: last.state, paper: last };
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
