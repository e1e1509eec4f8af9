import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testConfig } from '../../test/setup/test-config';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { chainHash, ChainedFields, GENESIS_HASH } from './audit/hash-chain';
import { PAPER_WORKFLOW } from '../modules/papers/paper-workflow.definition';
import { PlannedWrite, TransitionWriter } from './transition-writer';

/**
 * The group-commit writer against the real PostgreSQL: writes that queue up are
 * committed together, yet each stays all-or-nothing on its own.
 */
describe('TransitionWriter (integration)', () => {
  let db: DataSource;
  let writer: TransitionWriter;
  let bodyId: string;

  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(testConfig().databaseUrl));
    await db.initialize();
    writer = new TransitionWriter(db);
    [{ id: bodyId }] = await db.query(`INSERT INTO body (name, short_name) VALUES ($1, 'W') RETURNING id`, [`Writer ${randomUUID()}`]);
  });
  afterAll(() => db.destroy());

  /** A paper at version 1 with its CREATE entry, as PapersService leaves it. */
  async function paper(): Promise<{ id: string; head: string }> {
    const id = randomUUID();
    const snapshot = { value: 'draft', context: { paperType: 'Beschlussvorlage', consultations: [], decisionTexts: [] } };
    await db.query(
      `INSERT INTO paper (id, body_id, paper_type, title, state, snapshot, machine_version, version, created_by)
       VALUES ($1, $2, 'Beschlussvorlage', 'W', 'draft', $3, 1, 1, $4)`,
      [id, bodyId, JSON.stringify(snapshot), randomUUID()],
    );
    const entry = fields(id, 1, 'CREATE');
    const hash = chainHash(GENESIS_HASH, entry);
    await db.query(
      `INSERT INTO audit_event (body_id, subject_type, subject_id, seq, type, actor_name, at, to_state, payload, machine_version, prev_hash, hash)
       VALUES ($1, 'paper', $2, 1, 'CREATE', 'test', $3, 'draft', '{}', 1, $4, $5)`,
      [bodyId, id, entry.at, GENESIS_HASH, hash],
    );
    return { id, head: hash };
  }

  function fields(id: string, seq: number, type: string): ChainedFields {
    return {
      bodyId,
      subjectType: 'paper',
      subjectId: id,
      seq,
      type,
      actorId: null,
      actorName: 'test',
      at: new Date('2026-11-26T10:00:00Z'),
      fromState: seq === 1 ? null : 'draft',
      toState: 'draft',
      payload: {},
      machineVersion: 1,
    };
  }

  function write(id: string, head: string, expectedVersion = 1, seq = expectedVersion + 1): PlannedWrite {
    const entry = fields(id, seq, 'EDIT');
    return {
      definition: PAPER_WORKFLOW,
      subjectId: id,
      expectedVersion,
      snapshot: { value: 'draft', context: { paperType: 'Beschlussvorlage', consultations: [], decisionTexts: [], n: seq } },
      entry: { ...entry, prevHash: head, hash: chainHash(head, entry) },
      outbox: [{ kind: 'notify', payload: { kind: 'test' } }],
      set: { decision_proposal: `text ${seq}` },
      rows: {},
    };
  }

  const versionOf = async (id: string) => (await db.query(`SELECT version FROM paper WHERE id = $1`, [id]))[0].version as number;
  const entries = async (id: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM audit_event WHERE subject_id = $1`, [id]))[0].n);
  const outbox = async (id: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM outbox_message WHERE subject_id = $1`, [id]))[0].n);

  it('commits many concurrent writes, each with its audit entry, outbox row and columns', async () => {
    const papers = await Promise.all(Array.from({ length: 12 }, () => paper()));
    const results = await Promise.all(papers.map((p) => writer.submit(write(p.id, p.head))));
    expect(results.every((r) => r !== undefined)).toBe(true);
    for (const p of papers) {
      expect(await versionOf(p.id)).toBe(2);
      expect(await entries(p.id)).toBe(2);
      expect(await outbox(p.id)).toBe(1);
    }
    const [row] = await db.query(`SELECT decision_proposal FROM paper WHERE id = $1`, [papers[0].id]);
    expect(row.decision_proposal).toBe('text 2');
  });

  it('lets exactly one of two writes from the same version win', async () => {
    const p = await paper();
    const [a, b] = await Promise.all([writer.submit(write(p.id, p.head)), writer.submit(write(p.id, p.head))]);
    expect([a, b].filter((r) => r !== undefined)).toHaveLength(1);
    expect(await versionOf(p.id)).toBe(2);
    expect(await entries(p.id)).toBe(2);
    expect(await outbox(p.id)).toBe(1);
  });

  it('writes nothing for a stale version', async () => {
    const p = await paper();
    expect(await writer.submit(write(p.id, p.head, 7))).toBeUndefined();
    expect(await versionOf(p.id)).toBe(1);
    expect(await entries(p.id)).toBe(1);
    expect(await outbox(p.id)).toBe(0);
  });

  it('does not let one failing write take down the others of its group', async () => {
    const good = await Promise.all(Array.from({ length: 5 }, () => paper()));
    const bad = await paper();
    // The bad write swaps its version but repeats audit seq 1: the unique index refuses it.
    const results = await Promise.all([
      ...good.map((p) => writer.submit(write(p.id, p.head))),
      writer.submit(write(bad.id, bad.head, 1, 1)),
    ]);
    expect(results.slice(0, 5).every((r) => r !== undefined)).toBe(true);
    expect(results[5]).toBeUndefined();
    for (const p of good) expect(await versionOf(p.id)).toBe(2);
    expect(await versionOf(bad.id)).toBe(1);
    expect(await outbox(bad.id)).toBe(0);
  });

  it('rolls a transaction write back when its swap misses, undoing what ran before it', async () => {
    const p = await paper();
    const result = await writer.writeInTransaction(p.id, async (manager) => {
      await manager.query(`UPDATE paper SET title = 'changed in the transaction' WHERE id = $1`, [p.id]);
      return write(p.id, p.head, 5);
    });
    expect(result).toBeUndefined();
    const [row] = await db.query(`SELECT title, version FROM paper WHERE id = $1`, [p.id]);
    expect(row).toEqual({ title: 'W', version: 1 });
  });

  it('groups concurrent transaction writes: each effect runs in order in one transaction, all commit', async () => {
    const papers = await Promise.all(Array.from({ length: 6 }, () => paper()));
    const year = 5000 + Math.floor(Math.random() * 1000);
    const numbers: number[] = [];
    const results = await Promise.all(
      papers.map((p) =>
        writer.writeInTransaction(p.id, async (manager) => {
          const [row] = await manager.query(
            `INSERT INTO reference_counter (body_id, year, last_number) VALUES ($1, $2, 1)
             ON CONFLICT (body_id, year) DO UPDATE SET last_number = reference_counter.last_number + 1 RETURNING last_number`,
            [bodyId, year],
          );
          numbers.push(row.last_number);
          return { ...write(p.id, p.head), set: { reference: `${year}/${row.last_number}` } };
        }),
      ),
    );
    expect(results.every((r) => r !== undefined)).toBe(true);
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const refs = await db.query(`SELECT reference FROM paper WHERE id = ANY($1::uuid[]) ORDER BY reference`, [papers.map((p) => p.id)]);
    expect(refs.map((r: { reference: string }) => r.reference)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${year}/${n}`));
  });
});
