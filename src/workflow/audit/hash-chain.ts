import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal data always hashes alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields of an audit entry that the hash covers: everything but the hashes and the row id. */
export interface ChainedFields {
  bodyId: string;
  subjectType: string;
  subjectId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string;
  at: Date;
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
  machineVersion: number;
}

export function chainHash(prevHash: string, fields: ChainedFields): string {
  const covered = {
    bodyId: fields.bodyId,
    subjectType: fields.subjectType,
    subjectId: fields.subjectId,
    seq: fields.seq,
    type: fields.type,
    actorId: fields.actorId,
    actorName: fields.actorName,
    at: fields.at.toISOString(),
    fromState: fields.fromState,
    toState: fields.toState,
    payload: fields.payload,
    machineVersion: fields.machineVersion,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(covered)).digest('hex');
}

export interface ChainVerdict {
  valid: boolean;
  entries: number;
  /** The first entry that does not fit the chain, and why. */
  firstBroken?: { seq: number; reason: string };
}

/** Walks a subject's entries in order and names the first broken link. */
export function verifyChain(entries: (ChainedFields & { prevHash: string; hash: string })[]): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.seq !== i + 1) return broken(entries.length, entry.seq, `expected seq ${i + 1}: an entry is missing`);
    if (entry.prevHash !== prev) return broken(entries.length, entry.seq, 'prevHash does not match the previous entry');
    if (chainHash(prev, entry) !== entry.hash) return broken(entries.length, entry.seq, 'content does not match its hash');
    prev = entry.hash;
  }
  return { valid: true, entries: entries.length };
}

function broken(entries: number, seq: number, reason: string): ChainVerdict {
  return { valid: false, entries, firstBroken: { seq, reason } };
}
