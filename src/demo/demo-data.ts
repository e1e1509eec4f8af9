import type { OrganizationKind } from '../modules/bodies/organization-kind';
import type { SignerRole } from '../modules/bodies/sign-off-rule';
import type { Role } from '../modules/identity/role';

/** The demo of CONTRACT.md: the Kreis of Vorlage 2021/119 and one of its cities. */
export const KREIS = 'Kreis Recklinghausen';
export const CASTROP_RAUXEL = 'Stadt Castrop-Rauxel';

export const DEMO_BODIES: {
  name: string;
  shortName: string;
  /**
   * `members` seats with a vote and `substitutes` (Stellvertretungen). The demo persons
   * on these seats are placeholders ("AWD-Mitglied 01"), not the real office holders,
   * and the sizes are the demo's, not the real bodies'.
   */
  organizations: {
    name: string;
    shortName: string;
    kind: OrganizationKind;
    members: number;
    substitutes: number;
    /** The statutory number of members the quorum counts against (the chair included where he holds a seat). */
    statutoryMembers?: number;
    /** The family name of a demo person who chairs it with a seat and a vote (the Landrat). */
    chairWithVote?: string;
    /** GO des Kreistags: the deadline for Anträge a session must take (§ 33 KrO NRW), in days. */
    motionDeadlineDays?: number;
    /** Widerspruchsfrist in days after the session (§ 39 Abs. 1 KrO NRW: the Kreistag, 3). */
    objectionWindowDays?: number;
  }[];
  /**
   * Fraktionen and Gruppen of the council (§ 40 KrO NRW): placeholder names and members
   * (the council's demo seats `KT-Mitglied NN`), not the real Kreistag's.
   */
  groups?: { name: string; shortName: string; kind: 'fraction' | 'group'; council: string; seats: number[] }[];
  persons: { formOfAddress: string; givenName: string | null; familyName: string; title: string | null }[];
}[] = [
  {
    name: KREIS,
    shortName: 'Kreis RE',
    organizations: [
      { name: 'Ausschuss für Wirtschaftspolitik und Digitales', shortName: 'AWD', kind: 'committee', members: 15, substitutes: 3, statutoryMembers: 15 },
      // The Landrat chairs the Kreisausschuss and the Kreistag with a seat and a vote: a membership.
      // The demo Kreistag has two seats vacant (27 of 28 filled with him), so the statutory count shows.
      { name: 'Kreisausschuss', shortName: 'KA', kind: 'district_committee', members: 17, substitutes: 3, statutoryMembers: 18, chairWithVote: 'Klimpel' },
      { name: 'Kreistag', shortName: 'KT', kind: 'district_council', members: 25, substitutes: 0, statutoryMembers: 28, chairWithVote: 'Klimpel', motionDeadlineDays: 14, objectionWindowDays: 3 },
    ],
    // KT-Mitglied 24 and 25 sit without a Fraktion.
    groups: [
      { name: 'Kreistagsfraktion A', shortName: 'Fraktion A', kind: 'fraction', council: 'Kreistag', seats: range(1, 9) },
      { name: 'Kreistagsfraktion B', shortName: 'Fraktion B', kind: 'fraction', council: 'Kreistag', seats: range(10, 17) },
      { name: 'Kreistagsfraktion C', shortName: 'Fraktion C', kind: 'fraction', council: 'Kreistag', seats: range(18, 21) },
      { name: 'Kreistagsgruppe D', shortName: 'Gruppe D', kind: 'group', council: 'Kreistag', seats: range(22, 23) },
    ],
    persons: [
      { formOfAddress: 'Herr', givenName: null, familyName: 'Haumann', title: null },
      { formOfAddress: 'Herr', givenName: 'Bodo', familyName: 'Klimpel', title: 'Landrat' },
      { formOfAddress: 'Herr', givenName: 'Roland', familyName: 'Butz', title: 'Kreisdirektor' },
    ],
  },
  {
    name: CASTROP_RAUXEL,
    shortName: 'Castrop-Rauxel',
    organizations: [{ name: 'Rat der Stadt Castrop-Rauxel', shortName: 'Rat', kind: 'city_council', members: 5, substitutes: 0 }],
    persons: [],
  },
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The first day of the demo memberships: the start of the 2020–2025 term in NRW. */
export const DEMO_TERM_START = '2020-11-01';

/** Demo addresses live under the reserved `.example` top-level domain: nothing can ever be delivered there by accident. */
export function demoEmail(body: string, localPart: string): string {
  const domain = body === KREIS ? 'kreis-recklinghausen.example' : 'castrop-rauxel.example';
  const slug = localPart
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}@${domain}`;
}

/** Demo users; each password equals the user name. Demo mode only. */
/**
 * How the demo's signers sign: the names and functions printed under 2021/119 ("Klimpel,
 * Landrat"; "Butz, Kreisdirektor"). The Kreisdirektor is the Landrat's general deputy, so
 * he may sign the Schlusszeichnung "i.V." when the Landrat is absent.
 */
export const DEMO_SIGNERS: { username: string; name: string; function: string; coSignUnits: string[]; deputyFor: SignerRole[] }[] = [
  { username: 'landrat', name: 'Klimpel', function: 'Landrat', coSignUnits: [], deputyFor: [] },
  { username: 'kd', name: 'Butz', function: 'Kreisdirektor', coSignUnits: [], deputyFor: ['district_administrator'] },
];

/**
 * The mailboxes of the demo's units, where Beschlussauszüge go: the unit 2021/119 names as
 * responsible (the source names none; see vorlage-2021-119.ts), at a demo address.
 */
export const DEMO_UNIT_MAILBOXES: { unit: string; email: string }[] = [
  { unit: 'Kreisdirektor – Digitalisierung', email: demoEmail(KREIS, 'digitalisierung') },
];

export const DEMO_USERS: { username: string; displayName: string; body: string; roles: Role[] }[] = [
  { username: 'clerk', displayName: 'Sachbearbeitung Digitalisierung', body: KREIS, roles: ['clerk'] },
  { username: 'fbl', displayName: 'Fachbereichsleitung', body: KREIS, roles: ['department_head'] },
  { username: 'kd', displayName: 'Kreisdirektor Butz', body: KREIS, roles: ['district_director'] },
  { username: 'landrat', displayName: 'Landrat Klimpel', body: KREIS, roles: ['district_administrator'] },
  { username: 'sitzungsdienst', displayName: 'Sitzungsdienst', body: KREIS, roles: ['committee_office'] },
  { username: 'auditor', displayName: 'Rechnungsprüfung', body: KREIS, roles: ['auditor'] },
  { username: 'admin', displayName: 'Administration', body: KREIS, roles: ['admin'] },
  { username: 'operator', displayName: 'Systembetrieb GKD', body: KREIS, roles: ['operator'] },
  { username: 'cr-clerk', displayName: 'Sachbearbeitung Castrop-Rauxel', body: CASTROP_RAUXEL, roles: ['clerk'] },
];
