import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from './embedded-postgres';

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
    await fs.chmod(dataDir, 0o755);
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
