import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { QueueBackendKind } from '../../src/infrastructure/config/app-config';
import { DeadlinesService } from '../../src/modules/deadlines/deadlines.service';
import { completePaper, createPaper, kreisOrganizations, sendEvent } from '../factories/paper.factory';
import { SmtpTestServer } from '../setup/smtp-test-server';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';
import { deadlineJobsScheduled, until } from '../setup/eventually';
import { isolatedDatabase } from '../setup/test-environment';

const MAIL = (local: string) => `${local}@kreis-recklinghausen.example`;

interface ReportPaper {
  paperId: string;
  state: string;
  tasks: { total: number; open: number; done: number; cancelled: number; overdue: number };
  nextDueDate: string | null;
}

/**
 * Vorlage 2021/119 after its adoption by the Kreistag on 29.09.2021: its measures — the
 * consulting workshop (kick-off 30.08.2021), the tender for accompanying consulting and
 * the ZIRE funding application — become tasks, are carried to done over HTTP by the
 * clerk and the department head, and the paper is closed. The Beschlusskontrolle is
 * checked at every step; the workshop, overdue when recorded, escalates by mail once;
 * the funding application's submission deadline is reminded. Real SMTP server, own database.
 */
describe.each<QueueBackendKind>(['redis', 'postgres'])('the measures of Vorlage 2021/119 to done, and the paper closed, on %s (e2e)', (backend) => {
  let app: INestApplication;
  let db: DataSource;
  let deadlines: DeadlinesService;
  let drop: () => Promise<void>;
  const smtp = new SmtpTestServer();
  const tokens: Record<string, string> = {};
  const clock = new TestClock('2021-08-16T09:00:00+02:00');
  let paperId: string;

  beforeAll(async () => {
    const port = await smtp.start();
    const isolated = await isolatedDatabase(`tasks_${backend}`);
    drop = isolated.drop;
    app = await createTestApp(backend, { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, smtpUrl: `smtp://127.0.0.1:${port}` }, { clock });
    db = app.get(DataSource);
    deadlines = app.get(DeadlinesService);
    for (const user of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor', 'cr-clerk']) tokens[user] = await tokenFor(app, user);
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
    await drop?.();
  });

  const http = () => request(app.getHttpServer());
  const get = (user: string, path: string) => http().get(path).set('Authorization', `Bearer ${tokens[user]}`);
  const post = (user: string, path: string, body: Record<string, unknown>) => http().post(path).set('Authorization', `Bearer ${tokens[user]}`).send(body);
  const task = (user: string, id: string, event: Record<string, unknown>) => post(user, `/tasks/${id}/events`, event);


  /** This paper's line of the implementation report. */
  async function report(): Promise<ReportPaper> {
    const body = (await get('auditor', '/reports/implementation').expect(200)).body;
    return body.papers.find((p: ReportPaper) => p.paperId === paperId);
  }
  const counts = async () => (await report()).tasks;

  const jobsScheduled = (subjectId: string) => deadlineJobsScheduled(db, deadlines, subjectId);

  it('refuses tasks on a paper that is not adopted, and changes nothing', async () => {
    const orgs = await kreisOrganizations(app, tokens.clerk);
    const { id } = await createPaper(app, tokens.clerk, completePaper(orgs, { title: 'Noch nicht beschlossen' }));
    const refused = await post('clerk', `/papers/${id}/tasks`, { kind: 'generic', title: 'Zu früh' }).expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'TASK.PAPER_NOT_ADOPTED', paperState: 'draft' });
    expect((await get('clerk', `/papers/${id}/tasks`).expect(200)).body).toEqual([]);
    expect((await get('clerk', `/papers/${id}`).expect(200)).body).toMatchObject({ state: 'draft', version: 1 });
  });

  it('carries 2021/119 from adoption through its workshop, tender and funding application to closed', async () => {
    // 2021/119 as seeded, signed off and deliberated by its three organizations (dates of 2021).
    const found = await get('clerk', '/papers').query({ q: 'SmartCounty' }).expect(200);
    paperId = found.body.data[0].id;
    expect(await report()).toBeUndefined(); // a draft is not in the Beschlusskontrolle
    await sendEvent(app, tokens.clerk, paperId, { type: 'SUBMIT' }).expect(200);
    for (const signer of ['fbl', 'kd', 'landrat']) await sendEvent(app, tokens[signer], paperId, { type: 'SIGN' }).expect(200);
    const sessions: [string, string, string][] = [
      ['2021-08-31T19:00:00+02:00', '2.a', 'recommended'],
      ['2021-09-13T19:00:00+02:00', '5', 'recommended'],
      ['2021-09-29T19:00:00+02:00', '11', 'adopted'],
    ];
    for (const [at, top, result] of sessions) {
      clock.set(at);
      await sendEvent(app, tokens.sitzungsdienst, paperId, { type: 'SCHEDULE', date: at.slice(0, 10), agendaItemNumber: top }).expect(200);
      await sendEvent(app, tokens.sitzungsdienst, paperId, { type: 'RECORD_RESULT', result }).expect(200);
    }
    expect((await get('clerk', `/papers/${paperId}`).expect(200)).body.state).toBe('adopted');
    expect(await report()).toMatchObject({ state: 'adopted', tasks: { total: 0, open: 0, done: 0, cancelled: 0, overdue: 0 }, nextDueDate: null });

    // 30.09.2021: the measures of the Vorlage, offered as tasks.
    clock.set('2021-09-30T09:00:00+02:00');
    const proposal = (await get('clerk', `/papers/${paperId}/tasks/proposal`).expect(200)).body;
    expect(proposal.map((p: Record<string, unknown>) => [p.kind, p.dueDate, p.programme, p.source])).toEqual([
      ['workshop', '2021-08-30', null, 'measures[0]'],
      ['tender', null, null, 'measures[1]'],
      ['funding_application', null, 'ZIRE', 'costs'],
    ]);
    expect(proposal[0].title).toMatch(/geförderten kommunalen Beratungsworkshops$/);
    expect(proposal[1].title).toMatch(/^Die Impulse aus dem Beratungsworkshop aufgreifend wird eine Ausschreibung/);

    const { body: clerk } = await get('clerk', '/auth/me').expect(200);
    const create = (body: Record<string, unknown>) => post('clerk', `/papers/${paperId}/tasks`, body);
    // § 39 Abs. 1 KrO NRW: the Landrat may object until the end of the third day after the session
    // (Saturday 02.10.2021); no measure starts before that.
    const waiting = await create({ kind: 'generic', title: 'Zu früh' }).expect(409);
    expect(waiting.body).toMatchObject({ code: 'TASK.OBJECTION_WINDOW_OPEN', objectionWindowEndsAt: '2021-10-02T22:00:00.000Z' });
    expect((await get('clerk', `/papers/${paperId}/tasks`).expect(200)).body).toEqual([]);
    // Monday 04.10.2021: the window has passed.
    clock.set('2021-10-04T08:00:00+02:00');
    // Bad input: a day that does not exist, a funding application without its programme, a kind unknown.
    await create({ kind: 'workshop', title: 'Workshop', dueDate: '2021-02-31' }).expect(400);
    await create({ kind: 'funding_application', title: 'Förderantrag' }).expect(400);
    await create({ kind: 'festival', title: 'Fest' }).expect(400);
    await post('fbl', `/papers/${paperId}/tasks`, { kind: 'generic', title: 'Nicht meine Rolle' }).expect(403);
    expect((await get('clerk', `/papers/${paperId}`).expect(200)).body.state).toBe('adopted');

    // The workshop took place before the decision: recorded now, it is overdue at once.
    const workshop = (
      await create({ kind: 'workshop', title: proposal[0].title, dueDate: '2021-08-30', assigneeId: clerk.id, department: 'Stabsstelle Digitalisierung' }).expect(201)
    ).body;
    expect(workshop).toMatchObject({ kind: 'workshop', state: 'planned', outcome: 'open', dueDate: '2021-08-30', overdue: true, version: 1 });
    expect((await get('clerk', `/papers/${paperId}`).expect(200)).body.state).toBe('inImplementation');
    const tender = (await create({ kind: 'tender', title: 'Ausschreibung begleitende Beratung', dueDate: '2021-10-15', assigneeId: clerk.id }).expect(201)).body;
    const funding = (await create({ kind: 'funding_application', title: 'Förderantrag ZIRE (Konzeptphase)', programme: 'ZIRE', assigneeId: clerk.id }).expect(201)).body;
    expect(funding.details).toMatchObject({ programme: 'ZIRE' });
    expect(await report()).toMatchObject({ state: 'inImplementation', tasks: { total: 3, open: 3, done: 0, overdue: 1 }, nextDueDate: '2021-08-30' });

    // The overdue workshop escalates to the department head, once.
    await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('fbl') && m.subject.startsWith('Überfällig')));
    const escalation = smtp.to(MAIL('fbl')).find((m) => m.subject.startsWith('Überfällig'))!;
    expect(escalation.subject).toBe(`Überfällig: Workshop „${proposal[0].title}“ (fällig seit 30.08.2021)`);
    expect(escalation.text).toContain('Vorlage 2021/119');
    expect(escalation.text).toContain('Fällig am: Montag, 30.08.2021');
    await deadlines.reconcile();
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(MAIL('fbl')).filter((m) => m.subject.startsWith('Überfällig'))).toHaveLength(1);

    // Refused workshop events: 409 with what is allowed, 403 for a role that may never, nothing changed.
    const early = await task('clerk', workshop.id, { type: 'DOCUMENT', documentation: 'Protokoll' }).expect(409);
    expect(early.body.allowed).toEqual(expect.arrayContaining(['INVITE', 'SET_DUE_DATE', 'ASSIGN']));
    expect(early.body.allowed).not.toContain('CANCEL');
    await task('clerk', workshop.id, { type: 'CANCEL', reason: 'entfällt' }).expect(403);
    await task('auditor', workshop.id, { type: 'INVITE' }).expect(403);
    await task('clerk', workshop.id, { type: 'INVITE', contractor: 'x' }).expect(400);
    await task('clerk', workshop.id, { type: 'ASSIGN', department: 'Kämmerei' }).expect(400);
    await task('clerk', workshop.id, { type: 'ASSIGN', assigneeId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    await task('clerk', workshop.id, { type: 'INVITE', expectedVersion: 7 }).expect(409);
    await get('cr-clerk', `/tasks/${workshop.id}`).expect(404);
    expect((await get('clerk', `/tasks/${workshop.id}`).expect(200)).body).toMatchObject({ state: 'planned', version: 1 });

    await task('clerk', workshop.id, { type: 'INVITE' }).expect(200);
    await task('clerk', workshop.id, { type: 'HOLD' }).expect(200);
    const documented = (await task('clerk', workshop.id, { type: 'DOCUMENT', documentation: 'Auftakt am 30.08.2021 mit den zehn Städten und der GKD' }).expect(200)).body;
    expect(documented).toMatchObject({ state: 'documented', outcome: 'done', overdue: false });
    expect(await counts()).toMatchObject({ total: 3, open: 2, done: 1, overdue: 0 });

    // The tender: an offer period shorter than the minimum is refused with the reason.
    clock.set('2021-10-04T10:00:00+02:00');
    const short = await task('clerk', tender.id, { type: 'PUBLISH', platformReference: 'Vergabe-RE-2021-0815', offerDeadline: '2021-10-10' }).expect(409);
    expect(short.body.problems.join(' ')).toMatch(/10/);
    await task('clerk', tender.id, { type: 'PUBLISH', platformReference: 'Vergabe-RE-2021-0815', offerDeadline: '2021-10-18' }).expect(200);
    expect((await get('clerk', `/tasks/${tender.id}`).expect(200)).body).toMatchObject({ state: 'published', dueDate: '2021-10-18' });
    clock.set('2021-10-18T12:00:00+02:00');
    await task('clerk', tender.id, { type: 'CLOSE_OFFERS' }).expect(409);
    clock.set('2021-10-19T09:00:00+02:00');
    await task('clerk', tender.id, { type: 'CLOSE_OFFERS' }).expect(200);
    await task('fbl', tender.id, { type: 'START_EVALUATION' }).expect(200);
    await task('fbl', tender.id, { type: 'AWARD', contractor: 'Beratung Ruhr GmbH', amount: 0 }).expect(409);
    const awarded = (await task('fbl', tender.id, { type: 'AWARD', contractor: 'Beratung Ruhr GmbH', amount: 48500 }).expect(200)).body;
    expect(awarded).toMatchObject({ state: 'awarded', outcome: 'done', details: expect.objectContaining({ contractor: 'Beratung Ruhr GmbH', amount: 48500 }) });
    expect(await counts()).toMatchObject({ total: 3, open: 1, done: 2, overdue: 0 });

    // The funding application: its submission deadline (Friday 29.10.) is reminded two working days before.
    await task('clerk', funding.id, { type: 'START_DRAFTING', submissionDeadline: '2021-10-29' }).expect(200);
    await jobsScheduled(funding.id);
    clock.set('2021-10-27T09:00:00+02:00');
    await deadlines.reconcile();
    await smtp.waitFor((mails) => mails.some((m) => m.to === MAIL('clerk') && m.subject.startsWith('Erinnerung: Förderantrag')));
    const reminder = smtp.to(MAIL('clerk')).find((m) => m.subject.startsWith('Erinnerung: Förderantrag'))!;
    expect(reminder.subject).toBe('Erinnerung: Förderantrag „Förderantrag ZIRE (Konzeptphase)“ ist am 29.10.2021 fällig');

    // Closing the paper with a task open is refused, with the reason.
    const tooEarly = await sendEvent(app, tokens.clerk, paperId, { type: 'CLOSE' }).expect(409);
    expect(tooEarly.body.problems).toEqual(['all tasks must be done or cancelled before closing (1 open)']);

    await task('clerk', funding.id, { type: 'SUBMIT' }).expect(200);
    clock.set('2021-12-15T10:00:00+01:00');
    expect(await counts()).toMatchObject({ open: 1, overdue: 0 });
    await task('fbl', funding.id, { type: 'APPROVE', amount: 40000, conditions: 'Konzept bis 30.06.2022' }).expect(200);
    await task('clerk', funding.id, { type: 'CALL_FUNDS', amount: 40000 }).expect(200);
    await task('clerk', funding.id, { type: 'REQUEST_PROOF_OF_USE', dueDate: '2022-09-30' }).expect(200);
    expect(await report()).toMatchObject({ tasks: { open: 1, overdue: 0 }, nextDueDate: '2022-09-30' });
    // The proof of use is late: the report counts it overdue until it is settled.
    clock.set('2022-10-04T10:00:00+02:00');
    expect(await counts()).toMatchObject({ open: 1, done: 2, overdue: 1 });
    const settled = (await task('clerk', funding.id, { type: 'SETTLE' }).expect(200)).body;
    expect(settled).toMatchObject({ state: 'settled', outcome: 'done', overdue: false });
    expect(await counts()).toEqual({ total: 3, open: 0, done: 3, cancelled: 0, overdue: 0 });

    const closed = await sendEvent(app, tokens.clerk, paperId, { type: 'CLOSE' }).expect(200);
    expect(closed.body.state).toBe('closed');
    expect(await report()).toMatchObject({ state: 'closed', tasks: { total: 3, open: 0, done: 3 } });
    const csv = await get('auditor', '/reports/implementation.csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Vorlage;Titel;Status;Maßnahmen;offen;erledigt;abgebrochen;überfällig;nächste Frist;vor Beschluss begonnen');
    expect(lines.find((l) => l.startsWith('2021/119;'))).toBe('2021/119;Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen;abgeschlossen;3;0;3;0;0;;nein');

    // Every task's history is audited and chained like a paper's.
    const history = (await get('auditor', `/tasks/${funding.id}/history`).expect(200)).body;
    expect(history.map((h: { type: string }) => h.type)).toEqual(['CREATE', 'START_DRAFTING', 'SUBMIT', 'APPROVE', 'CALL_FUNDS', 'REQUEST_PROOF_OF_USE', 'SETTLE']);
    for (let i = 1; i < history.length; i++) expect(history[i].prevHash).toBe(history[i - 1].hash);
    expect(history.map((h: { actor: { username: string } }) => h.actor.username)).toEqual(['clerk', 'clerk', 'clerk', 'fbl', 'clerk', 'clerk', 'clerk']);
    expect((await get('auditor', `/tasks/${funding.id}/history/verify`).expect(200)).body).toEqual({ valid: true, entries: 7 });
    // Each kind's machine is published like the paper's.
    const diagram = await get('auditor', '/workflows/task-tender').query({ format: 'mermaid' }).expect(200);
    expect(diagram.text).toContain('published');
  }, 60_000);
});
