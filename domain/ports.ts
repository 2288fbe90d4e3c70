import type { LotPort } from './ledger/lots';
import type { TierPort } from './tiers/ports';
import type { PointsHistoryPort } from './ledger/history';
import type { PosSettingsRepository, RequestClaims } from './pos/ports';
import type { OwnerCustomerDirectory } from './customers/owner-directory';
import type { ConnectionRepository, SyncRepository } from './partners/sync';
import type { WebhookRepository } from './partners/webhooks';
import type { ReconciliationRepository } from './partners/reconciliation';
import type { ReturnsRepository, ReturnStore } from './returns/ports';
import type { AttachTransaction, ReferralRepository, ReferralStore } from './referrals/ports';
import type { HubEventRepository } from './events/ports';
import type { MissionRepository, MissionStore } from './missions/ports';
import type { Customer, CustomerChanges, NewCustomer } from './customer';
import type { FollowUp, FollowUpBatch } from './follow-ups';
import type { HubEvent } from './events/hub-event';
import type { SyncKind } from './partners/ports';
import type { Page, PageRequest } from './pagination';
import type { LedgerRequest, LedgerResult, Transfer, Wallet } from './ledger/operations';
import type { LedgerAccountView, LedgerView, NewLedgerAccount, TransferFilter, WalletView } from './ledger/views';
import type { ApiKeyRole, ApiKeySummary, IssuedApiKey, NewScheme, Scheme } from './scheme';
import type { PointsAnnouncement } from './points/announce';
import type { CouponBookOperations, CouponBookRepository } from './coupon-books/ports';
import type { DeliveryStore, TriggerRepository } from './triggers/ports';
import type { AudienceRepository } from './audiences/ports';
import type { StatsRepository } from './stats/ports';
import type { CouponRepository, GiftCardRepository, SalesRepository, SaleStore, OutletRepository, PointRulesRepository } from './transactions/ports';

/**
 * The narrow interfaces the API and the activities depend on. Implementations
 * live in db/repositories; nothing outside db/ sees MikroORM.
 */
export interface SchemeRepository {
  create(input: NewScheme): Promise<Scheme>;
  findById(id: string): Promise<Scheme | null>;
  findByName(name: string): Promise<Scheme | null>;
  /** Oldest first, keyset-paged; `name`: only names containing it (any case). */
  list(page: PageRequest & { name?: string }): Promise<Page<Scheme>>;
}

export interface AuthenticatedKey {
  keyId: string;
  schemeId: string;
  /** The scheme's currency (ISO 4217), for checks that need its decimals. */
  currency: string;
  /** Absent for the admin token acting for a scheme. */
  role?: ApiKeyRole;
}

export interface ApiKeyRepository {
  issue(schemeId: string, name: string | null, role?: ApiKeyRole): Promise<IssuedApiKey>;
  list(schemeId: string, page: PageRequest): Promise<Page<ApiKeySummary>>;
  revoke(schemeId: string, keyId: string): Promise<ApiKeySummary | null>;
  /** Resolves a presented key to its scheme; null when unknown or revoked. */
  authenticate(schemeId: string, presentedKey: string): Promise<AuthenticatedKey | null>;
  /** The same, for a key presented without its scheme (key hashes are unique across schemes). */
  authenticateKey(presentedKey: string): Promise<AuthenticatedKey | null>;
}

export interface CreateCustomerCommand {
  schemeId: string;
  customer: NewCustomer;
  /** Stable for every retry of the same logical create; enforced unique per scheme. */
  idempotencyKey: string;
  /** Hash of the canonical request, to refuse a key reused for a different body. */
  requestHash: string;
  /** A referral code given at registration: attached in the same transaction, so a refused code creates no customer. */
  referralCode?: string;
  /**
   * Record what follows the registration in the same transaction: its event
   * (journalled when nothing listens), the referral's workflow, the partner
   * sync (not back to `originConnectionId`). Executions from before the
   * one-step registration start those themselves and leave this out.
   */
  announce?: { originConnectionId?: string };
}

/** What registering a customer reads and writes, inside one transaction (`domain/customers/register.ts` decides). */
export interface RegistrationTransaction {
  /** The customer row with this barcode, and its wallet in the scheme's default points account; a unique violation throws. */
  insert(command: CreateCustomerCommand, barcode: string): Promise<Customer>;
  /** A referral code given at registration is attached in the same transaction. */
  attach: AttachTransaction;
  busListening(schemeId: string, customerId: string, eventType: string): Promise<boolean>;
  /** Journals an event nobody listens to, as delivered. */
  journal(event: HubEvent): Promise<void>;
  connectedEvents(schemeId: string): Promise<SyncKind[]>;
  followUps(batch: FollowUpBatch): Promise<void>;
}

export interface RegistrationStore {
  transaction<T>(fn: (tx: RegistrationTransaction) => Promise<T>): Promise<T>;
  /** The customer field a unique violation is about ('barcode', 'email', 'phone', else 'value'), or null when `err` is not one. */
  violated(err: unknown): 'barcode' | 'email' | 'phone' | 'value' | null;
  /** The customer an idempotency key already registered, with its request hash. */
  byIdempotencyKey(schemeId: string, idempotencyKey: string): Promise<{ customer: Customer; requestHash: string } | null>;
}

export interface CustomerLookup {
  barcode?: string;
  email?: string;
  phone?: string;
}

/** A customer as a till's change feed shows it: with its available points in the scheme's default account. */
export interface UpdatedCustomer extends Customer {
  points: string;
}

export interface CustomerRepository {
  update(schemeId: string, customerId: string, changes: CustomerChanges): Promise<Customer>;
  findById(schemeId: string, customerId: string): Promise<Customer | null>;
  list(schemeId: string, lookup: CustomerLookup, page: PageRequest): Promise<Page<Customer>>;
  /**
   * Customers updated at or after `from`, by (updatedAt, id): the change feed
   * tills cache members from (Loyale's Updated Customers). Only changes older
   * than a short settle horizon are served, so one committed late with an
   * earlier updatedAt is still seen by the next poll.
   */
  updatedSince(schemeId: string, from: string, page: PageRequest): Promise<Page<UpdatedCustomer>>;
}

export interface FollowUpOutbox {
  queue: {
    claim(limit: number, leaseMs: number): Promise<Array<{ id: string; schemeId: string; key: string; lane: string; steps: FollowUp[]; attempts: number }>>;
    complete(id: string): Promise<void>;
    defer(id: string, error: string, delayMs: number): Promise<void>;
    backlog(): Promise<number>;
  };
  doorbell: { listen(listener: () => void): () => void };
}

/** The double-entry engine: every balance change goes through apply(). */
export interface LedgerPort {
  /**
   * `expireHolds`: a hold with a `timeoutAt` gets the hub's expiry, recorded in the same transaction (ledger API holds).
   * `announce`: a points operation of a customer (adjustment, top-up, POS redemption) gets its event and partner sync, the same way.
   */
  apply(request: LedgerRequest, options?: { expireHolds?: boolean; announce?: PointsAnnouncement }): Promise<LedgerResult>;
  customerWallet(schemeId: string, accountId: string, customerId: string): Promise<Wallet>;
  defaultAccount(schemeId: string): Promise<{ ledgerId: string; accountId: string }>;
}

/** Ledger configuration and reads, scoped to a scheme. */
export interface LedgerRepository {
  listLedgers(schemeId: string, page: PageRequest): Promise<Page<LedgerView>>;
  createLedger(schemeId: string, input: { name: string; description?: string | null }): Promise<LedgerView>;
  getLedger(schemeId: string, ledgerId: string): Promise<LedgerView | null>;
  updateLedger(schemeId: string, ledgerId: string, input: { name: string; description?: string | null; defaultAccountId?: string }): Promise<LedgerView>;
  listAccounts(schemeId: string, ledgerId: string, page: PageRequest): Promise<Page<LedgerAccountView>>;
  createAccount(schemeId: string, ledgerId: string, input: NewLedgerAccount): Promise<LedgerAccountView>;
  getAccount(schemeId: string, ledgerId: string, accountId: string): Promise<LedgerAccountView | null>;
  updateAccount(schemeId: string, ledgerId: string, accountId: string, input: NewLedgerAccount): Promise<LedgerAccountView>;
  listTransfers(schemeId: string, accountId: string, filter: TransferFilter): Promise<Page<Transfer>>;
  getWallet(schemeId: string, accountId: string, walletId: string): Promise<WalletView | null>;
  customerWallets(schemeId: string, customerId: string): Promise<WalletView[]>;
}

export interface Repositories {
  schemes: SchemeRepository;
  apiKeys: ApiKeyRepository;
  customers: CustomerRepository;
  /** A registration's one transaction (`domain/customers/register.ts` runs in it). */
  registrations: RegistrationStore;
  ledger: LedgerPort;
  ledgers: LedgerRepository;
  /** Expiry lots: what the ledger keeps per wallet, read, and swept when due. */
  lots: LotPort;
  /** Tiers, customers' tiers and their history. */
  tiers: TierPort;
  /** A customer's points history: signed amounts, reasons, running balance. */
  pointsHistory: PointsHistoryPort;
  sales: SalesRepository;
  outlets: OutletRepository;
  pointRules: PointRulesRepository;
  /** A sale's one transaction (the one-step sale's local activity). */
  saleStore: SaleStore;
  /** The outbox of follow-ups, for the relay: claimed batches, and a bell rung when a commit recorded some. */
  followUps: FollowUpOutbox;
  giftCards: GiftCardRepository;
  coupons: CouponRepository;
  couponBooks: CouponBookRepository;
  couponBookOperations: CouponBookOperations;
  triggers: TriggerRepository;
  deliveries: DeliveryStore;
  audiences: AudienceRepository;
  stats: StatsRepository;
  returns: ReturnsRepository;
  /** A return's one transaction (`domain/returns/process-return.ts` runs in it). */
  returnStore: ReturnStore;
  connections: ConnectionRepository;
  sync: SyncRepository;
  webhooks: WebhookRepository;
  reconciliations: ReconciliationRepository;
  referrals: ReferralRepository;
  /** A referral's payout transaction (`domain/referrals/payout.ts` runs in it). */
  referralStore: ReferralStore;
  hubEvents: HubEventRepository;
  missions: MissionRepository;
  /** Counting an event toward missions, in one transaction (`domain/missions/count-event.ts` runs in it). */
  missionStore: MissionStore;
  /** Loyalty+ POS settings per scheme. */
  posSettings: PosSettingsRepository;
  /** The uniqueIds of requests that carry none (Loyalty+ writes), claimed per fingerprint. */
  requestClaims: RequestClaims;
  /** Loyalty+'s owner view of the customers: erased ones left out, an offset page with its total. */
  ownerCustomers: OwnerCustomerDirectory;
}
