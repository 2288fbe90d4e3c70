import type { SaleLine, SalePayment } from '../transactions/calculate';
import type { ReturnResult } from './result';
import type { ReturnKind, ReturnSelection } from './types';

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

export interface ReturnsRepository {
  /**
   * Works the return out on the current state under the sale's lock, and with
   * `commit` posts its ledger legs and records it in one transaction (a
   * repeated uniqueId answers the first result). Without, nothing is written.
   */
  process(req: ReturnRequest, mode: 'commit' | 'simulate'): Promise<ReturnResult>;
  forSale(schemeId: string, saleUniqueId: string): Promise<SaleReturns | null>;
  /** The sale's return window ended: its pending points become available (once). */
  activatePending(schemeId: string, saleUniqueId: string): Promise<{ activated: string }>;
}
