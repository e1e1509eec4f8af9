/**
 * The vocabulary of a body's sign-off rules (Mitzeichnung/Schlusszeichnung): which roles
 * sign a Vorlage, and the chain a body has when its admin has set none.
 */
import type { Role } from '../identity/role';
import type { PaperType } from '../papers/paper.types';

export const SIGNER_ROLES = ['department_head', 'district_director', 'district_administrator'] as const satisfies readonly Role[];
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** Fachbereichsleitung → Kreisdirektor → Landrat, for every paper type without a rule of its own. */
export const DEFAULT_SIGN_OFF_STEPS: readonly SignerRole[] = ['department_head', 'district_director', 'district_administrator'];

export function isSignerRole(value: unknown): value is SignerRole {
  return typeof value === 'string' && (SIGNER_ROLES as readonly string[]).includes(value);
}

/**
 * How papers of a type enter deliberation: `chain`, signed off by the administration
 * (an empty chain releases on submission), or `none`, no administrative sign-off at
 * all: Anträge and Anfragen come from Fraktionen and members, and the committee office
 * registers them as received (POST /papers/motions).
 */
export const SIGN_OFF_MODES = ['chain', 'none'] as const;
export type SignOffMode = (typeof SIGN_OFF_MODES)[number];

/** Paper types that originate with a Fraktion, a Gruppe or a member, not in the administration. */
export const MOTION_PAPER_TYPES = ['Antrag', 'Anfrage'] as const satisfies readonly PaperType[];
export type MotionPaperType = (typeof MOTION_PAPER_TYPES)[number];

export function isMotionType(type: string): type is MotionPaperType {
  return (MOTION_PAPER_TYPES as readonly string[]).includes(type);
}

/** The rule a type has where the body has set none: motions without sign-off, the rest the default chain. */
export function defaultRule(paperType: PaperType): { mode: SignOffMode; steps: SignerRole[]; parallel: string[] } {
  return isMotionType(paperType) ? { mode: 'none', steps: [], parallel: [] } : { mode: 'chain', steps: [...DEFAULT_SIGN_OFF_STEPS], parallel: [] };
}
