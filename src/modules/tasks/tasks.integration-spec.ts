import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { completePaper, createPaper, kreisOrganizations, sendEvent, type KreisOrganizations } from '../../../test/factories/paper.factory';
import { createTestApp, tokenFor } from '../../../test/setup/test-app';
import { TestClock } from '../../../test/setup/test-clock';

/**
 * What the HTTP answers do not show: two clerks adding the first tasks at once move the
 * paper once; a task's due dates become outbox rows of the transitions that set them;
 * a refused event writes nothing; the row mirrors the machine.
 */
describe('Tasks (integration)', () => {
  let app: INestApplication;
  let db: DataSource;
  let orgs: KreisOrganizations;
  const tokens: Record<string, string> = {};
  const clock = new TestClock('2027-06-07T09:00:00+02:00');

  beforeAll(async () => {
    app = await createTestApp('postgres', {}, { clock });
    db = app.get(DataSource);
    for (const user of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst']) tokens[user] = await tokenFor(app, user);
    orgs = await kreisOrganizations(app, tokens.clerk);
  });
  afterAll(() => app.close());

  const post = (user: string, path: string, body: object) => request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${tokens[user]}`).send(body);

  /** A Beschlussvorlage adopted by the Kreistag (its consultations decided by paper events). */
  async function adoptedPaper(title: string): Promise<string> {
    const { id } = await createPaper(app, tokens.clerk, completePaper(orgs, { title }));
    await sendEvent(app, tokens.clerk, id, { type: 'SUBMIT' }).expect(200);
    for (const signer of ['fbl', 'kd', 'landrat']) await sendEvent(app, tokens[signer], id, { type: 'SIGN' }).expect(200);
    const paper = (await request(app.getHttpServer()).get(`/papers/${id}`).set('Authorization', `Bearer ${tokens.clerk}`).expect(200)).body;
    for (const c of paper.consultations as { plannedDate: string; role: string }[]) {
      await sendEvent(app, tokens.sitzungsdienst, id, { type: 'SCHEDULE', date: c.plannedDate, agendaItemNumber: '7' }).expect(200);
      await sendEvent(app, tokens.sitzungsdienst, id, { type: 'RECORD_RESULT', result: c.role === 'decisive' ? 'adopted' : 'recommended' }).expect(200);
    }
    return id;
  }

  const history = async (type: string, id: string) =>
    (await db.query(`SELECT seq, type FROM audit_event WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq`, [type, id])) as { seq: number; type: string }[];

  it('two clerks adding the first tasks at once: both tasks exist, the paper moved to inImplementation once', async () => {
    const paperId = await adoptedPaper('Gleichzeitige Maßnahmen');
    const [a, b] = await Promise.all([
      post('clerk', `/papers/${paperId}/tasks`, { kind: 'generic', title: 'Bericht A' }),
      post('clerk', `/papers/${paperId}/tasks`, { kind: 'generic', title: 'Bericht B' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [paper] = await db.query(`SELECT state FROM paper WHERE id = $1`, [paperId]);
    expect(paper.state).toBe('inImplementation');
    expect((await history('paper', paperId)).filter((h) => h.type === 'START_IMPLEMENTATION')).toHaveLength(1);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM task WHERE paper_id = $1`, [paperId]);
    expect(n).toBe(2);
  });

  it('writes a due date’s deadlines as outbox rows of the transition that set it, and a refusal writes nothing', async () => {
    const paperId = await adoptedPaper('Fristen einer Maßnahme');
    const created = (await post('clerk', `/papers/${paperId}/tasks`, { kind: 'generic', title: 'Konzept', dueDate: '2027-07-30' }).expect(201)).body;
    const outbox = async () =>
      (await db.query(`SELECT kind, payload, caused_by_seq FROM outbox_message WHERE subject_type = 'task' AND subject_id = $1 ORDER BY caused_by_seq, kind`, [
        created.id,
      ])) as { kind: string; payload: Record<string, unknown>; caused_by_seq: number }[];
    expect(await outbox()).toEqual([{ kind: 'scheduleDeadline', payload: { kind: 'taskDue', dueDate: '2027-07-30' }, caused_by_seq: 1 }]);

    await post('clerk', `/tasks/${created.id}/events`, { type: 'SET_DUE_DATE', dueDate: '2027-08-13' }).expect(200);
    expect((await outbox()).slice(1)).toEqual([
      { kind: 'cancelDeadline', payload: { kind: 'taskDue' }, caused_by_seq: 2 },
      { kind: 'scheduleDeadline', payload: { kind: 'taskDue', dueDate: '2027-08-13' }, caused_by_seq: 2 },
    ]);
    const [row] = await db.query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date, outcome, version FROM task WHERE id = $1`, [created.id]);
    expect(row).toEqual({ due_date: '2027-08-13', outcome: 'open', version: 2 });

    // Refused (not allowed in `open`; not a clerk's to cancel): nothing is written.
    await post('clerk', `/tasks/${created.id}/events`, { type: 'COMPLETE' }).expect(409);
    await post('clerk', `/tasks/${created.id}/events`, { type: 'CANCEL', reason: 'entfällt' }).expect(403);
    expect(await outbox()).toHaveLength(3);
    expect(await history('task', created.id)).toEqual([
      { seq: 1, type: 'CREATE' },
      { seq: 2, type: 'SET_DUE_DATE' },
    ]);

    // Cancelled by the department head: the row is finished and its deadlines are settled.
    await post('fbl', `/tasks/${created.id}/events`, { type: 'CANCEL', reason: 'durch Landesprogramm ersetzt' }).expect(200);
    const [done] = await db.query(`SELECT state, outcome FROM task WHERE id = $1`, [created.id]);
    expect(done).toEqual({ state: 'cancelled', outcome: 'cancelled' });
    expect((await outbox()).at(-1)).toEqual({ kind: 'cancelDeadline', payload: { kind: 'taskDue' }, caused_by_seq: 3 });
    // A paper whose only open task is cancelled may be closed.
    await sendEvent(app, tokens.clerk, paperId, { type: 'CLOSE' }).expect(200);
  });

  it('closing the paper and adding a task at once: never a closed paper with an open task', async () => {
    for (let round = 0; round < 5; round++) {
      const paperId = await adoptedPaper(`Abschluss gegen neue Maßnahme ${round}`);
      const first = (await post('clerk', `/papers/${paperId}/tasks`, { kind: 'generic', title: 'Erste' }).expect(201)).body;
      await post('fbl', `/tasks/${first.id}/events`, { type: 'CANCEL', reason: 'entfällt' }).expect(200);
      const [close, add] = await Promise.all([
        sendEvent(app, tokens.clerk, paperId, { type: 'CLOSE' }),
        post('clerk', `/papers/${paperId}/tasks`, { kind: 'generic', title: 'Nachzügler' }),
      ]);
      // One of the two wins; the other is refused with 409.
      if (close.status === 200) expect(add.status).toBe(409);
      else expect([close.status, add.status]).toEqual([409, 201]);
      const [paper] = await db.query(`SELECT state FROM paper WHERE id = $1`, [paperId]);
      const [{ open }] = await db.query(`SELECT count(*)::int AS open FROM task WHERE paper_id = $1 AND outcome = 'open'`, [paperId]);
      expect({ state: paper.state, open }).toEqual(close.status === 200 ? { state: 'closed', open: 0 } : { state: 'inImplementation', open: 1 });
    }
  });
});
