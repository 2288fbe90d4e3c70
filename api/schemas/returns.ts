import { z } from 'zod';

const returnUniqueId = z
  .string()
  .regex(/^[\w.:#/-]{1,200}$/, 'must be 1-200 letters, digits or . _ : # / -')
  .optional()
  .meta({ description: "The return's own idempotency key. Without one, an identical request counts as a retry of the first" });

export const FullReturnBody = z.object({ uniqueId: returnUniqueId }).strict().meta({ id: 'FullReturn' });

const ReturnLine = z.object({ sku: z.string().min(1).max(100), quantity: z.number().int().positive().safe() }).strict();

/** Loyale's `{ sku, quantity }`, or several lines at once. */
export const LineItemReturnBody = z
  .union([
    ReturnLine.extend({ uniqueId: returnUniqueId }).strict(),
    z.object({ lines: z.array(ReturnLine).min(1).max(500), uniqueId: returnUniqueId }).strict(),
  ])
  .transform((b) => ('lines' in b ? { lines: b.lines, uniqueId: b.uniqueId } : { lines: [{ sku: b.sku, quantity: b.quantity }], uniqueId: b.uniqueId }))
  .meta({ id: 'LineItemReturn' });

export const ReturnResultView = z
  .object({
    status: z.enum(['COMPLETED', 'SIMULATED']),
    uniqueId: z.string(),
    transactionUniqueId: z.string().nullable(),
    customerId: z.uuid(),
    returnType: z.string().meta({ description: '"Full Transaction: <uniqueId>", "Line Item: <uniqueId>" or "Custom"' }),
    pointsDeducted: z.number().int().meta({ description: 'Points taken back: voided pending points plus points taken from the balance' }),
    pointsReadded: z.number().int().meta({ description: 'Redeemed points given back, in proportion to the returned value' }),
    pendingPointsVoided: z.number().int(),
    shortfall: z.number().int().meta({ description: 'Owed but not taken (policy within_balance, points already spent)' }),
    usedPaymentMethods: z.array(z.object({ type: z.string(), amount: z.number(), reference: z.string().optional() })),
    pointsBefore: z.number().int().meta({ description: 'Available balance before (pending points are not available)' }),
    pointsAfter: z.number().int(),
    pendingPointsAfter: z.number().int(),
    lines: z.array(z.object({ index: z.number().int(), sku: z.string().nullable(), quantity: z.number().int() })),
  })
  .meta({ id: 'ReturnResult' });
