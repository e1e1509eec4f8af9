import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The one API client of the console, typed by the schema generated from the app's
 * OpenAPI document (npm run openapi:export): a changed contract fails the console's
 * build. The session is the httpOnly cookie the login set (the console never sees
 * the token); every change carries the CSRF token from the readable cookie.
 */
export type Schemas = components['schemas'];

const CSRF_COOKIE = 'ratsweg_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Called when the API answers 401 to a request of a logged-in session: the session has ended. */
let onUnauthenticated: () => void = () => undefined;
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method)) {
      const token = csrfToken();
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/login')) onUnauthenticated();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** The error body of every refusal (CONTRACT.md). */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  allowed?: string[];
  currentVersion?: number;
  fields?: { field: string; messages: string[] }[];
}

export function asApiError(error: unknown, status: number): ApiError {
  if (error && typeof error === 'object' && 'message' in error) return error as ApiError;
  return { statusCode: status, error: 'Error', message: String(error ?? `HTTP ${status}`) };
}
