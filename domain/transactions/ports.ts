import type { BookStatus } from '../coupon-books/book';
import type { SyncKind } from '../partners/ports';
import type { Page, PageRequest } from '../pagination';
import type { PointRules } from './rules';
import type { LedgerRequest, LedgerResult } from '../ledger/operations';
import type { HubEvent } from '../events/hub-event';
import type { FollowUpBatch } from '../follow-ups';
import type { SideListener } from './side-events';

export interface Outlet {
  id: string;
  name: string;
  active: boolean;
  createdAt: string;
}

/** Point rules as they are stored and shown: rates as decimal strings. */
export interface PointRulesView {
  earnPerUnit: string;
  redeemPointsPerUnit: string;
  overrides: Array<{ match: 'sku' | 'vendor' | 'category'; value: string; earnPerUnit: string; pointsPerItem?: string }>;
  /** A sale's points stay pending this long, so a return inside it voids them first (0: no window). */
  returnWindowSeconds: number;
  /** What a return does when the customer already spent the points. */
  returnPolicy: 'within_balance' | 'allow_negative';
  /** Points about to expire are announced (`points-expiring`) this many days ahead; read where expiry needs it. */
  expiryNoticeDays?: number;
  /** Tiers are measured on points earned in this many months, rolling; null: lifetime. */
  tierWindowMonths?: number | null;
}

/** Rules as PUT: the return settings default to no window and `within_balance`. */
export type RulesInput = Omit<PointRulesView, 'returnWindowSeconds' | 'returnPolicy'> & Partial<Pick<PointRulesView, 'returnWindowSeconds' | 'returnPolicy'>>;

export interface GiftCard {
  code: string;
  walletId: string;
  accountId: string;
  /** Minor units, as a decimal string. */
  available: string;
  decimals: number;
  /** The customer whose stored value the card holds (set by its first top-up at a till); null for an anonymous card, absent where a sale reads it. */
  holderId?: string | null;
}

export interface GiftCardRepository {
  issue(schemeId: string, input: { code?: string; amountMinor: bigint; decimals: number }): Promise<GiftCard>;
  find(schemeId: string, codes: string[]): Promise<Record<string, GiftCard>>;
  /** The first card the customer came to hold, or null. */
  heldBy(schemeId: string, customerId: string): Promise<GiftCard | null>;
  /** The card's value (minor units) just after one of its transfers. */
  valueAfter(schemeId: string, walletId: string, transferId: string): Promise<bigint>;
}

/** The kinds of coupon a sale can apply. */
export const couponTypes = ['amount_off', 'percent_off', 'free_item'] as const;
export type CouponType = (typeof couponTypes)[number];

export interface Coupon {
  code: string;
  type: CouponType;
  value: number;
  customerId: string | null;
  validFrom: string | null;
  validTo: string | null;
  usedAt: string | null;
  usedBy: string | null;
  /** A coupon book's code: the book's rules a use must also pass (domain/coupon-books/book.ts). */
  book?: CouponBookRules | null;
}

export interface CouponBookRules {
  /** The book's id (absent in histories recorded before events named it). */
  id?: string;
  status: BookStatus;
  validFrom: string | null;
  validTo: string | null;
  tiers: string[];
}

export type NewCoupon = Pick<Coupon, 'type' | 'value'> & Partial<Pick<Coupon, 'code' | 'customerId' | 'validFrom' | 'validTo'>>;

export interface CouponRepository {
  create(schemeId: string, input: NewCoupon): Promise<Coupon>;
  find(schemeId: string, codes: string[]): Promise<Record<string, Coupon>>;
  /** Marks the coupons used by this sale; returns the codes it now holds (the others were taken). */
  consume(schemeId: string, codes: string[], saleUniqueId: string): Promise<string[]>;
  /** Compensation: gives back the coupons a failed sale had taken. */
  release(schemeId: string, saleUniqueId: string): Promise<void>;
}

/** Everything a sale needs to know before it is calculated. */
export interface SaleContext {
  customerId: string;
  customerStatus: 'ACTIVE' | 'BLOCKED';
  outletId: string;
  accountId: string;
  walletId: string;
  available: string;
  currencyDecimals: number;
  rules: PointRulesView;
  /** The gift cards the payment methods reference, by code (absent = unknown). */
  giftCards: Record<string, GiftCard>;
  /** The coupons the sale names, by code (absent = unknown). */
  coupons: Record<string, Coupon>;
  /** When the context was read (the activity's clock): coupon validity is judged against it. */
  now: string;
  /** What the scheme's partner connections forward (absent in histories recorded before partner sync). */
  partnerEvents?: SyncKind[];
  /** Whether a mission or a referral listens for this customer's purchases (absent in histories recorded before the event bus). */
  busListening?: boolean;
  /** Whether the scheme has an active event trigger (its events become deliveries). */
  triggered?: boolean;
  /** The side event types (ledger transaction, coupon and benefit uses) something listens for; absent or empty: none is recorded. */
  sideListeners?: SideListener[];
  /** The customer's tier, when it has one (absent in histories recorded before tiers): its multiplier applies to what the sale earns. */
  tier?: SaleTier | null;
}

export interface SaleTier {
  id: string;
  name: string;
  earnMultiplierPercent: number;
}

export interface StoredSale {
  uniqueId: string;
  customerId: string;
  outletId: string;
  pointsEarned: string;
  pointsRedeemed: string;
  request: Record<string, unknown>;
  result: Record<string, unknown>;
  lines: Array<Record<string, unknown>>;
  /** Points still pending (the return window is open) and when they become available. */
  pendingPoints: string;
  pendingUntil: string | null;
  createdAt: string;
}

export type NewSale = Omit<StoredSale, 'createdAt'> & { requestHash: string; pendingTransferId: string | null };

/** A scheme's outlets (stores, tills' locations). */
export interface OutletRepository {
  create(schemeId: string, name: string): Promise<Outlet>;
  list(schemeId: string, page: PageRequest): Promise<Page<Outlet>>;
  /** Null when the id is not one of the scheme's outlets. */
  get(schemeId: string, id: string): Promise<Outlet | null>;
}

/** A scheme's point rules: earn rate, redemption rate, overrides, return window and policy. */
export interface PointRulesRepository {
  get(schemeId: string): Promise<PointRulesView>;
  put(schemeId: string, rules: RulesInput): Promise<PointRulesView>;
}

/** Sales: their context at the till, and the recorded sales. */
export interface SalesRepository {
  /** Null fields name what was not found (customer or outlet). */
  context(
    schemeId: string,
    who: { customerId?: string; customerBarcode?: string },
    outletId: string,
    giftCardCodes: string[],
    couponCodes: string[],
  ): Promise<SaleContext | { missing: 'customer' | 'outlet' }>;
  /** The currency's minor-unit digits for a scheme. */
  currencyDecimals(schemeId: string): Promise<number>;
  /** Idempotent: the first record for (scheme, uniqueId) wins and is returned. */
  record(schemeId: string, sale: NewSale): Promise<StoredSale>;
  get(schemeId: string, uniqueId: string): Promise<(StoredSale & { requestHash: string }) | null>;
  /** Null when the id is not a customer of the scheme. */
  listForCustomer(schemeId: string, customerId: string, page: PageRequest): Promise<Page<StoredSale> | null>;
}

export function rulesFromView(view: PointRulesView, currencyDecimals: number, earnMultiplierPercent?: number): PointRules {
  return {
    ...(earnMultiplierPercent === undefined ? {} : { earnPercent: BigInt(earnMultiplierPercent) }),
    currencyDecimals,
    earnPerUnit: BigInt(view.earnPerUnit),
    redeemPointsPerUnit: BigInt(view.redeemPointsPerUnit),
    overrides: view.overrides.map(({ pointsPerItem, ...o }) => ({ ...o, earnPerUnit: BigInt(o.earnPerUnit), ...(pointsPerItem === undefined ? {} : { pointsPerItem: BigInt(pointsPerItem) }) })),
  };
}

/** What every use case's transaction can do besides its own rows: ledger legs, a quiet event, follow-ups. */
export interface TransactionBasics {
  /**
   * The ledger engine's request, inside this transaction (its legs commit or
   * roll back with the rest). `claimed`: the caller's own record, read after
   * its lock, proves the key was never posted (a retry finds that record
   * first), so the engine skips the key's lock and look-up; the unique key
   * still backs it. Without it a repeated key replays its first result.
   */
  post(request: LedgerRequest, opts?: { claimed?: boolean }): Promise<LedgerResult>;
  /**
   * An event nothing on the bus listens for: journalled as delivered, no
   * workflow. `delivering`: one the bus will deliver (a follow-up of this
   * transaction), recorded now as running so event triggers — which hear an
   * event when its row is inserted — hear this transaction's events in order;
   * the delivery finds the row and completes it.
   */
  journal(event: HubEvent, opts?: { delivering?: boolean }): Promise<void>;
  /** Work that starts after the commit (the outbox); a batch recorded twice keeps the first. */
  followUps(batch: FollowUpBatch): Promise<void>;
  /** The events recorded here reach the scheme's event triggers (their fan-out writes outbox rows): start them at once after the commit. */
  wake(): void;
}

/** What a sale names, so its context can be read (and the wallets it may touch locked) before it is priced. */
export interface SaleLookup {
  customerId?: string;
  customerBarcode?: string;
  outletId: string;
  giftCardCodes: string[];
  couponCodes: string[];
}

/** What a sale's transaction found when it opened: the customer's wallet locked, its context, and any sale already recorded under its uniqueId. */
export interface OpenedSale {
  context: SaleContext | { missing: 'customer' | 'outlet' };
  /** Read after the lock, so a concurrent attempt's commit is seen: a retry, or the id reused for another body. */
  previous: (StoredSale & { requestHash: string }) | null;
}

/** One sale's PostgreSQL transaction. */
export interface SaleTransaction extends TransactionBasics {
  /**
   * Locks the customer's points wallet (the first lock, in the ledger's lock
   * order) and reads the sale's context and any sale recorded under its
   * uniqueId. The other wallets are locked by the ledger legs, later.
   */
  open(schemeId: string, uniqueId: string, lookup: SaleLookup): Promise<OpenedSale>;
  /** Marks the coupons used by this sale; returns the codes it now holds. */
  consumeCoupons(schemeId: string, codes: string[], saleUniqueId: string, customerId: string): Promise<string[]>;
  /** The sale row, written with the transaction's last writes. */
  record(schemeId: string, sale: NewSale): Promise<void>;
}

export interface SaleStore {
  transaction<T>(fn: (tx: SaleTransaction) => Promise<T>): Promise<T>;
}
