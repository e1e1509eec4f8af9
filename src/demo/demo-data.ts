import type { OrganizationKind } from '../modules/bodies/organization-kind';
import type { Role } from '../modules/identity/role';

/** The demo of CONTRACT.md: the Kreis of Vorlage 2021/119 and one of its cities. */
export const KREIS = 'Kreis Recklinghausen';
export const CASTROP_RAUXEL = 'Stadt Castrop-Rauxel';

export const DEMO_BODIES: {
  name: string;
  shortName: string;
  organizations: { name: string; shortName: string; kind: OrganizationKind }[];
  persons: { formOfAddress: string; givenName: string | null; familyName: string; title: string | null }[];
}[] = [
  {
    name: KREIS,
    shortName: 'Kreis RE',
    organizations: [
      { name: 'Ausschuss für Wirtschaftspolitik und Digitales', shortName: 'AWD', kind: 'committee' },
      { name: 'Kreisausschuss', shortName: 'KA', kind: 'district_committee' },
      { name: 'Kreistag', shortName: 'KT', kind: 'district_council' },
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
    organizations: [{ name: 'Rat der Stadt Castrop-Rauxel', shortName: 'Rat', kind: 'city_council' }],
    persons: [],
  },
];

/** Demo users; each password equals the user name. Demo mode only. */
export const DEMO_USERS: { username: string; displayName: string; body: string; roles: Role[] }[] = [
  { username: 'clerk', displayName: 'Sachbearbeitung Digitalisierung', body: KREIS, roles: ['clerk'] },
  { username: 'fbl', displayName: 'Fachbereichsleitung', body: KREIS, roles: ['department_head'] },
  { username: 'kd', displayName: 'Kreisdirektor Butz', body: KREIS, roles: ['district_director'] },
  { username: 'landrat', displayName: 'Landrat Klimpel', body: KREIS, roles: ['district_administrator'] },
  { username: 'sitzungsdienst', displayName: 'Sitzungsdienst', body: KREIS, roles: ['committee_office'] },
  { username: 'auditor', displayName: 'Rechnungsprüfung', body: KREIS, roles: ['auditor'] },
  { username: 'admin', displayName: 'Administration', body: KREIS, roles: ['admin'] },
  { username: 'cr-clerk', displayName: 'Sachbearbeitung Castrop-Rauxel', body: CASTROP_RAUXEL, roles: ['clerk'] },
];
