import type { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { verifyAll } from '../../src/workflow/audit/verify-all';
import { completePaper, type KreisOrganizations } from '../factories/paper.factory';
import { baseEnv, loginHeaders, startAppProcess, type AppProcess } from '../setup/app-process';
import { isolatedDatabase, TEST_REDIS_URL } from '../setup/test-environment';

/** What a client was told before the crash: this paper reached this version by this event. */
interface Ack {
  paperId: string;
  version: number;
  type: string;
  state: string;
}

const SIGNERS = ['fbl', 'kd', 'landrat'] as const;
const CLIENTS = 8;

/**
 * kill -9 under load: eight clients drive papers through SUBMIT and the three
 * signatures (the last one allocates the reference in the transition's own
 * transaction) against the built app; the process is killed with SIGKILL in the
 * middle. After a restart, every transition a client got its 200 for is in the
 * paper's history at the version it was told, every paper created with a 201 is
 * there, and every audit chain in the database verifies.
 */
describe('the service killed under concurrent transitions (e2e)', () => {
  const children: ChildProcess[] = [];
  let drop: () => Promise<void>;
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const isolated = await isolatedDatabase('kill9');
    drop = isolated.drop;
    databaseUrl = isolated.databaseUrl;
    env = {
      ...baseEnv(),
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: isolated.queuePrefix,
      JWT_SECRET: 'transition-crash-test-secret-0123456789-abcdef',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      DATA_DIR: '/tmp/ratsweg-transition-crash',
    };
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await drop?.();
  });

  it('keeps every acknowledged transition, at its version, with intact audit chains', async () => {
    const first: AppProcess = await startAppProcess(env, children);
    const headers: Record<string, Record<string, string>> = { clerk: await loginHeaders(first.url, 'clerk') };
    for (const signer of SIGNERS) headers[signer] = await loginHeaders(first.url, signer);
    const orgList = (await (await fetch(`${first.url}/organizations`, { headers: headers.clerk })).json()) as { id: string; kind: string }[];
    const byKind = (kind: string) => orgList.find((o) => o.kind === kind)!.id;
    const orgs: KreisOrganizations = { committee: byKind('committee'), districtCommittee: byKind('district_committee'), districtCouncil: byKind('district_council') };

    const created: string[] = [];
    const acks: Ack[] = [];
    let stop = false;
    const post = async (path: string, as: string, body: unknown) => {
      const res = await fetch(`${first.url}${path}`, { method: 'POST', headers: headers[as], body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    // Each client: create a paper, then SUBMIT and sign it off, again and again. An answer
    // that never came (the connection died with the process) acknowledges nothing.
    const client = async (n: number) => {
      for (let round = 0; !stop; round++) {
        const paper = await post('/papers', 'clerk', completePaper(orgs, { title: `Absturz ${n}/${round}` }));
        if (paper.status !== 201) throw new Error(`create: ${paper.status} ${JSON.stringify(paper.body)}`);
        const id = paper.body.id as string;
        created.push(id);
        for (const [type, as] of [['SUBMIT', 'clerk'], ...SIGNERS.map((s) => ['SIGN', s])]) {
          if (stop) return;
          const res = await post(`/papers/${id}/events`, as, { type });
          if (res.status !== 200) throw new Error(`${type} by ${as}: ${res.status} ${JSON.stringify(res.body)}`);
          acks.push({ paperId: id, version: res.body.version as number, type, state: res.body.state as string });
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n).catch((error: Error) => error));

    // Kill in the middle of the load: once a good number of transitions has been acknowledged.
    for (const end = Date.now() + 20_000; acks.length < 40 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(acks.length).toBeGreaterThanOrEqual(20);
    await first.kill();
    stop = true;
    const outcomes = await Promise.all(clients);
    // The clients were cut off by the kill ("fetch failed"); a refused or failed answer before it would be a finding.
    expect(outcomes.map((o) => (o as Error | undefined)?.message ?? 'stopped').filter((m) => /^(create|SUBMIT|SIGN)/.test(m))).toEqual([]);
    const acknowledged = [...acks];
    console.log(`${created.length} papers created, ${acknowledged.length} transitions acknowledged before the kill`);

    const second = await startAppProcess(env, children);
    const clerk = await loginHeaders(second.url, 'clerk');
    for (const id of created) {
      const res = await fetch(`${second.url}/papers/${id}`, { headers: clerk });
      expect([id, res.status]).toEqual([id, 200]);
    }
    const histories = new Map<string, { seq: number; type: string; to: string }[]>();
    for (const ack of acknowledged) {
      if (!histories.has(ack.paperId)) {
        histories.set(ack.paperId, (await (await fetch(`${second.url}/papers/${ack.paperId}/history`, { headers: clerk })).json()) as never);
      }
      const entry = histories.get(ack.paperId)!.find((e) => e.seq === ack.version);
      expect({ ...ack, entry: entry && { type: entry.type, to: entry.to.split('.')[0] } }).toEqual({ ...ack, entry: { type: ack.type, to: ack.state } });
    }
    // The released papers got gap-free references, and the app serves on after the restart.
    const released = acknowledged.filter((a) => a.state.startsWith('deliberation'));
    const references = new Set<string>();
    for (const a of released) {
      const paper = (await (await fetch(`${second.url}/papers/${a.paperId}`, { headers: clerk })).json()) as { reference: string };
      references.add(paper.reference);
    }
    expect(references.size).toBe(released.length);
    const db = new DataSource(dataSourceOptions(databaseUrl));
    await db.initialize();
    try {
      const report = await verifyAll(db.manager);
      expect(report.broken).toEqual([]);
      expect(report.entries).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await db.destroy();
    }
    await second.kill();
  }, 120_000);
});
