/**
 * The roles of CONTRACT.md. A user holds roles per body. `operator` is the one
 * cross-body role: the system operator of the deployment (the shared municipal data
 * centre) who runs queues, mail and metrics for every body. It is held like any
 * role (in the operator's home body) but no body's `admin` has it implicitly.
 */
export const ROLES = [
  'clerk',
  'department_head',
  'district_director',
  'district_administrator',
  'committee_office',
  'auditor',
  'admin',
  'operator',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
