import * as argon2 from 'argon2';

/** argon2id with the library's defaults (OWASP-level memory cost). */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  argon2.verify(hash, password).catch(() => false);

/**
 * A real hash of a random password: verifying against it when a user does not
 * exist takes as long as for one that does, so timing does not reveal usernames.
 */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword(`dummy-${Math.random()}`));
