import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createMachine, type StateValue } from 'xstate';
import { testConfig } from '../../test/setup/test-config';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { chainHash, GENESIS_HASH, verifyChain } from './audit/hash-chain';
import type { WorkflowDefinition } from './workflow-definition';
import { WorkflowService } from './workflow.service';
import { Paper } from '../modules/papers/paper.entity';

/**
 * The workflow service on its own, with toy machines on the paper table: a subject
 * keeps the machine version it was created with when a new version ships, and every
 * transition leaves a verifiable audit chain.
 */
describe('WorkflowService (integration)', () => {
  let db: DataSource;
  let workflow: WorkflowService;
  let bodyId: string;

  // Version 1 sends GO to `approved`; version 2, shipped later, to `reviewed` first.
  const v1 = createMachine({ id: 'toy', initial: 'open', states: { open: { on: { GO: 'approved' } }, approved: {} } });
  const v2 = createMachine({
    id: 'toy',
    initial: 'open',
    states: { open: { on: { GO: 'reviewed' } }, reviewed: { on: { GO: 'approved' } }, approved: {} },
  });
  const definition: WorkflowDefinition = {
    subjectType: 'paper',
    table: 'paper',
    currentVersion: 2,
    machines: { 1: v1, 2: v2 },
    stateKey: (value: StateValue) => String(value),
    allowedEvents: (snapshot) => (snapshot.can({ type: 'GO' }) ? ['GO'] : []),
    rolesFor: () => ['clerk'],
    problems: () => [],
    outboxEffects: [],
  };
  const actor = { id: randomUUID(), username: 'clerk', roles: ['clerk' as const] };

  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(testConfig().databaseUrl));
    await db.initialize();
    workflow = new WorkflowService(db);
    [{ id: bodyId }] = await db.query(`INSERT INTO body (name, short_name) VALUES ($1, 'T') RETURNING id`, [`Toy ${randomUUID()}`]);
  });
  afterAll(() => db.destroy());

  async function subject(machineVersion: number): Promise<string> {
    const id = randomUUID();
    await db.query(
      `INSERT INTO paper (id, body_id, paper_type, title, state, snapshot, machine_version, version, created_by)
       VALUES ($1, $2, 'Beschlussvorlage', 'toy', 'open', $3, $4, 1, $5)`,
      [id, bodyId, JSON.stringify({ value: 'open', context: {} }), machineVersion, actor.id],
    );
    const entry = {
      bodyId,
      subjectType: 'paper',
      subjectId: id,
      seq: 1,
      type: 'CREATE',
      actorId: actor.id,
      actorName: 'clerk',
      at: new Date('2026-11-26T09:00:00Z'),
      fromState: null,
      toState: 'open',
      payload: {},
      machineVersion,
    };
    await db.query(
      `INSERT INTO audit_event (body_id, subject_type, subject_id, seq, type, actor_id, actor_name, at, from_state, to_state, payload,
         machine_version, prev_hash, hash) VALUES ($1, 'paper', $2, 1, 'CREATE', $3, 'clerk', $4, NULL, 'open', '{}', $5, $6, $7)`,
      [bodyId, id, actor.id, entry.at, machineVersion, GENESIS_HASH, chainHash(GENESIS_HASH, entry)],
    );
    return id;
  }

  const go = (id: string) =>
    workflow.transition(definition, { subjectId: id, bodyId, actor, event: { type: 'GO', actor, at: new Date().toISOString() } });

  it('runs each subject on the machine version it was created with', async () => {
    const old = await subject(1);
    const current = await subject(2);
    expect((await go(old)).state).toBe('approved');
    expect((await go(current)).state).toBe('reviewed');
    expect((await go(current)).state).toBe('approved');
    const rows = await db.query(`SELECT machine_version, type, to_state FROM audit_event WHERE subject_id = $1 ORDER BY seq`, [old]);
    expect(rows).toEqual([
      { machine_version: 1, type: 'CREATE', to_state: 'open' },
      { machine_version: 1, type: 'GO', to_state: 'approved' },
    ]);
  });

  it('leaves a chain that verifies, and refuses a subject of an unknown machine version', async () => {
    const id = await subject(2);
    await go(id);
    await go(id);
    const entries = await db.query(
      `SELECT body_id AS "bodyId", subject_type AS "subjectType", subject_id AS "subjectId", seq, type, actor_id AS "actorId",
         actor_name AS "actorName", at, from_state AS "fromState", to_state AS "toState", payload, machine_version AS "machineVersion",
         prev_hash AS "prevHash", hash FROM audit_event WHERE subject_id = $1 ORDER BY seq`,
      [id],
    );
    expect(verifyChain(entries)).toEqual({ valid: true, entries: 3 });

    const unknown = await subject(9);
    await expect(go(unknown)).rejects.toMatchObject({ code: 'WORKFLOW.UNKNOWN_MACHINE_VERSION' });
  });

  it('create() is how a subject is born: the row at version 1 in the initial state, CREATE at seq 1 heading a chain that verifies, the outbox rows of the birth', async () => {
    const id = randomUUID();
    const born = await db.transaction((m) =>
      workflow.create(m, definition, {
        id,
        bodyId,
        actor,
        at: new Date('2026-12-08T09:00:00Z'),
        input: {},
        entity: Paper,
        columns: () => ({ paperType: 'Beschlussvorlage', title: 'toy', createdBy: actor.id }),
        payload: { title: 'toy' },
        outbox: [{ kind: 'scheduleDeadline', payload: { kind: 'probe' } }],
      }),
    );
    expect(born).toMatchObject({ id, bodyId, state: 'open', version: 1, machineVersion: 2 });
    const [row] = await db.query(`SELECT state, version, machine_version, snapshot FROM paper WHERE id = $1`, [id]);
    expect(row).toEqual({ state: 'open', version: 1, machine_version: 2, snapshot: { value: 'open', context: {} } });
    const outbox = await db.query(`SELECT kind, payload, caused_by_seq FROM outbox_message WHERE subject_id = $1`, [id]);
    expect(outbox).toEqual([{ kind: 'scheduleDeadline', payload: { kind: 'probe' }, caused_by_seq: 1 }]);
    // The next transition continues the chain from the head create() returned (cached) or read.
    workflow.remember(definition, born);
    expect((await go(id)).state).toBe('reviewed');
    const entries = await db.query(
      `SELECT body_id AS "bodyId", subject_type AS "subjectType", subject_id AS "subjectId", seq, type, actor_id AS "actorId",
         actor_name AS "actorName", at, from_state AS "fromState", to_state AS "toState", payload, machine_version AS "machineVersion",
         prev_hash AS "prevHash", hash FROM audit_event WHERE subject_id = $1 ORDER BY seq`,
      [id],
    );
    expect(entries.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [1, 'CREATE'],
      [2, 'GO'],
    ]);
    expect(verifyChain(entries)).toEqual({ valid: true, entries: 2 });
  });
});
