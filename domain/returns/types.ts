/** What a sale recorded per line (sales.lines), read back for returns. Amounts as decimal strings. */
export interface RecordedLine {
  index: number;
  sku: string | null;
  quantity: number;
  amountMinor: string;
  eligibleMinor: string;
  rate: string;
  points: string;
}

/** One payment of the original sale, in minor units. */
export interface RecordedPayment {
  type: string;
  amountMinor: bigint;
  reference: string | null;
}

/** How much of a sale has been returned so far (cumulative, so rounding never drifts). */
export interface ReturnedSoFar {
  /** Units returned per line index. */
  units: Record<string, number>;
  /** Points owed back so far (deducted, voided from pending, or recorded as shortfall). */
  pointsOwed: string;
  pointsReadded: string;
  /** Refunded per original payment index, minor units. */
  refunded: string[];
}

export const nothingReturned = (payments: number): ReturnedSoFar => ({ units: {}, pointsOwed: '0', pointsReadded: '0', refunded: Array.from({ length: payments }, () => '0') });

/** A sale as returns see it. */
export interface SaleForReturn {
  uniqueId: string;
  customerId: string;
  lines: RecordedLine[];
  payments: RecordedPayment[];
  totalMinor: bigint;
  pointsEarned: bigint;
  pointsRedeemed: bigint;
  returned: ReturnedSoFar;
  /** Points of this sale still pending (return window open), and the pending transfer holding them. */
  pendingPoints: bigint;
  pendingTransferId: string | null;
  couponsUsed: boolean;
}

export type ReturnPolicy = 'within_balance' | 'allow_negative';
export const returnPolicies = ['within_balance', 'allow_negative'] as const;

export type ReturnKind = 'full' | 'line_item' | 'custom';

export type ReturnSelection = { kind: 'full' } | { kind: 'line_item'; lines: Array<{ sku: string; quantity: number }> };
