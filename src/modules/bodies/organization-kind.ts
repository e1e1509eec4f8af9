/** Gremium kinds (DESIGN.md vocabulary). */
export const ORGANIZATION_KINDS = [
  'committee',
  'district_committee',
  'district_council',
  'city_council',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
