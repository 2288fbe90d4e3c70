import type { Repositories } from '../../domain/ports';
import { hotPool, type Orm } from '../orm';
import { MikroApiKeyRepository } from './api-key-repository';
import { MikroCustomerRepository } from './customer-repository';
import { MikroSchemeRepository } from './scheme-repository';
import { LedgerEngine } from '../ledger/ledger-engine';
import { MikroLedgerRepository } from './ledger-repository';
import { PgLotStore } from '../ledger/lot-store';
import { PgTierStore } from '../tiers/tier-store';
import { PgPointsHistory } from '../ledger/history-store';
import { MikroSalesRepository } from './sales-repository';
import { GiftCards } from '../ledger/gift-cards';
import { MikroCouponRepository } from './coupon-repository';
import { MikroReturnsRepository } from './returns-repository';
import { MikroOutletRepository } from './outlet-repository';
import { PgRegistrationStore } from './registration-store';
import { MikroPointRulesRepository } from './point-rules-repository';
import { PgReturnStore } from '../returns/return-store';
import { PgReferralStore } from '../referrals/referral-store';
import { PgMissionStore } from '../missions/mission-store';
import { MikroConnectionRepository } from './connection-repository';
import { MikroSyncRepository } from './sync-repository';
import { Sealer } from '../secrets/sealer';
import { MikroWebhookRepository } from './webhook-repository';
import { MikroReconciliationRepository } from './reconciliation-repository';
import { MikroReferralRepository } from './referral-repository';
import { MikroHubEventRepository } from './hub-event-repository';
import { MikroMissionRepository } from './mission-repository';
import { PgSaleStore } from '../sales/sale-store';
import { Doorbell } from '../follow-ups/doorbell';
import { PgFollowUpQueue } from '../follow-ups/queue';
import { PgPosSettingsRepository } from './pos-settings-repository';
import { PgRequestClaims } from './request-claims';
import { PgOwnerCustomers } from './owner-customers';
import { PgCouponBooks } from '../coupon-books/books';
import { PgCouponBookOperations } from '../coupon-books/operations';
import { PgTriggerRepository } from '../triggers/triggers';
import { PgDeliveryStore } from '../triggers/deliveries';
import { PgAudiences } from '../audiences/audiences';
import { PgStats } from '../stats/stats';

export interface RepositoryOptions {
  /** 32 bytes: seals partner credentials; without it connections cannot be stored or used. */
  credentialsKey?: Buffer;
}

export function createRepositories(orm: Orm, opts: RepositoryOptions = {}): Repositories {
  const doorbell = new Doorbell();
  const ledger = new LedgerEngine(orm, { doorbell });
  const posting = { doorbell };
  const giftCards = new GiftCards(orm, ledger);
  const coupons = new MikroCouponRepository(orm);
  const pointRules = new MikroPointRulesRepository(orm);
  const sealer = opts.credentialsKey ? new Sealer(opts.credentialsKey) : null;
  return {
    schemes: new MikroSchemeRepository(orm),
    apiKeys: new MikroApiKeyRepository(orm),
    customers: new MikroCustomerRepository(orm, doorbell),
    registrations: new PgRegistrationStore(orm, doorbell),
    ledger,
    ledgers: new MikroLedgerRepository(orm),
    lots: new PgLotStore(orm),
    tiers: new PgTierStore(orm),
    pointsHistory: new PgPointsHistory(orm),
    sales: new MikroSalesRepository(orm, giftCards, coupons, pointRules),
    outlets: new MikroOutletRepository(orm),
    pointRules,
    saleStore: new PgSaleStore(hotPool(orm), ledger, posting),
    followUps: { queue: new PgFollowUpQueue(orm), doorbell },
    giftCards,
    coupons,
    returns: new MikroReturnsRepository(orm, ledger),
    returnStore: new PgReturnStore(orm, ledger, posting),
    connections: new MikroConnectionRepository(orm, sealer),
    sync: new MikroSyncRepository(orm),
    webhooks: new MikroWebhookRepository(orm, sealer),
    reconciliations: new MikroReconciliationRepository(orm),
    referrals: new MikroReferralRepository(orm, ledger),
    referralStore: new PgReferralStore(orm, ledger),
    hubEvents: new MikroHubEventRepository(orm, doorbell),
    missions: new MikroMissionRepository(orm, ledger),
    missionStore: new PgMissionStore(orm, ledger),
    posSettings: new PgPosSettingsRepository(orm),
    requestClaims: new PgRequestClaims(orm),
    ownerCustomers: new PgOwnerCustomers(orm),
    couponBooks: new PgCouponBooks(orm),
    couponBookOperations: new PgCouponBookOperations(orm, doorbell),
    triggers: new PgTriggerRepository(orm, sealer, doorbell),
    deliveries: new PgDeliveryStore(orm, sealer),
    audiences: new PgAudiences(orm),
    stats: new PgStats(orm),
  };
}
