import { csrfMatches, csrfTokenFor, isSafeMethod, parseCookies } from './browser-session';

describe('browser session (cookie + CSRF token)', () => {
  const secret = 'a-secret-that-is-long-enough-for-hs256-0123456789';
  const jti = '6f1c2a53-0d7e-4b8e-9f3a-2c1d4e5f6a7b';

  it('binds the CSRF token to the session: the same token id gives the same token, another id or secret another', () => {
    const token = csrfTokenFor(secret, jti);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor(secret, jti)).toBe(token);
    expect(csrfTokenFor(secret, '00000000-0000-4000-8000-000000000000')).not.toBe(token);
    expect(csrfTokenFor(`${secret}x`, jti)).not.toBe(token);
  });

  it('accepts only the session’s own token in the header', () => {
    const token = csrfTokenFor(secret, jti);
    expect(csrfMatches(secret, jti, token)).toBe(true);
    expect(csrfMatches(secret, jti, undefined)).toBe(false);
    expect(csrfMatches(secret, jti, '')).toBe(false);
    expect(csrfMatches(secret, jti, token.slice(0, -1))).toBe(false);
    expect(csrfMatches(secret, jti, csrfTokenFor(secret, '00000000-0000-4000-8000-000000000000'))).toBe(false);
  });

  it('reads cookies: the first of a name wins, malformed pairs and bad percent-encoding are skipped', () => {
    expect(parseCookies('a=1; b=x%20y; a=2; broken; =v; c="q"; d=%E0%A4%A')).toEqual({ a: '1', b: 'x y', c: 'q' });
    expect(parseCookies(undefined)).toEqual({});
  });

  it('lets a cookie alone authenticate only methods that change nothing', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(isSafeMethod)).toEqual([true, true, true, true]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isSafeMethod)).toEqual([false, false, false, false]);
  });
});
