import type { FollowUpBatch } from '../follow-ups';
import type { LedgerRequest, LedgerResult } from '../ledger/operations';
import type { SyncKind } from '../partners/ports';
import type { SaleLine, SalePayment } from '../transactions/calculate';
import type { PointRulesView } from '../transactions/ports';
import type { GiftCardRefund, ReturnWallets } from './ledger-ops';
import type { ReturnResult } from './result';
import type { ReturnedSoFar, ReturnKind, ReturnPolicy, ReturnSelection, SaleForReturn } from './types';

/** One return as the API hands it to the workflow (and to simulate). */
export interface ReturnRequest {
  schemeId: string;
  /** The return's idempotency key (the caller's uniqueId, or derived from the request). */
  uniqueId: string;
  requestHash: string;
  kind: ReturnKind;
  /** Full and line-item returns: the sale returned against. */
  saleUniqueId: string | null;
  selection: ReturnSelection | null;
  /** Custom returns: the items, priced with today's rules. */
  custom: { customerId?: string; customerBarcode?: string; outletId: string; lines: SaleLine[]; payments: SalePayment[] } | null;
  /** The body as posted, stored with the return. */
  request: Record<string, unknown>;
  /**
   * Record the return's event and partner sync as follow-ups in its own
   * transaction (the one-step return); executions from before start them as
   * children and leave this out.
   */
  announce?: boolean;
}

export interface StoredReturn {
  uniqueId: string;
  kind: ReturnKind;
  result: ReturnResult;
  createdAt: string;
}

export interface SaleReturns {
  returns: StoredReturn[];
  returnable: Array<{ index: number; sku: string | null; quantity: number; returned: number; returnable: number; pointsReturnable: string }>;
  fullyReturned: boolean;
  pendingPoints: string;
  pendingUntil: string | null;
}

/** What a return reads and writes, inside one PostgreSQL transaction (`domain/returns/process-return.ts` decides). */
export interface ReturnTransaction {
  /** Serialises the return's key, then reads what it already recorded. */
  previous(schemeId: string, uniqueId: string): Promise<{ requestHash: string; result: ReturnResult } | null>;
  settings(schemeId: string): Promise<{ decimals: number; rules: PointRulesView; policy: ReturnPolicy }>;
  /** A custom return's customer and outlet, in the scheme (404 otherwise). */
  customer(schemeId: string, who: { customerId?: string; customerBarcode?: string }): Promise<string>;
  assertOutlet(schemeId: string, outletId: string): Promise<void>;
  /** The sale returned against, locked when the return commits (returns of one sale queue on its row). */
  sale(schemeId: string, uniqueId: string, decimals: number, lock: boolean): Promise<{ id: string; forReturn: SaleForReturn }>;
  wallets(schemeId: string, customerId: string): Promise<ReturnWallets>;
  giftCards(schemeId: string, amounts: Map<string, bigint>): Promise<GiftCardRefund[]>;
  /** What of the sale's earned points has expired and not yet been taken back by an earlier return. */
  expiredShare(wallets: ReturnWallets, saleUniqueId: string): Promise<bigint>;
  /** Locks the wallets in id order (when committing); the customer's available points. */
  lockWallets(schemeId: string, ids: string[], customerWalletId: string, lock: boolean): Promise<bigint>;
  post(req: LedgerRequest): Promise<LedgerResult>;
  record(ret: { schemeId: string; uniqueId: string; requestHash: string; saleId: string | null; customerId: string; kind: ReturnKind; request: Record<string, unknown>; result: ReturnResult }): Promise<void>;
  /** The sale's cumulative returned state and what is still pending. */
  updateSale(saleId: string, returned: ReturnedSoFar | null, pendingTransferId: string | null, pendingPoints: bigint): Promise<void>;
  /** A fully returned sale gives its coupons back. */
  releaseCoupons(schemeId: string, saleUniqueId: string): Promise<void>;
  now(): Promise<string>;
  connectedEvents(schemeId: string): Promise<SyncKind[]>;
  followUps(batch: FollowUpBatch): Promise<void>;
}

export interface ReturnStore {
  /** Runs `fn` in one transaction; `followUps` written in it ring the relay after the commit. */
  transaction<T>(fn: (tx: ReturnTransaction) => Promise<T>): Promise<T>;
}

export interface ReturnsRepository {
  forSale(schemeId: string, saleUniqueId: string): Promise<SaleReturns | null>;
  /** The sale's return window ended: its pending points become available (once). */
  activatePending(schemeId: string, saleUniqueId: string): Promise<{ activated: string }>;
}
