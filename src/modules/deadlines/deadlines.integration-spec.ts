import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { completePaper, createPaper, kreisOrganizations, sendEvent, type KreisOrganizations } from '../../../test/factories/paper.factory';
import { createTestApp, tokenFor } from '../../../test/setup/test-app';
import { TestClock } from '../../../test/setup/test-clock';
import { isolatedDatabase } from '../../../test/setup/test-environment';
import type { OutboxJob } from '../../workflow/outbox/outbox-handlers';
import { OutboxRelay } from '../../workflow/outbox/outbox-relay.service';
import { PROBE_KIND } from './deadline-row';
import { deterministicUuid } from './deadline-scheduler';
import { DeadlinesService } from './deadlines.service';

/**
 * The durable deadlines against the real PostgreSQL and Redis, through the whole app with
 * no workers (no relay, no deadline worker, no reconciler timer): the test hands each
 * outbox row to the scheduler and fires each deadline itself, in the orders a real
 * deployment may take them. The subjects are real papers moved through the HTTP API; the
 * outbox rows are the ones their transitions wrote, loaded as the outbox processor loads them.
 */
describe('Deadlines (integration, Redis)', () => {
  let app: INestApplication;
  let db: DataSource;
  let deadlines: DeadlinesService;
  let relay: OutboxRelay;
  let queue: Queue;
  let orgs: KreisOrganizations;
  let bodyId: string;
  let drop: () => Promise<void>;
  const tokens: Record<string, string> = {};
  // Monday 6 September 2027, 09:00 in Recklinghausen: no public holiday in the weeks used here.
  const START = '2027-09-06T09:00:00+02:00';
  const clock = new TestClock(START);

  beforeAll(async () => {
    const isolated = await isolatedDatabase('deadlines');
    drop = isolated.drop;
    app = await createTestApp('redis', { runWorkers: false, databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix }, { clock });
    db = app.get(DataSource);
    deadlines = app.get(DeadlinesService);
    relay = app.get(OutboxRelay);
    queue = deadlines.queue;
    for (const user of ['clerk', 'fbl', 'kd', 'landrat']) tokens[user] = await tokenFor(app, user);
    orgs = await kreisOrganizations(app, tokens.clerk);
    [{ id: bodyId }] = await db.query(`SELECT id FROM body WHERE name = 'Kreis Recklinghausen'`);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    clock.set(START);
  });

  type Row = { id: string; kind: string; status: string; due_at: Date; outcome: string | null; fired_at: Date | null; caused_by_seq: number; payload: Record<string, unknown> };
  const deadlinesOf = (subjectId: string): Promise<Row[]> =>
    db.query(`SELECT id, kind, status, due_at, outcome, fired_at, caused_by_seq, payload FROM deadline WHERE subject_id = $1 ORDER BY caused_by_seq, due_at`, [subjectId]);

  /** The outbox row of `kind` the subject's transition `seq` wrote, as its handler receives it. */
  async function outboxJob(subjectId: string, kind: 'scheduleDeadline' | 'cancelDeadline', seq: number): Promise<OutboxJob> {
    const rows: { id: string }[] = await db.query(`SELECT id FROM outbox_message WHERE subject_id = $1 AND kind = $2 AND caused_by_seq = $3`, [subjectId, kind, seq]);
    expect(rows).toHaveLength(1);
    return relay.load(rows[0].id);
  }

  /** The notify rows written for the subject about these notification kinds. */
  async function notices(subjectId: string, kinds: string[]): Promise<{ payload: Record<string, unknown>; caused_by_seq: number }[]> {
    return db.query(`SELECT payload, caused_by_seq FROM outbox_message WHERE subject_id = $1 AND kind = 'notify' AND payload->>'kind' = ANY($2) ORDER BY created_at`, [
      subjectId,
      kinds,
    ]);
  }

  const delayedJobs = async (ids: string[]): Promise<Job[]> => (await queue.getDelayed(0, -1)).filter((j) => ids.includes(j.id!));

  /** A paper submitted by the clerk (seq 2: the department head's sign-off starts waiting). */
  async function submittedPaper(title: string): Promise<string> {
    const { id } = await createPaper(app, tokens.clerk, completePaper(orgs, { title }));
    await sendEvent(app, tokens.clerk, id, { type: 'SUBMIT' }).expect(200);
    return id;
  }

  /** Deadline rows written straight into the table (a probe, or a kind nobody registered). */
  async function insertDeadlines(kind: string, count: number, dueAt: Date): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO deadline (id, body_id, subject_type, subject_id, kind, "group", caused_by_seq, due_at)
       SELECT gen_random_uuid(), $1, 'probe', gen_random_uuid(), $2, $2, 1, $3 FROM generate_series(1, $4) RETURNING id`,
      [bodyId, kind, dueAt.toISOString(), count],
    );
    return rows.map((r) => r.id);
  }

  describe('scheduling', () => {
    it('is idempotent per outbox id: the same row handled twice, or twice at once, makes the same deadlines and one delayed job each', async () => {
      const paperId = await submittedPaper('Deadlines: Planung einmal');
      const job = await outboxJob(paperId, 'scheduleDeadline', 2);
      expect(job.payload).toEqual({ kind: 'signOffWaiting', role: 'department_head' });

      // Relayed late: the deadlines count from the transition's time, not from the handling.
      clock.set('2027-09-07T15:00:00+02:00');
      await deadlines.schedule(job);
      await deadlines.schedule(job);
      await Promise.all([deadlines.schedule(job), deadlines.schedule(job)]);

      const rows = await deadlinesOf(paperId);
      expect(rows.map((r) => [r.id, r.kind, r.status, new Date(r.due_at).toISOString(), r.caused_by_seq])).toEqual([
        [deterministicUuid(`${job.id}:signOffReminder`), 'signOffReminder', 'pending', '2027-09-08T07:00:00.000Z', 2],
        [deterministicUuid(`${job.id}:signOffEscalation`), 'signOffEscalation', 'pending', '2027-09-13T07:00:00.000Z', 2],
      ]);
      const jobs = await delayedJobs(rows.map((r) => r.id));
      expect(jobs.map((j) => j.id).sort()).toEqual(rows.map((r) => r.id).sort());
      // Each job comes due when its row does, on the business clock.
      for (const r of rows) {
        const j = jobs.find((x) => x.id === r.id)!;
        expect(j.delay).toBe(new Date(r.due_at).getTime() - clock.now().getTime());
        expect(j.data).toEqual({ deadlineId: r.id });
      }
    });

    it('refuses a group nobody plans, creating nothing', async () => {
      const subjectId = randomUUID();
      const job: OutboxJob = {
        id: randomUUID(),
        bodyId,
        subjectType: 'paper',
        subjectId,
        kind: 'scheduleDeadline',
        payload: { kind: 'noSuchGroup' },
        causedBySeq: 1,
        createdAt: clock.now().toISOString(),
      };
      await expect(deadlines.schedule(job)).rejects.toThrow('unknown deadline group noSuchGroup');
      expect(await deadlinesOf(subjectId)).toEqual([]);
    });
  });

  describe('a later cancelDeadline voids an earlier scheduling, whatever order the rows are handled in', () => {
    it('scheduled first, cancelled after: the earlier deadlines are cancelled and their jobs removed; the same transition’s new scheduling stays', async () => {
      // As the relay usually runs: the submission's row is handled before the department head signs.
      const paperId = await submittedPaper('Deadlines: erst planen');
      await deadlines.schedule(await outboxJob(paperId, 'scheduleDeadline', 2));
      await sendEvent(app, tokens.fbl, paperId, { type: 'SIGN' }).expect(200);
      const settle = await outboxJob(paperId, 'cancelDeadline', 3);
      await deadlines.schedule(await outboxJob(paperId, 'scheduleDeadline', 3));
      const earlier = (await deadlinesOf(paperId)).filter((r) => r.caused_by_seq === 2).map((r) => r.id);
      expect(await delayedJobs(earlier)).toHaveLength(2);

      await deadlines.cancel(settle);
      const rows = await deadlinesOf(paperId);
      expect(rows.map((r) => [r.kind, r.payload.role, r.status, r.outcome])).toEqual([
        ['signOffReminder', 'department_head', 'cancelled', 'cancelled by seq 3'],
        ['signOffEscalation', 'department_head', 'cancelled', 'cancelled by seq 3'],
        ['signOffReminder', 'district_director', 'pending', null],
        ['signOffEscalation', 'district_director', 'pending', null],
      ]);
      expect(await delayedJobs(earlier)).toEqual([]);
      expect(await delayedJobs(rows.filter((r) => r.caused_by_seq === 3).map((r) => r.id))).toHaveLength(2);
    });

    it('cancelled first, scheduled after: the earlier scheduling creates nothing, and no job', async () => {
      const paperId = await submittedPaper('Deadlines: erst absagen');
      await sendEvent(app, tokens.fbl, paperId, { type: 'SIGN' }).expect(200);
      const first = await outboxJob(paperId, 'scheduleDeadline', 2);
      const settle = await outboxJob(paperId, 'cancelDeadline', 3);
      const next = await outboxJob(paperId, 'scheduleDeadline', 3);
      // The cancellation finds nothing to cancel yet; it is in the outbox from the moment the signature committed.
      await deadlines.cancel(settle);
      await deadlines.schedule(next);
      await deadlines.schedule(first);
      const rows = await deadlinesOf(paperId);
      expect(rows.map((r) => [r.kind, r.payload.role, r.status])).toEqual([
        ['signOffReminder', 'district_director', 'pending'],
        ['signOffEscalation', 'district_director', 'pending'],
      ]);
      const voided = ['signOffReminder', 'signOffEscalation'].map((kind) => deterministicUuid(`${first.id}:${kind}`));
      expect(await queue.getJob(voided[0])).toBeUndefined();
      expect(await queue.getJob(voided[1])).toBeUndefined();
    });

    it('fired before the cancellation is handled: recorded obsolete on the quick path, nothing sent', async () => {
      const paperId = await submittedPaper('Deadlines: erst feuern');
      const first = await outboxJob(paperId, 'scheduleDeadline', 2);
      await deadlines.schedule(first);
      // The department head signs; the cancellation sits in the outbox, not yet handled.
      await sendEvent(app, tokens.fbl, paperId, { type: 'SIGN' }).expect(200);
      const [reminder] = await deadlinesOf(paperId);
      const transaction = jest.spyOn(db, 'transaction');
      clock.set('2027-09-08T09:00:00+02:00');

      expect(await deadlines.fire(reminder.id)).toBe('obsolete: cancelled by a later transition');
      expect(transaction).not.toHaveBeenCalled();
      await deadlines.cancel(await outboxJob(paperId, 'cancelDeadline', 3));
      expect((await deadlinesOf(paperId)).map((r) => [r.kind, r.status, r.outcome])).toEqual([
        ['signOffReminder', 'fired', 'obsolete: cancelled by a later transition'],
        ['signOffEscalation', 'cancelled', 'cancelled by seq 3'],
      ]);
      expect(await notices(paperId, ['signOffWaiting', 'signOffEscalation'])).toEqual([]);
    });
  });

  describe('firing', () => {
    it('fires once: the second fire does nothing, two at once act once, and each writes exactly one notify row', async () => {
      const paperId = await submittedPaper('Deadlines: einmal feuern');
      await deadlines.schedule(await outboxJob(paperId, 'scheduleDeadline', 2));
      const [reminder, escalation] = await deadlinesOf(paperId);
      clock.set('2027-09-13T09:00:00+02:00');

      expect(await deadlines.fire(reminder.id)).toBe('notified');
      expect(await deadlines.fire(reminder.id)).toBeNull();
      expect((await Promise.all([deadlines.fire(escalation.id), deadlines.fire(escalation.id)])).sort()).toEqual(['notified', null]);

      const rows = await deadlinesOf(paperId);
      expect(rows.map((r) => [r.kind, r.status, r.outcome])).toEqual([
        ['signOffReminder', 'fired', 'notified'],
        ['signOffEscalation', 'fired', 'notified'],
      ]);
      expect(rows.every((r) => r.fired_at !== null)).toBe(true);
      // The notices belong to the transition that scheduled them; the escalation goes to the superior.
      expect(await notices(paperId, ['signOffWaiting', 'signOffEscalation'])).toEqual([
        { caused_by_seq: 2, payload: { kind: 'signOffWaiting', to: { role: 'department_head' }, role: 'department_head', since: expect.any(String), workingDays: 2 } },
        { caused_by_seq: 2, payload: { kind: 'signOffEscalation', to: { role: 'district_director' }, role: 'department_head', since: expect.any(String), workingDays: 5 } },
      ]);
    });

    it('a reminder whose paper moved on (released) is recorded obsolete and sends nothing', async () => {
      const paperId = await submittedPaper('Deadlines: überholt');
      for (const signer of ['fbl', 'kd', 'landrat']) await sendEvent(app, tokens[signer], paperId, { type: 'SIGN' }).expect(200);
      const [{ seq }] = await db.query(`SELECT max(seq)::int AS seq FROM audit_event WHERE subject_type = 'paper' AND subject_id = $1`, [paperId]);
      // A scheduling no later transition cancelled (as if a transition forgot to): the paper's module is asked when it fires.
      await deadlines.schedule({
        id: randomUUID(),
        bodyId,
        subjectType: 'paper',
        subjectId: paperId,
        kind: 'scheduleDeadline',
        payload: { kind: 'signOffWaiting', role: 'district_administrator' },
        causedBySeq: seq,
        createdAt: clock.now().toISOString(),
      });
      const [reminder, escalation] = await deadlinesOf(paperId);
      expect([reminder.status, escalation.status]).toEqual(['pending', 'pending']);

      expect(await deadlines.fire(reminder.id)).toBe('obsolete: paper is deliberation.awaitingAgenda');
      expect(await deadlines.fire(escalation.id)).toBe('obsolete: paper is deliberation.awaitingAgenda');
      expect((await deadlinesOf(paperId)).map((r) => [r.status, r.outcome])).toEqual([
        ['fired', 'obsolete: paper is deliberation.awaitingAgenda'],
        ['fired', 'obsolete: paper is deliberation.awaitingAgenda'],
      ]);
      expect(await notices(paperId, ['signOffWaiting', 'signOffEscalation'])).toEqual([]);
    });

    it('a probe takes the grouped quick path: 50 at once fire without a transaction, each once', async () => {
      const ids = await insertDeadlines(PROBE_KIND, 50, new Date(clock.now().getTime() + 3_600_000));
      const transaction = jest.spyOn(db, 'transaction');
      expect(await Promise.all(ids.map((id) => deadlines.fire(id)))).toEqual(ids.map(() => 'probe'));
      expect(transaction).not.toHaveBeenCalled();
      const [{ fired }] = await db.query(
        `SELECT count(*)::int AS fired FROM deadline WHERE id = ANY($1::uuid[]) AND status = 'fired' AND outcome = 'probe' AND fired_at IS NOT NULL`,
        [ids],
      );
      expect(fired).toBe(50);
      expect(await Promise.all(ids.map((id) => deadlines.fire(id)))).toEqual(ids.map(() => null));
    });

    it('a kind nobody registered fails, naming it, and the row stays pending', async () => {
      const [id] = await insertDeadlines('noSuchReminder', 1, clock.now());
      await expect(deadlines.fire(id)).rejects.toThrow('unknown deadline kind noSuchReminder');
      const [row] = await db.query(`SELECT status, outcome, fired_at FROM deadline WHERE id = $1`, [id]);
      expect(row).toEqual({ status: 'pending', outcome: null, fired_at: null });
      // Still there for the next attempt (after a fix is deployed): it fails the same way, nothing half-done.
      await expect(deadlines.fire(id)).rejects.toThrow('unknown deadline kind noSuchReminder');
      await db.query(`UPDATE deadline SET status = 'cancelled' WHERE id = $1`, [id]);
    });
  });

  describe('reconciling the queue with the table', () => {
    it('re-adds a lost job, promotes only a job stuck past its due time, and removes a job whose row is no longer pending', async () => {
      // Start from a settled queue: nothing else of this suite pending.
      await db.query(`UPDATE deadline SET status = 'cancelled' WHERE status = 'pending'`);
      await deadlines.reconcile();
      expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 0, removed: 0 });

      const paperId = await submittedPaper('Deadlines: Abgleich');
      await deadlines.schedule(await outboxJob(paperId, 'scheduleDeadline', 2));
      const [reminder, escalation] = await deadlinesOf(paperId);
      expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 0, removed: 0 });

      // Redis lost the reminder's job: the next pass adds it again, due when its row is.
      await queue.remove(reminder.id);
      expect(await queue.getJob(reminder.id)).toBeUndefined();
      expect(await deadlines.reconcile()).toEqual({ added: 1, promoted: 0, removed: 0 });
      const restored = await queue.getJob(reminder.id);
      expect(await restored!.getState()).toBe('delayed');
      expect(restored!.delay).toBe(new Date(reminder.due_at).getTime() - clock.now().getTime());

      // 30 s past due is a busy worker, not a stuck job: left alone.
      clock.set(new Date(new Date(reminder.due_at).getTime() + 30_000));
      expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 0, removed: 0 });
      expect(await (await queue.getJob(reminder.id))!.getState()).toBe('delayed');

      // 90 s past due and still delayed: BullMQ did not promote it, the reconciler does (the escalation is not due).
      clock.set(new Date(new Date(reminder.due_at).getTime() + 90_000));
      expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 1, removed: 0 });
      expect(await (await queue.getJob(reminder.id))!.getState()).toBe('waiting');
      expect(await (await queue.getJob(escalation.id))!.getState()).toBe('delayed');
      expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 0, removed: 0 });

      // The escalation's row fired by another path: its delayed job is stale and goes.
      expect(await deadlines.fire(escalation.id)).toBe('notified');
      expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 0, removed: 1 });
      expect(await queue.getJob(escalation.id)).toBeUndefined();
      expect(await deadlines.reconcile()).toEqual({ added: 0, promoted: 0, removed: 0 });
    });
  });
});
