import { fromMinorUnits } from '../transactions/money';
import type { Settlement } from './settle';
import type { ReturnKind } from './types';

/** Loyale's return response, plus where the points came from. Points as JSON numbers, money as decimals. */
export interface ReturnResult {
  status: 'COMPLETED' | 'SIMULATED';
  uniqueId: string;
  transactionUniqueId: string | null;
  customerId: string;
  returnType: string;
  pointsDeducted: number;
  pointsReadded: number;
  pendingPointsVoided: number;
  shortfall: number;
  usedPaymentMethods: Array<{ type: string; amount: number; reference?: string }>;
  pointsBefore: number;
  pointsAfter: number;
  pendingPointsAfter: number;
  lines: Array<{ index: number; sku: string | null; quantity: number }>;
  /** For a return against a sale: whether nothing of it remains returnable now (the event bus names the return by this). */
  saleFullyReturned?: boolean;
}

export function returnType(kind: ReturnKind, saleUniqueId: string | null): string {
  if (kind === 'full') return `Full Transaction: ${saleUniqueId}`;
  if (kind === 'line_item') return `Line Item: ${saleUniqueId}`;
  return 'Custom';
}

export function returnResult(input: {
  status: ReturnResult['status'];
  kind: ReturnKind;
  uniqueId: string;
  saleUniqueId: string | null;
  customerId: string;
  readded: bigint;
  settlement: Settlement;
  refunds: Array<{ type: string; amountMinor: bigint; reference: string | null }>;
  decimals: number;
  lines: ReturnResult['lines'];
}): ReturnResult {
  const s = input.settlement;
  return {
    status: input.status,
    uniqueId: input.uniqueId,
    transactionUniqueId: input.saleUniqueId,
    customerId: input.customerId,
    returnType: returnType(input.kind, input.saleUniqueId),
    pointsDeducted: Number(s.fromPending + s.fromAvailable),
    pointsReadded: Number(input.readded),
    pendingPointsVoided: Number(s.fromPending),
    shortfall: Number(s.shortfall),
    usedPaymentMethods: input.refunds
      .filter((r) => r.amountMinor > 0n)
      .map((r) => ({ type: r.type, amount: fromMinorUnits(r.amountMinor, input.decimals), ...(r.reference ? { reference: r.reference } : {}) })),
    pointsBefore: Number(s.availableBefore),
    pointsAfter: Number(s.availableAfter),
    pendingPointsAfter: Number(s.pendingAfter),
    lines: input.lines,
  };
}
