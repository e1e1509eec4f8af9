import type { Amendment } from './amendment.entity';

/** "Änderungsantrag 1 (Kreistagsfraktion B)": how refusals and the minutes name one. */
export function amendmentLabel(a: Pick<Amendment, 'number' | 'originatorName'>): string {
  return `Änderungsantrag ${a.number} (${a.originatorName})`;
}
