/**
 * § 40 KrO NRW: Fraktionen and Gruppen of the Kreistag. A Fraktion has at least two
 * members, at least three in a Kreistag of more than 59 members; a Gruppe at least two.
 * Pure rules: the caller counts the members on the day and names the council's size.
 */
import type { OrganizationKind } from './organization-kind';

/** The council size above which a Fraktion needs three members (§ 40 KrO NRW). */
export const LARGE_COUNCIL_ABOVE = 59;

/** The least number of members the Fraktion or Gruppe needs; undefined for other kinds. */
export function minimumMembers(kind: OrganizationKind, councilMembers: number | null | undefined): number | undefined {
  if (kind === 'group') return 2;
  if (kind !== 'fraction') return undefined;
  return (councilMembers ?? 0) > LARGE_COUNCIL_ABOVE ? 3 : 2;
}

/**
 * Why this Fraktion or Gruppe does not have the strength § 40 KrO NRW requires on the
 * day, or undefined when it does (and for every other kind).
 */
export function strengthProblem(
  group: { kind: OrganizationKind; name: string },
  members: number,
  councilMembers: number | null | undefined,
): string | undefined {
  const minimum = minimumMembers(group.kind, councilMembers);
  if (minimum === undefined || members >= minimum) return undefined;
  const what = group.kind === 'fraction' ? 'Fraktion' : 'Gruppe';
  const size =
    group.kind === 'fraction'
      ? ` (council of ${councilMembers ?? 'unknown'} statutory members: ${minimum} needed${minimum === 3 ? ', more than 59 members' : ''})`
      : '';
  return `§ 40 KrO NRW: the ${what} ${group.name} has ${members} member${members === 1 ? '' : 's'}, at least ${minimum} are required${size}`;
}
