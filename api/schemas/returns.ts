import { z } from 'zod';
import { PointsString } from './common';

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

/** A return's result, its points typed by `points` (decimal strings at /v1, Loyale's numbers at its paths). */
const returnResult = <P extends z.ZodType>(points: P) =>
  z.object({
    status: z.enum(['COMPLETED', 'SIMULATED']),
    uniqueId: z.string(),
    transactionUniqueId: z.string().nullable(),
    customerId: z.uuid(),
    returnType: z.string().meta({ description: '"Full Transaction: <uniqueId>", "Line Item: <uniqueId>" or "Custom"' }),
    pointsDeducted: points.meta({ description: 'Points taken back: voided pending points plus points taken from the balance' }),
    pointsReadded: points.meta({ description: 'Redeemed points given back, in proportion to the returned value' }),
    pendingPointsVoided: points,
    shortfall: points.meta({ description: 'Owed but not taken (policy within_balance, points already spent)' }),
    usedPaymentMethods: z.array(z.object({ type: z.string(), amount: z.number(), reference: z.string().optional() })),
    pointsBefore: points.meta({ description: 'Available balance before (pending points are not available)' }),
    pointsAfter: points,
    pendingPointsAfter: points,
    lines: z.array(z.object({ index: z.number().int(), sku: z.string().nullable(), quantity: z.number().int() })),
    saleFullyReturned: z.boolean().optional(),
  });

export const ReturnResultView = returnResult(PointsString).meta({ id: 'ReturnResult' });

/** The same result at Loyale's paths: points as JSON numbers. */
export const LoyaleReturnResultView = returnResult(z.number().int()).meta({ id: 'LoyaleReturnResult' });
