import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * The web console's session: the same token an API client gets, kept where page
 * scripts cannot read it (an httpOnly, SameSite=Strict cookie, Secure over https),
 * plus a CSRF token the console reads from a second cookie and echoes in the
 * `X-CSRF-Token` header of every state-changing request (double submit). The CSRF
 * token is an HMAC of the session token's id, so it is bound to that session: a
 * cookie planted by a sibling host cannot pair with it. Bearer-token requests need
 * none of this (a browser never adds an Authorization header on its own).
 */
export const SESSION_COOKIE = 'ratsweg_session';
export const CSRF_COOKIE = 'ratsweg_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: the only ones a cookie alone may authenticate. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The session's CSRF token: HMAC-SHA256 of its token id under a key derived from the signing secret. */
export function csrfTokenFor(secret: string, jti: string): string {
  return createHmac('sha256', `ratsweg-csrf:${secret}`).update(jti).digest('base64url');
}

/** Whether the presented header is the session's CSRF token (constant time). */
export function csrfMatches(secret: string, jti: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(secret, jti));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `name=value` pairs of a Cookie header; a malformed pair is skipped, the first of a name wins. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in cookies) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      // not percent-encoded correctly: not ours
    }
  }
  return cookies;
}

/** Sets both cookies for a fresh login; they end when the token does. */
export function setSessionCookies(request: Request, response: Response, token: { accessToken: string; csrfToken: string; expiresInSeconds: number }): void {
  const common = { sameSite: 'strict' as const, secure: isHttps(request), path: '/', maxAge: token.expiresInSeconds * 1000 };
  response.cookie(SESSION_COOKIE, token.accessToken, { ...common, httpOnly: true });
  response.cookie(CSRF_COOKIE, token.csrfToken, { ...common, httpOnly: false });
}

/** Removes both cookies (logout). */
export function clearSessionCookies(request: Request, response: Response): void {
  const common = { sameSite: 'strict' as const, secure: isHttps(request), path: '/' };
  response.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  response.clearCookie(CSRF_COOKIE, { ...common, httpOnly: false });
}

/**
 * Whether the browser reached us over https: directly, or through a proxy that ends TLS
 * and says so in X-Forwarded-Proto. Trusting that header is safe here: it can only add
 * `Secure`, which makes the cookie stricter for the client that sent it.
 */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return request.secure || first === 'https';
}
