import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  it('produces salted argon2id PHC strings that verify only the right password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword(a, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(a, 'correct horse battery stapl')).resolves.toBe(false);
  });

  it('answers false, not an error, for a malformed hash', async () => {
    await expect(verifyPassword('not-a-hash', 'x')).resolves.toBe(false);
  });

  it('keeps one dummy hash for unknown users', async () => {
    expect(await dummyPasswordHash()).toBe(await dummyPasswordHash());
  });
});
