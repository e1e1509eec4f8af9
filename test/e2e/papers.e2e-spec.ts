import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { completePaper, createPaper, kreisOrganizations, KreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';

describe('papers (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let orgs: KreisOrganizations;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(getDataSourceToken());
    for (const u of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor', 'admin', 'cr-clerk']) t[u] = await tokenFor(app, u);
    orgs = await kreisOrganizations(app, t.clerk);
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());
  const as = (user: string, id: string, event: Record<string, unknown>) => sendEvent(app, t[user], id, event);
  const historyCount = async (id: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM audit_event WHERE subject_id = $1`, [id]))[0].n);
  const outboxCount = async (id: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM outbox_message WHERE subject_id = $1`, [id]))[0].n);

  async function submitted() {
    const paper = await createPaper(app, t.clerk, completePaper(orgs));
    await as('clerk', paper.id, { type: 'SUBMIT' }).expect(200);
    return paper.id;
  }

  async function released() {
    const id = await submitted();
    for (const u of ['fbl', 'kd', 'landrat']) await as(u, id, { type: 'SIGN' }).expect(200);
    return id;
  }

  describe('drafting', () => {
    it('creates a draft at version 1 with one CREATE entry, and edits it with expectedVersion', async () => {
      const paper = await createPaper(app, t.clerk, completePaper(orgs, { title: 'Entwurf' }));
      expect(paper).toMatchObject({ state: 'draft', version: 1, reference: null });
      const edited = await http()
        .patch(`/papers/${paper.id}`)
        .set('Authorization', `Bearer ${t.clerk}`)
        .send({ title: 'Entwurf, überarbeitet', expectedVersion: 1 })
        .expect(200);
      expect(edited.body).toMatchObject({ title: 'Entwurf, überarbeitet', version: 2 });
      const stale = await http()
        .patch(`/papers/${paper.id}`)
        .set('Authorization', `Bearer ${t.clerk}`)
        .send({ title: 'verloren', expectedVersion: 1 })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'WORKFLOW.STALE_VERSION', currentVersion: 2 });
      const history = (await http().get(`/papers/${paper.id}/history`).set('Authorization', `Bearer ${t.clerk}`)).body;
      expect(history.map((h: { type: string }) => h.type)).toEqual(['CREATE', 'EDIT']);
      expect(history[1].payload).toEqual({ changes: { title: 'Entwurf, überarbeitet' } });
    });

    it('refuses editing once submitted, and editing or creating by a non-clerk', async () => {
      const id = await submitted();
      const res = await http().patch(`/papers/${id}`).set('Authorization', `Bearer ${t.clerk}`).send({ title: 'x' }).expect(409);
      expect(res.body.code).toBe('PAPER.NOT_EDITABLE');
      await http().post('/papers').set('Authorization', `Bearer ${t.auditor}`).send(completePaper(orgs)).expect(403);
      await http().patch(`/papers/${id}`).set('Authorization', `Bearer ${t.sitzungsdienst}`).send({ title: 'x' }).expect(403);
    });

    it('rejects bad input with 400 naming the fields, and writes nothing', async () => {
      // Marked, so that papers other suites create meanwhile do not count.
      const responsibleUnit = `bad-input-${Date.now()}`;
      const stored = async () => Number((await db.query(`SELECT count(*) AS n FROM paper WHERE responsible_unit = $1`, [responsibleUnit]))[0].n);
      const res = await http()
        .post('/papers')
        .set('Authorization', `Bearer ${t.clerk}`)
        .send({ paperType: 'Memo', consultations: [{ organizationId: 'x', role: 'boss' }], color: 'red', responsibleUnit })
        .expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(
        ['color', 'consultations.0.organizationId', 'consultations.0.role', 'paperType', 'title'].sort(),
      );
      const crOrg = (await http().get('/organizations').set('Authorization', `Bearer ${t['cr-clerk']}`)).body[0].id;
      const foreign = await http()
        .post('/papers')
        .set('Authorization', `Bearer ${t.clerk}`)
        .send(completePaper(orgs, { consultations: [{ organizationId: crOrg, role: 'decisive' }], responsibleUnit }))
        .expect(400);
      expect(foreign.body.fields).toEqual([{ field: 'consultations.0.organizationId', messages: ['unknown organization'] }]);
      expect(await stored()).toBe(0);
    });

    it('keeps bodies apart: another body neither lists nor reads nor moves the paper', async () => {
      const paper = await createPaper(app, t.clerk, completePaper(orgs));
      await http().get(`/papers/${paper.id}`).set('Authorization', `Bearer ${t['cr-clerk']}`).expect(404);
      await http().get(`/papers/${paper.id}/history`).set('Authorization', `Bearer ${t['cr-clerk']}`).expect(404);
      await as('cr-clerk', paper.id, { type: 'SUBMIT' }).expect(404);
      const list = (await http().get('/papers').set('Authorization', `Bearer ${t['cr-clerk']}`).expect(200)).body;
      expect(list.data.map((p: { id: string }) => p.id)).not.toContain(paper.id);
    });

    it('pages and filters the list', async () => {
      const marker = `Paging-${Date.now()}`;
      for (let i = 0; i < 3; i++) await createPaper(app, t.clerk, completePaper(orgs, { title: `${marker} ${i}` }));
      const page = (await http().get('/papers').query({ q: marker, limit: 2, page: 2 }).set('Authorization', `Bearer ${t.clerk}`)).body;
      expect(page).toMatchObject({ total: 3, page: 2, limit: 2 });
      expect(page.data).toHaveLength(1);
      await http().get('/papers').query({ state: 'nonsense' }).set('Authorization', `Bearer ${t.clerk}`).expect(400);
      await http().get('/papers').query({ limit: 1000 }).set('Authorization', `Bearer ${t.clerk}`).expect(400);
    });
  });

  describe('transitions', () => {
    it('refuses an event the state does not allow with 409 and the allowed events, writing nothing', async () => {
      const paper = await createPaper(app, t.clerk, completePaper(orgs));
      const res = await as('admin', paper.id, { type: 'RECORD_RESULT', result: 'adopted' }).expect(409);
      expect(res.body).toMatchObject({ code: 'WORKFLOW.TRANSITION_NOT_ALLOWED', state: 'draft', allowed: ['SUBMIT', 'WITHDRAW'] });
      const asOffice = await as('sitzungsdienst', paper.id, { type: 'SCHEDULE', date: '2026-12-01', agendaItemNumber: '1' }).expect(409);
      expect(asOffice.body.allowed).toEqual([]);
      await as('clerk', paper.id, { type: 'SIGN' }).expect(403);
      expect(await historyCount(paper.id)).toBe(1);
      expect(await outboxCount(paper.id)).toBe(0);
    });

    it('refuses SUBMIT of an incomplete paper with 409 naming what is missing', async () => {
      const paper = await createPaper(app, t.clerk, {
        title: 'Unvollständig',
        paperType: 'Beschlussvorlage',
        climateImpact: { effect: 'positive' },
        consultations: [{ organizationId: orgs.districtCouncil, role: 'decisive' }],
      });
      const res = await as('clerk', paper.id, { type: 'SUBMIT' }).expect(409);
      expect(res.body.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/decisionProposal/),
          expect.stringMatching(/facts/),
          expect.stringMatching(/justification/),
          expect.stringMatching(/district_committee/),
        ]),
      );
      expect(await historyCount(paper.id)).toBe(1);
    });

    it('answers 403 to a role that may never send the event, 409 to a signer out of turn', async () => {
      const id = await submitted();
      const forbidden = await as('auditor', id, { type: 'SIGN' }).expect(403);
      expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
      await as('sitzungsdienst', id, { type: 'SIGN' }).expect(403);
      const outOfTurn = await as('landrat', id, { type: 'SIGN' }).expect(409);
      expect(outOfTurn.body.allowed).toEqual([]);
      expect(await historyCount(id)).toBe(2);
    });

    it('returns a rejected sign-off to draft with the reason', async () => {
      const id = await submitted();
      await as('fbl', id, { type: 'SIGN' }).expect(200);
      const res = await as('kd', id, { type: 'REJECT_SIGNOFF', reason: 'Kosten unklar' }).expect(200);
      expect(res.body.state).toBe('draft');
      expect(res.body.paper.signOff.rejections).toEqual([
        expect.objectContaining({ role: 'district_director', reason: 'Kosten unklar' }),
      ]);
      expect(res.body.paper.signOff.signatures).toEqual([]);
    });

    it('resubmits a paper edited after a rejected sign-off with the edited text (no stale copy is used)', async () => {
      const id = await submitted();
      await as('fbl', id, { type: 'REJECT_SIGNOFF', reason: 'Sachverhalt ergänzen' }).expect(200);
      await http()
        .patch(`/papers/${id}`)
        .set('Authorization', `Bearer ${t.clerk}`)
        .send({ facts: 'Ergänzter Sachverhalt.', expectedVersion: 3 })
        .expect(200);
      const resubmitted = await as('clerk', id, { type: 'SUBMIT', expectedVersion: 4 }).expect(200);
      expect(resubmitted.body).toMatchObject({ state: 'signOff', version: 5 });
      const history = (await http().get(`/papers/${id}/history`).set('Authorization', `Bearer ${t.auditor}`)).body;
      expect(history.map((h: { type: string }) => h.type)).toEqual(['CREATE', 'SUBMIT', 'REJECT_SIGNOFF', 'EDIT', 'SUBMIT']);
      expect(history[4].payload.paper.facts).toBe('Ergänzter Sachverhalt.');
    });

    it('answers 400 to malformed events and stray fields, writing nothing', async () => {
      const id = await released();
      const before = await historyCount(id);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ type: 'FLY' }, ['type']],
        [{ type: 'SCHEDULE', agendaItemNumber: '3' }, ['date']],
        [{ type: 'SCHEDULE', date: '31.08.2021', agendaItemNumber: '3' }, ['date']],
        [{ type: 'SIGN', reason: 'because' }, ['reason']],
        [{ type: 'RECORD_RESULT', result: 'maybe' }, ['result']],
        [{ type: 'RECORD_RESULT', result: 'referred' }, ['organizationId']],
        [{ type: 'RECORD_RESULT', result: 'recommended', votes: { yes: -1 } }, ['votes.yes']],
        [{ type: 'WITHDRAW', reason: '' }, ['reason']],
        [{ type: 'URGENT_DECISION', text: 'x', justification: 'y' }, ['decidedBy']],
      ];
      for (const [event, fields] of cases) {
        const res = await as('admin', id, event).expect(400);
        expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(fields);
      }
      expect(await historyCount(id)).toBe(before);
    });

    it('refuses a stale expectedVersion with 409 and the current version', async () => {
      const id = await submitted();
      const res = await as('fbl', id, { type: 'SIGN', expectedVersion: 1 }).expect(409);
      expect(res.body).toMatchObject({ code: 'WORKFLOW.STALE_VERSION', currentVersion: 2 });
      await as('fbl', id, { type: 'SIGN', expectedVersion: 2 }).expect(200);
    });

    it('applies 20 concurrent SIGNs exactly once; the others get 409 and the history stays gap-free', async () => {
      const id = await submitted();
      const results = await Promise.all(Array.from({ length: 20 }, () => as('fbl', id, { type: 'SIGN' })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const history = (await http().get(`/papers/${id}/history`).set('Authorization', `Bearer ${t.auditor}`)).body;
      expect(history.map((h: { seq: number; type: string }) => `${h.seq}:${h.type}`)).toEqual(['1:CREATE', '2:SUBMIT', '3:SIGN']);
      const paper = (await http().get(`/papers/${id}`).set('Authorization', `Bearer ${t.auditor}`)).body;
      expect(paper.version).toBe(3);
      expect(paper.signOff.signatures).toHaveLength(1);
    });

    it('gives concurrent releases distinct, consecutive references', async () => {
      const ids = await Promise.all(Array.from({ length: 8 }, () => submitted()));
      for (const u of ['fbl', 'kd']) await Promise.all(ids.map((id) => as(u, id, { type: 'SIGN' }).expect(200)));
      const out = await Promise.all(ids.map((id) => as('landrat', id, { type: 'SIGN' }).expect(200)));
      const numbers = out.map((r) => r.body.paper.reference as string).map((ref) => {
        expect(ref).toMatch(/^\d{4}\/\d{3}$/);
        return Number(ref.split('/')[1]);
      });
      numbers.sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(8);
      expect(numbers[7] - numbers[0]).toBe(7);
    });

    it('writes outbox rows for the notifications of a transition, in its transaction', async () => {
      const id = await submitted();
      const rows = await db.query(`SELECT kind, payload, caused_by_seq FROM outbox_message WHERE subject_id = $1`, [id]);
      expect(rows).toEqual(
        expect.arrayContaining([
          { kind: 'notify', payload: { kind: 'signOffRequested', role: 'department_head' }, caused_by_seq: 2 },
          // The first signer's reminder and escalation (deadlines module).
          { kind: 'scheduleDeadline', payload: { kind: 'signOffWaiting', role: 'department_head' }, caused_by_seq: 2 },
        ]),
      );
      expect(rows).toHaveLength(2);
    });

    it('postpones and refers without rewriting history, and keeps each version of an amended text', async () => {
      const id = await released();
      await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2026-12-01', agendaItemNumber: '3' }).expect(200);
      await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'postponed' }).expect(200);
      await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2026-12-03', agendaItemNumber: '1' }).expect(200);
      await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'recommended', votes: { yes: 9, no: 2, abstain: 1 } }).expect(200);
      await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2026-12-08', agendaItemNumber: '4' }).expect(200);
      const referred = await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'referred', organizationId: orgs.committee }).expect(200);
      expect(referred.body.paper.currentConsultation).toMatchObject({ organizationId: orgs.committee, role: 'preliminary', origin: 'referred' });
      await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2026-12-10', agendaItemNumber: '2' }).expect(200);
      await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'recommended' }).expect(200);
      await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2026-12-12', agendaItemNumber: '2' }).expect(200);
      await as('sitzungsdienst', id, { type: 'RECORD_RESULT', result: 'recommended' }).expect(200);
      await as('sitzungsdienst', id, { type: 'SCHEDULE', date: '2026-12-15', agendaItemNumber: '7' }).expect(200);
      const amended = await as('sitzungsdienst', id, {
        type: 'RECORD_RESULT',
        result: 'adopted_amended',
        text: 'Der Kreistag beschließt die Maßnahme mit Änderungen.',
      }).expect(200);
      const paper = amended.body.paper;
      expect(amended.body.state).toBe('adopted');
      expect(paper.consultations.map((c: Record<string, unknown>) => [c.organizationId, c.origin, c.result])).toEqual([
        [orgs.committee, 'planned', 'postponed'],
        [orgs.committee, 'postponed', 'recommended'],
        [orgs.districtCommittee, 'planned', 'referred'],
        [orgs.committee, 'referred', 'recommended'],
        [orgs.districtCommittee, 'referred', 'recommended'],
        [orgs.districtCouncil, 'planned', 'adopted_amended'],
      ]);
      expect(paper.consultations[1].votes).toEqual({ yes: 9, no: 2, abstain: 1 });
      expect(paper.decisionProposal).toBe('Der Kreistag beschließt die Maßnahme mit Änderungen.');
      expect(paper.decisionTexts.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([
        [1, 'proposal'],
        [2, 'amendment'],
      ]);
    });

    it('takes an urgent decision and lets the Kreistag approve it; withdraws another paper with a reason', async () => {
      const id = await released();
      await as('clerk', id, { type: 'URGENT_DECISION', decidedBy: 'district_committee', text: 'x', justification: 'y' }).expect(403);
      const seats = (await request(app.getHttpServer()).get(`/organizations/${orgs.districtCommittee}/memberships`).set('Authorization', `Bearer ${t.landrat}`).expect(200)).body;
      const member = seats.find((s: { role: string; endDate: string | null }) => s.role === 'member' && s.endDate === null);
      const urgent = await as('landrat', id, {
        type: 'URGENT_DECISION',
        decidedBy: 'district_administrator_with_member',
        memberPersonId: member.personId,
        text: 'Die Maßnahme wird sofort umgesetzt.',
        justification: 'Förderfrist endet vor der nächsten Kreistagssitzung.',
      }).expect(200);
      expect(urgent.body.state).toBe('urgentlyDecided');
      const approved = await as('sitzungsdienst', id, { type: 'APPROVE_URGENT_DECISION' }).expect(200);
      expect(approved.body.state).toBe('adopted');
      expect(approved.body.paper.urgentDecision).toMatchObject({ memberPersonId: member.personId, memberName: member.name, approval: { outcome: 'approved' } });
      const kinds = await db.query(`SELECT kind FROM outbox_message WHERE subject_id = $1 ORDER BY created_at, kind`, [id]);
      expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['scheduleDeadline', 'cancelDeadline']));

      const other = await submitted();
      const withdrawn = await as('clerk', other, { type: 'WITHDRAW', reason: 'Erledigt durch Ratsbeschluss' }).expect(200);
      expect(withdrawn.body.state).toBe('withdrawn');
      expect((await as('clerk', other, { type: 'SUBMIT' }).expect(409)).body.allowed).toEqual([]);
    });
  });

  describe('history and definitions', () => {
    it('keeps the audit log append-only in the database and verifiable', async () => {
      const id = await submitted();
      await expect(db.query(`UPDATE audit_event SET actor_name = 'someone' WHERE subject_id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM audit_event WHERE subject_id = $1`, [id])).rejects.toThrow(/append-only/);
      const verdict = (await http().get(`/papers/${id}/history/verify`).set('Authorization', `Bearer ${t.auditor}`)).body;
      expect(verdict).toEqual({ valid: true, entries: 2 });
    });

    it('serves the paper machine as JSON and as a Mermaid diagram', async () => {
      const json = (await http().get('/workflows/paper').set('Authorization', `Bearer ${t.auditor}`).expect(200)).body;
      expect(json).toMatchObject({ id: 'paper', version: 1 });
      expect(Object.keys(json.root.states)).toEqual(
        expect.arrayContaining(['draft', 'signOff', 'deliberation', 'urgentlyDecided', 'adopted', 'inImplementation', 'closed', 'rejected', 'withdrawn', 'noted']),
      );
      expect(json.root.states.draft.transitions).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'SUBMIT', target: 'signOff' })]));
      const mermaid = await http().get('/workflows/paper').query({ format: 'mermaid' }).set('Authorization', `Bearer ${t.auditor}`).expect(200);
      expect(mermaid.headers['content-type']).toMatch(/text\/plain/);
      expect(mermaid.text).toMatch(/^stateDiagram-v2\n/);
      expect(mermaid.text).toContain('draft --> signOff: SUBMIT');
      await http().get('/workflows/nothing').set('Authorization', `Bearer ${t.auditor}`).expect(404);
    });
  });
});
