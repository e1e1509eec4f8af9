import type { Role } from '../../src/modules/identity/role';

/**
 * Who may call what: one row per operation of the OpenAPI document, read by
 * access-matrix.e2e-spec.ts. A route without a row (or a row without a route) fails
 * that test, so a new endpoint cannot ship without deciding its access.
 *
 * - `roles`: `public` (no token needed), `any` (every role of the body), or the
 *   roles the guard admits (`admin` is implied unless `operatorOnly`).
 * - `scope`: `body` when the path names a record of one body (another body's id is
 *   404, as if it did not exist), `caller` when the answer is the caller's own body's
 *   data without an id, `none` for data that belongs to no body (machine definitions).
 * - `otherBody`: a valid request body, sent with another body's ids: it must answer
 *   404 (or 403 for a role the guard refuses) and change nothing.
 * - `own`: what a request with an EMPTY body on the caller's own record answers for
 *   a role that may call it: `ok` (2xx), `bad` (400: the empty body is refused by
 *   validation, so nothing is changed by the matrix itself), or `allowed` (anything
 *   but 401, 403 and 5xx: a call whose answer depends on the record's state, such as
 *   removing an item the previous role already removed).
 */
export interface Access {
  roles: 'public' | 'any' | readonly Role[];
  operatorOnly?: boolean;
  scope: 'body' | 'caller' | 'none';
  own: 'ok' | 'bad' | 'allowed';
  otherBody?: Record<string, unknown>;
  /** The call ends the token it is sent with (logout): each call gets a fresh one. */
  freshToken?: boolean;
}

export const ACCESS: Record<string, Access> = {
  'GET /health': { roles: 'public', scope: 'none', own: 'ok' },
  'POST /auth/login': { roles: 'public', scope: 'none', own: 'bad' },
  'GET /auth/me': { roles: 'any', scope: 'caller', own: 'ok' },
  'POST /auth/logout': { roles: 'any', scope: 'caller', own: 'ok', freshToken: true },

  'GET /inbox': { roles: 'any', scope: 'caller', own: 'ok' },

  'GET /organizations': { roles: 'any', scope: 'caller', own: 'ok' },
  'GET /organizations/{id}': { roles: 'any', scope: 'body', own: 'ok' },
  'PATCH /organizations/{id}': { roles: ['admin'], scope: 'body', own: 'bad', otherBody: { objectionWindowDays: 3 } },
  'GET /organizations/{id}/memberships': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /organizations/{id}/meetings.ics': { roles: 'any', scope: 'body', own: 'ok' },

  'POST /papers': { roles: ['clerk'], scope: 'caller', own: 'bad' },
  // Anträge and Anfragen arrive by mail or portal: the committee office registers them.
  'POST /papers/motions': { roles: ['committee_office'], scope: 'caller', own: 'bad' },
  'GET /papers': { roles: 'any', scope: 'caller', own: 'ok' },
  'GET /papers/{id}': { roles: 'any', scope: 'body', own: 'ok' },
  'PATCH /papers/{id}': { roles: ['clerk'], scope: 'body', own: 'allowed', otherBody: { title: 'Übernommen' } },
  'POST /papers/{id}/events': { roles: 'any', scope: 'body', own: 'bad', otherBody: { type: 'WITHDRAW', reason: 'Übernahme' } },
  'GET /papers/{id}/events/allowed': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /papers/{id}/history': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /papers/{id}/history/verify': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /papers/{id}/tasks': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /papers/{id}/tasks/proposal': { roles: 'any', scope: 'body', own: 'ok' },
  'POST /papers/{id}/tasks': { roles: ['clerk'], scope: 'body', own: 'bad', otherBody: { kind: 'generic', title: 'Übernahme' } },

  'POST /meetings': { roles: ['committee_office'], scope: 'caller', own: 'bad' },
  'GET /meetings': { roles: 'any', scope: 'caller', own: 'ok' },
  'GET /meetings/{id}': { roles: 'any', scope: 'body', own: 'ok' },
  'POST /meetings/{id}/events': { roles: ['committee_office'], scope: 'body', own: 'bad', otherBody: { type: 'CANCEL', reason: 'Übernahme' } },
  'GET /meetings/{id}/events/allowed': { roles: 'any', scope: 'body', own: 'ok' },
  'POST /meetings/{id}/agenda-items': { roles: ['committee_office'], scope: 'body', own: 'bad', otherBody: { title: 'Übernahme' } },
  'PATCH /meetings/{id}/agenda-items/{itemId}': { roles: ['committee_office'], scope: 'body', own: 'bad', otherBody: { number: '99' } },
  'DELETE /meetings/{id}/agenda-items/{itemId}': { roles: ['committee_office'], scope: 'body', own: 'allowed', otherBody: {} },
  'POST /meetings/{id}/agenda-items/{itemId}/result': {
    roles: ['committee_office'],
    scope: 'body',
    own: 'bad',
    otherBody: { result: 'noted' },
  },
  'POST /meetings/{id}/agenda-items/{itemId}/amendments': {
    roles: ['committee_office'],
    scope: 'body',
    own: 'bad',
    otherBody: { text: 'Übernahme', originatorPersonId: '00000000-0000-4000-8000-000000000000' },
  },
  // The amendment id does not exist on the fixture's item: 404 after the role check.
  'POST /meetings/{id}/agenda-items/{itemId}/amendments/{amendmentId}/result': { roles: ['committee_office'], scope: 'body', own: 'bad', otherBody: { result: 'adopted' } },
  'POST /meetings/{id}/agenda-items/{itemId}/amendments/{amendmentId}/withdraw': { roles: ['committee_office'], scope: 'body', own: 'allowed', otherBody: {} },
  'PUT /meetings/{id}/attendance': { roles: ['committee_office'], scope: 'body', own: 'bad', otherBody: { entries: [] } },
  'GET /meetings/{id}/history': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /meetings/{id}/agenda': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /meetings/{id}/agenda.pdf': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /meetings/{id}/minutes': { roles: 'any', scope: 'body', own: 'ok' },
  // Any role may be the designated chair or Schriftführer; the service checks the person.
  'POST /meetings/{id}/minutes/signatures': { roles: 'any', scope: 'body', own: 'bad', otherBody: { as: 'chair' } },
  // Beschlussauszüge read like the minutes; the matrix's meeting has none, so one by id is 404.
  'GET /meetings/{id}/extracts': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /meetings/{id}/extracts/{extractId}': { roles: 'any', scope: 'body', own: 'allowed' },

  'GET /tasks': { roles: 'any', scope: 'caller', own: 'ok' },
  'GET /tasks/{id}': { roles: 'any', scope: 'body', own: 'ok' },
  'POST /tasks/{id}/events': { roles: 'any', scope: 'body', own: 'bad', otherBody: { type: 'CANCEL', reason: 'Übernahme' } },
  'GET /tasks/{id}/events/allowed': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /tasks/{id}/history': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /tasks/{id}/history/verify': { roles: 'any', scope: 'body', own: 'ok' },
  'GET /reports/implementation': { roles: 'any', scope: 'caller', own: 'ok' },
  'GET /reports/implementation.csv': { roles: 'any', scope: 'caller', own: 'ok' },

  // The operator sees every body's mail and notifications (the 404 of another body's
  // record below is for the body roles; the operator is not scoped to a body).
  'GET /admin/notifications': { roles: ['admin', 'operator'], scope: 'caller', own: 'ok' },
  'POST /admin/notifications/{id}/retry': { roles: ['admin', 'operator'], scope: 'body', own: 'allowed', otherBody: {} },
  'GET /admin/mail': { roles: ['admin', 'operator'], scope: 'caller', own: 'ok' },
  'GET /admin/mail/{id}': { roles: ['admin', 'operator'], scope: 'body', own: 'allowed' },
  'GET /admin/queues': { roles: ['admin', 'operator'], scope: 'caller', own: 'ok' },
  'GET /admin/users': { roles: ['admin'], scope: 'caller', own: 'ok' },
  'PUT /admin/users/{id}/roles': { roles: ['admin'], scope: 'body', own: 'bad', otherBody: { roles: ['admin'] } },
  'POST /admin/users/{id}/disable': { roles: ['admin'], scope: 'body', own: 'allowed', otherBody: {} },
  'POST /admin/users/{id}/enable': { roles: ['admin'], scope: 'body', own: 'allowed', otherBody: {} },

  'GET /sign-off-rules': { roles: 'any', scope: 'caller', own: 'ok' },
  'PUT /sign-off-rules/{paperType}': { roles: ['admin'], scope: 'caller', own: 'bad' },
  'GET /sign-off-rules/signers': { roles: 'any', scope: 'caller', own: 'ok' },
  'PUT /sign-off-rules/signers/{userId}': { roles: ['admin'], scope: 'body', own: 'bad', otherBody: { name: 'Übernahme', function: 'Landrat' } },

  'GET /units': { roles: 'any', scope: 'caller', own: 'ok' },
  'PUT /units': { roles: ['admin'], scope: 'caller', own: 'bad' },

  'GET /metrics': { roles: ['operator'], operatorOnly: true, scope: 'none', own: 'ok' },

  'GET /workflows': { roles: 'any', scope: 'none', own: 'ok' },
  'GET /workflows/{machine}': { roles: 'any', scope: 'none', own: 'ok' },
};
