import type { CustomerChanges } from '../customer';

/**
 * The narrow port between the hub and a partner loyalty platform. Adapters
 * (adapters/<partner>/) implement it over HTTP; nothing partner-shaped leaves
 * them. Points are decimal strings of integers, money is minor units.
 */
export const partners = ['loyale', 'loyaltyplus', 'coupontools'] as const;
export type Partner = (typeof partners)[number];

/** The hub operations a connection can forward. */
export const syncKinds = ['customer', 'sale', 'return', 'adjustment'] as const;
export type SyncKind = (typeof syncKinds)[number];

export interface PartnerCustomer {
  id: string;
  barcode: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  status: 'ACTIVE' | 'BLOCKED';
}

export interface SyncedSale {
  /** The POS's uniqueId: partners that de-duplicate (Loyale) get the same one. */
  uniqueId: string;
  customer: PartnerCustomer;
  outletId: string;
  /** The Loyale transaction body as the till posted it (lineItems, paymentMethods, coupons, …). */
  request: Record<string, unknown>;
  totalMinor: string;
  currencyDecimals: number;
  /** Units bought (positive quantities only). */
  units: number;
  pointsEarned: string;
  pointsRedeemed: string;
}

export interface SyncedReturn {
  /** The return's own uniqueId. */
  uniqueId: string;
  saleUniqueId: string | null;
  kind: 'full' | 'line_item' | 'custom';
  customer: PartnerCustomer;
  lines: Array<{ sku: string | null; quantity: number }>;
  /** The custom return's body (a Loyale transaction body); null for full / line-item. */
  request: Record<string, unknown> | null;
  pointsDeducted: string;
  pointsReadded: string;
}

export interface PointsAdjustment {
  customer: PartnerCustomer;
  /** Signed: positive adds, negative deducts. */
  points: string;
  reason: string;
  /** Derived from the hub operation, for partners that de-duplicate. */
  idempotencyKey: string;
}

export type SyncResult =
  | { status: 'SYNCED'; externalId?: string; detail?: Record<string, unknown> }
  /** The partner cannot take this operation (declared, not faked), or the connection's mapping leaves it out. */
  | { status: 'SKIPPED'; reason: string };

/** A connection's settings as an adapter needs them (credentials decrypted). */
export interface AdapterConnection {
  id: string;
  partner: Partner;
  baseUrl: string;
  credentials: Record<string, string>;
  options: Record<string, unknown>;
}

export type Remember = (externalId: string) => Promise<void>;

/** A customer change a partner reports through a pull API. */
export interface PartnerCustomerUpdate {
  externalId: string;
  barcode: string | null;
  changes: CustomerChanges;
  updatedAt: string;
}

/**
 * The calls of a multi-call sync that already reached the partner (e.g. one
 * Loyale line-item return per SKU): a retry skips them instead of repeating them.
 */
export interface SyncSteps {
  done(step: string): boolean;
  mark(step: string): Promise<void>;
}

export interface PartnerAdapter {
  readonly partner: Partner;
  /**
   * `link` is the partner's id for the customer when the hub has learnt one
   * (a Loyalty+ customer id, a Coupontools card user id); an adapter that
   * creates the customer answers the new id as `externalId`.
   *
   * `remember` stores a newly learnt id at once: an adapter that creates the
   * customer and then fails on the next call must not create it again on retry.
   */
  syncCustomer(customer: PartnerCustomer, link: string | null, remember?: Remember): Promise<SyncResult>;
  syncTransaction(sale: SyncedSale, link: string | null, remember?: Remember): Promise<SyncResult>;
  syncReturn(ret: SyncedReturn, link: string | null, remember?: Remember, steps?: SyncSteps): Promise<SyncResult>;
  adjustPoints(adjustment: PointsAdjustment, link: string | null, remember?: Remember): Promise<SyncResult>;
  /** Partners with a pull API for customer changes (Loyale): the changes since `since`, oldest first. */
  updatedCustomers?(since: string): Promise<PartnerCustomerUpdate[]>;
  /** The partner's balance for the customer, or null when it keeps none the hub can read. */
  getBalance(customer: PartnerCustomer, link: string | null): Promise<bigint | null>;
}
