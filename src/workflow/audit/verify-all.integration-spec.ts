import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testConfig } from '../../../test/setup/test-config';
import { dataSourceOptions } from '../../infrastructure/database/data-source-options';
import { chainHash, GENESIS_HASH, type ChainedFields } from './hash-chain';
import { verifyAll } from './verify-all';

describe('verifyAll (integration)', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = new DataSource(dataSourceOptions(testConfig().databaseUrl));
    await db.initialize();
  });
  afterAll(() => db.destroy());

  it('names the first broken link of a tampered chain and passes the others', async () => {
    const [{ id: bodyId }] = await db.query(`INSERT INTO body (name, short_name) VALUES ($1, 'V') RETURNING id`, [`Verify ${randomUUID()}`]);
    const subjectType = `verify-${randomUUID()}`;
    const insertChain = async (subjectId: string, tamperSeq?: number) => {
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const entry: ChainedFields = {
          bodyId,
          subjectType,
          subjectId,
          seq,
          type: 'E',
          actorId: null,
          actorName: 'x',
          at: new Date(Date.UTC(2026, 10, 26, 10, seq)),
          fromState: null,
          toState: 's',
          payload: { seq },
          machineVersion: 1,
        };
        const hash = chainHash(prev, entry);
        // Written as an attacker with table access would: content changed after hashing.
        const payload = seq === tamperSeq ? { seq, forged: true } : entry.payload;
        await db.query(
          `INSERT INTO audit_event (body_id, subject_type, subject_id, seq, type, actor_name, at, to_state, payload, machine_version, prev_hash, hash)
           VALUES ($1, $2, $3, $4, 'E', 'x', $5, 's', $6, 1, $7, $8)`,
          [bodyId, subjectType, subjectId, seq, entry.at, JSON.stringify(payload), prev, hash],
        );
        prev = hash;
      }
    };
    const good = randomUUID();
    const bad = randomUUID();
    await insertChain(good);
    await insertChain(bad, 2);

    const report = await verifyAll(db.manager, 1);
    const mine = report.broken.filter((b) => b.subjectType === subjectType);
    expect(mine).toEqual([{ subjectType, subjectId: bad, seq: 2, reason: 'content does not match its hash' }]);
    expect(report.subjects).toBeGreaterThanOrEqual(2);
    expect(report.entries).toBeGreaterThanOrEqual(6);
  });
});
