/** Gremium kinds (DESIGN.md vocabulary), and the parliamentary groups of a council. */
export const ORGANIZATION_KINDS = [
  'committee',
  'district_committee',
  'district_council',
  'city_council',
  'other',
  // § 40 KrO NRW: Fraktionen and Gruppen of a council's members; they belong to that council.
  'fraction',
  'group',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Kinds that are parliamentary groups (of a council), not bodies that deliberate. */
export const PARLIAMENTARY_GROUP_KINDS: readonly OrganizationKind[] = ['fraction', 'group'];

/** Kinds of a council (Kreistag, Rat): the organizations Fraktionen belong to. */
export const COUNCIL_KINDS: readonly OrganizationKind[] = ['district_council', 'city_council'];

export function isParliamentaryGroup(kind: string): boolean {
  return (PARLIAMENTARY_GROUP_KINDS as readonly string[]).includes(kind);
}

/** The OParl 1.1 `organizationType` of a kind (OParl's suggested values; "Gruppe" for a § 40 Gruppe). */
export function oparlOrganizationType(kind: OrganizationKind): string {
  switch (kind) {
    case 'fraction':
      return 'Fraktion';
    case 'group':
      return 'Gruppe';
    case 'other':
      return 'Sonstiges';
    default:
      return 'Gremium';
  }
}
