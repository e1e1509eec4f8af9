import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/**
 * argon2id (RFC 9106) as PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`),
 * with OWASP's recommended cost (19 MiB, 2 passes, 1 lane).
 *
 * hash-wasm runs the reference implementation as WebAssembly: no native addon and
 * no install script. (The `argon2` package's prebuilt linux binary crashed with a
 * segmentation fault on our Node 20 machines, and building it needs a toolchain.)
 */
const COST = { parallelism: 1, iterations: 2, memorySize: 19 * 1024, hashLength: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2id({ ...COST, password, salt: randomBytes(16), outputType: 'encoded' });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2Verify({ password, hash }).catch(() => false);
}

/**
 * A real hash of a random password: verifying against it when a user does not
 * exist takes as long as for one that does, so timing does not reveal usernames.
 */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> =>
  (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));
