/**
 * The vocabulary of a body's sign-off rules (Mitzeichnung/Schlusszeichnung): which roles
 * sign a Vorlage, and the chain a body has when its admin has set none.
 */
import type { Role } from '../identity/role';

export const SIGNER_ROLES = ['department_head', 'district_director', 'district_administrator'] as const satisfies readonly Role[];
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** Fachbereichsleitung → Kreisdirektor → Landrat, for every paper type without a rule of its own. */
export const DEFAULT_SIGN_OFF_STEPS: readonly SignerRole[] = ['department_head', 'district_director', 'district_administrator'];

export function isSignerRole(value: unknown): value is SignerRole {
  return typeof value === 'string' && (SIGNER_ROLES as readonly string[]).includes(value);
}
