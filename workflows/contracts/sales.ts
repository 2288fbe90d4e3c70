import type { SaleRequest } from '../../domain/transactions/price-sale';
import type { SaleResult } from '../../domain/transactions/sale-result';
import type { Outcome } from '../../domain/outcome';
import type { OneStep, PosRequestIdentity } from './common';

/** A POS sale: the Loyale transaction body, validated, plus its identity. */
export interface RecordSaleInput extends PosRequestIdentity, OneStep {
  sale: SaleRequest;
  statusUrl: string;
  /** The body as posted, stored with the transaction. */
  request: Record<string, unknown>;
}

/** The sale's return window: its pending points become available at `activateAt`. */
export interface ActivatePendingPointsInput {
  schemeId: string;
  uniqueId: string;
  activateAt: string;
}

export type RecordSaleWorkflow = (input: RecordSaleInput) => Promise<Outcome<SaleResult> | SaleResult>;
export type ActivatePendingPointsWorkflow = (input: ActivatePendingPointsInput) => Promise<string>;
