import { execFile, type ExecFileOptions } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Which account the embedded PostgreSQL's processes run as. PostgreSQL refuses to
 * run as root, so as root (containers, CI, a root shell in a 0700 home) it needs
 * another identity:
 *
 * - `userNamespace` (preferred): the binaries run inside a new Linux user namespace
 *   (`unshare --user --map-user`) where they are an ordinary user, while the kernel
 *   still sees root. They reach every folder root can reach, so the cluster stays
 *   under DATA_DIR, owned by root, whatever the modes of the folders above it; no
 *   system user is created and no permission is widened.
 * - `systemUser`: where user namespaces are not available (a container without
 *   CAP_SYS_ADMIN, util-linux before 2.38), the system user `postgres` (created if
 *   missing). It must be able to enter the binaries' and the data's folders.
 * - `self`: not root: the binaries run as the caller.
 */
export type PostgresAccount =
  | { kind: 'self' }
  | { kind: 'userNamespace'; uid: number; gid: number }
  | { kind: 'systemUser'; uid: number; gid: number };

/** A clear one-line reason why the embedded database cannot start here. */
export class EmbeddedPostgresError extends Error {}

/** Runs a PostgreSQL binary as the account; resolves with its output. */
export function runAs(account: PostgresAccount, file: string, args: string[], options: ExecFileOptions = {}) {
  switch (account.kind) {
    case 'self':
      return run(file, args, options);
    case 'systemUser':
      return run(file, args, { ...options, uid: account.uid, gid: account.gid });
    case 'userNamespace':
      return run(
        'unshare',
        ['--user', `--map-user=${account.uid}`, `--map-group=${account.gid}`, '--', file, ...args],
        options,
      );
  }
}

/** The owner the cluster folder must have for the account (undefined: whoever creates it). */
export function clusterOwner(account: PostgresAccount): { uid: number; gid: number } | undefined {
  return account.kind === 'systemUser' ? { uid: account.uid, gid: account.gid } : undefined;
}

export function describeAccount(account: PostgresAccount): string {
  switch (account.kind) {
    case 'self':
      return 'as the current user';
    case 'userNamespace':
      return 'in a user namespace (root outside, an ordinary user inside)';
    case 'systemUser':
      return 'as the system user "postgres"';
  }
}

/**
 * Chooses the account. An existing cluster keeps the account it was made with
 * (its folder's owner tells: root for a user namespace, else that user); a new one
 * takes a user namespace where the kernel allows it.
 */
export async function chooseAccount(clusterDir: string, probeBinary: string): Promise<PostgresAccount> {
  if (process.getuid?.() !== 0) return { kind: 'self' };
  const mapped = await unprivilegedIdentity();
  const existingOwner = await fs.stat(clusterDir).then(
    (s) => (s.isDirectory() ? { uid: s.uid, gid: s.gid } : undefined),
    () => undefined,
  );
  const initialised = await fs.access(`${clusterDir}/PG_VERSION`).then(
    () => true,
    () => false,
  );
  if (initialised && existingOwner && existingOwner.uid !== 0) {
    return { kind: 'systemUser', ...existingOwner };
  }
  const namespaceProblem = await probeUserNamespace(mapped, probeBinary);
  if (!namespaceProblem) return { kind: 'userNamespace', ...mapped };
  if (initialised) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL cluster in ${clusterDir} belongs to root and runs in a user namespace, ` +
        `which is not available now (${namespaceProblem})`,
    );
  }
  return systemUser(namespaceProblem);
}

/**
 * The identity the server has inside the namespace. It must exist in /etc/passwd
 * (initdb and the server look their own user name up); `postgres` where it exists,
 * else `nobody`.
 */
async function unprivilegedIdentity(): Promise<{ uid: number; gid: number }> {
  for (const name of ['postgres', 'nobody']) {
    const ids = await lookupUser(name);
    if (ids && ids.uid !== 0) return ids;
  }
  return { uid: 65534, gid: 65534 };
}

/** undefined when the binary runs in a user namespace here; otherwise why not. */
async function probeUserNamespace(ids: { uid: number; gid: number }, binary: string): Promise<string | undefined> {
  try {
    await runAs({ kind: 'userNamespace', ...ids }, binary, ['--version'], { timeout: 10_000 });
    return undefined;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
    return stderr || (error as Error).message.split('\n')[0];
  }
}

async function systemUser(namespaceProblem: string): Promise<PostgresAccount> {
  let ids = await lookupUser('postgres');
  if (!ids) {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', 'postgres']).catch(() => undefined);
    ids = await lookupUser('postgres');
  }
  if (!ids) {
    throw new EmbeddedPostgresError(
      'the embedded PostgreSQL cannot run as root: user namespaces are not available ' +
        `(${namespaceProblem}) and no system user "postgres" exists or can be created; ` +
        'create one (useradd --system postgres), or set DATABASE_URL',
    );
  }
  return { kind: 'systemUser', ...ids };
}

/**
 * Fails with one line when the system user cannot enter a folder the server needs:
 * the folder is not opened up behind the user's back.
 */
export async function assertReachable(account: PostgresAccount, folders: string[]): Promise<void> {
  if (account.kind !== 'systemUser') return;
  for (const folder of folders) {
    try {
      await run('test', ['-x', folder], { uid: account.uid, gid: account.gid });
    } catch {
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL runs as the system user "postgres" here (user namespaces are not available), ` +
          `and that user cannot enter ${folder}; start from a folder other users may enter, or set DATABASE_URL`,
      );
    }
  }
}

async function lookupUser(name: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim());
    const gid = Number((await run('id', ['-g', name])).stdout.trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}
