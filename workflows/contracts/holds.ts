import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { SaleLine, SalePayment } from '../../domain/transactions/calculate';
import type { SaleResult } from '../../domain/transactions/sale-result';
import type { Outcome } from '../../domain/outcome';
import type { OneStep, PosRequestIdentity } from './common';

/** An on-hold transaction: points reserved at the till until redeemed, removed or expired. */
export interface HoldInput extends PosRequestIdentity, OneStep {
  /** Points to hold, or a currency amount converted at the redemption rate. */
  points?: string;
  amount?: number;
  expiresInSeconds: number;
}

export type HoldStatus = 'PLACING' | 'HELD' | 'REDEEMING' | 'REDEEMED' | 'REMOVING' | 'REMOVED' | 'EXPIRING' | 'EXPIRED' | 'REFUSED';

export interface HoldView {
  holdId: string;
  status: HoldStatus;
  customerId: string | null;
  pointsHeld: string;
  pointsRedeemed: string;
  availableBefore: string | null;
  availableAfter: string | null;
  expiresAt: string | null;
  requestHash: string;
  pendingTransferId: string | null;
  /** When the redeem completed a sale: its result, in the transactions format. */
  sale: SaleResult | null;
  updatedAt: string;
}

export const holdState = defineQuery<HoldView>('holdState');
/** The hold's placement, awaited by the POS (update-with-start): the view once held, or the refusal. */
export const holdPlaced = defineUpdate<Outcome<HoldView>, []>('holdPlaced');
/** Capture all or part of the hold (the rest is released); a repeat returns the first outcome. */
export const redeemHold = defineUpdate<HoldView, [RedeemArgs]>('redeemHold');

/** A redeem may complete the sale in the same step: the held points pay first, the earn is posted with the capture. */
export interface RedeemArgs {
  points?: string;
  sale?: { lines: SaleLine[]; payments: SalePayment[]; statusUrl: string; request: Record<string, unknown> };
}
/** Release the hold; a repeat returns the first outcome. */
export const removeHold = defineUpdate<HoldView, []>('removeHold');

export type HoldPointsWorkflow = (input: HoldInput) => Promise<Outcome<HoldView> | HoldView>;
