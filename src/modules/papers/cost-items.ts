/**
 * The Kosten of a Vorlage as data next to its text: one item per Haushaltsjahr and
 * Produkt. Amounts are integer euro cents (no floating point for money; 1.234,50 € is
 * 123450), `ownShareCents` is the Kreis's own share of `amountCents`, `fundedBy` names
 * where the rest comes from (e.g. "Fördermittel MWIDE", "ZIRE-Mittel").
 */
import { z } from 'zod';

export const costItemSchema = z.object({
  fiscalYear: z.number().int(),
  product: z.string(),
  amountCents: z.number().int(),
  fundedBy: z.string(),
  ownShareCents: z.number().int(),
});
export type CostItem = z.infer<typeof costItemSchema>;

/** Read back from the JSONB column; a row that does not parse is a bug, not input. */
export const costItemsSchema = z.array(costItemSchema);
