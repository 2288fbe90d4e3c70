import { z } from 'zod';
import { PointsString } from './common';

const money = z.number().finite().meta({ description: 'Money as a decimal number in the scheme currency (converted to minor units from its decimal text)' });

export const SaleLines = z
  .array(
    z.object({
      quantity: z.number().int().refine((q) => q !== 0, 'must not be 0'),
      sku: z.string().max(100).optional(),
      description: z.string().max(500).optional(),
      unitPrice: money.optional(),
      unitSalePrice: money.optional(),
      unitSalePriceBeforeTax: money.optional(),
      promotions: z.array(z.string().max(100)).max(50).optional(),
      categories: z.array(z.string().max(100)).max(50).optional(),
      vendor: z.string().max(200).optional(),
    }),
  )
  .min(1)
  .max(500);

export const SalePayments = z
  .array(z.object({ type: z.string().min(1).max(100), amount: money.optional(), awardsPoints: z.boolean().optional(), reference: z.string().max(100).optional() }))
  .max(10);

/** Loyale's transaction body (seed 002), so a Loyale POS can switch by changing its base URL. */
export const SaleBody = z
  .object({
    customerBarcode: z.string().min(1).max(64).optional(),
    customerId: z.uuid().optional(),
    outletId: z.uuid(),
    date: z.iso.datetime({ offset: true }).optional(),
    description: z.string().max(1000).optional(),
    uniqueId: z.string().regex(/^[\w.:#/-]{1,200}$/, 'must be 1-200 letters, digits or . _ : # / -').optional(),
    receiptNumber: z.string().max(100).optional(),
    pos: z.object({ id: z.string().max(100).optional(), type: z.string().max(100).optional() }).optional(),
    lineItems: SaleLines,
    coupons: z.array(z.string().max(64)).max(50).optional(),
    paymentMethods: SalePayments.optional(),
  })
  .refine((b) => (b.customerBarcode === undefined) !== (b.customerId === undefined), {
    message: 'exactly one of customerBarcode or customerId is required',
    path: ['customerBarcode'],
  })
  .meta({ id: 'Transaction' });

/** A sale's result, its points typed by `points` (decimal strings at /v1, Loyale's numbers at its paths). */
const saleResult = <P extends z.ZodType>(points: P) =>
  z.object({
    customerId: z.uuid(),
    status: z.enum(['RECEIVED', 'PROCESSING', 'COMPLETED', 'FAILED', 'SIMULATED']),
    statusUrl: z.string(),
    uniqueId: z.string(),
    pointsEarned: points.optional(),
    pointsRedeemed: points.optional(),
    pointsBefore: points.optional(),
    pointsAfter: points.optional(),
    pointsPending: points.optional().meta({ description: 'With a return window: the earned points pending until pendingUntil (not in pointsAfter yet)' }),
    pendingUntil: z.string().optional(),
    paymentMethods: z
      .array(z.object({ type: z.string(), amount: z.number().meta({ description: 'Money in the currency, major units, as the till sent it' }), awardsPoints: z.boolean(), reference: z.string().optional() }))
      .optional(),
    tier: z
      .object({ id: z.uuid(), name: z.string(), earnMultiplierPercent: z.number().int() })
      .optional()
      .meta({ description: "The customer's tier when the sale was priced; its multiplier is already in pointsEarned" }),
  });

export const SaleResultView = saleResult(PointsString).meta({ id: 'TransactionResult' });

/** The same result at Loyale's paths (`/api/Transaction`…): points as JSON numbers, as Loyale's clients read them. */
export const LoyaleSaleResultView = saleResult(z.number().int()).meta({ id: 'LoyaleTransactionResult' });

/** A sale that has no result yet (202, or its status while it runs), or that failed: what it is and where to ask again. */
export const SaleStatusView = z
  .object({
    status: z.enum(['RECEIVED', 'PROCESSING', 'FAILED']),
    uniqueId: z.string(),
    statusUrl: z.string(),
    error: z.object({ code: z.string(), message: z.string() }).optional().meta({ description: 'Why it FAILED' }),
  })
  .meta({ id: 'TransactionStatus' });

export const SimulateQuery = z.object({ simulate: z.enum(['true', 'false']).optional() });
export const UniqueIdParam = z.object({ uniqueId: z.string().min(1).max(200) });

/** A posted sale as stored: what was asked, what was answered, and what returns need. */
export const StoredSaleView = z
  .object({
    uniqueId: z.string(),
    customerId: z.uuid(),
    outletId: z.uuid(),
    pointsEarned: z.string(),
    pointsRedeemed: z.string(),
    request: z.record(z.string(), z.unknown()),
    result: SaleResultView,
    lines: z.array(z.record(z.string(), z.unknown())).meta({ description: 'Per-line amounts and points, for returns' }),
    pendingPoints: z.string().meta({ description: 'Points still pending (return window open)' }),
    pendingUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StoredTransaction' });
