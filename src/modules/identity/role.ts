/** The roles of CONTRACT.md. A user holds roles per body. */
export const ROLES = [
  'clerk',
  'department_head',
  'district_director',
  'district_administrator',
  'committee_office',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
