/** Socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * SQLSTATEs of a server that is going away or not taking sessions: class 08
 * (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now, 53300 too_many_connections. Errors about a statement itself
 * (constraint, syntax, data) are not in it: retrying those cannot help.
 */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** What `pg` and its pool say, without a code, when the server is gone. */
const PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Connection terminated due to connection timeout$/,
];

/**
 * What TypeORM throws when a transaction's connection died under it and the pool
 * already took it back (seen at `commitTransaction` while PostgreSQL stopped under
 * load). Logged like every 5xx, so a bug of ours that uses a released runner still
 * shows in the log.
 */
const TYPEORM_RELEASED = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * Whether an error means the database cannot be reached right now (down, restarting,
 * out of connections), as opposed to a fault of the request or of our code. Looks
 * through TypeORM's `driverError`, `cause` chains and AggregateError (a refused
 * connection to every address of `localhost`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!(current instanceof Error) || seen.has(current)) continue;
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code)))) return true;
    if (PG_MESSAGES.some((pattern) => pattern.test(current.message))) return true;
    if (TYPEORM_RELEASED.has(current.name)) return true;
    pending.push((current as { driverError?: unknown }).driverError, current.cause);
    if (current instanceof AggregateError) pending.push(...(current.errors as unknown[]));
  }
  return false;
}
