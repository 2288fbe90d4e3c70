import type { Repositories } from '../domain/ports';
import { createCustomerActivities } from './customers';
import { createLedgerActivities } from './ledger';
import { createSaleActivities } from './sales';
import { createHoldActivities } from './holds';
import { createReturnActivities } from './returns';
import { createPartnerSyncActivities, type PartnerDeps } from './partner-sync';
import { createWebhookActivities } from './webhooks';
import { createReconciliationActivities } from './reconciliation';
import { createPartnerPollActivities } from './partner-poll';
import { createReferralActivities } from './referrals';
import { createHubEventActivities } from './hub-events';
import { createExpiryActivities } from './expiry';
import { createTierActivities } from './tiers';
import { createTriggerActivities } from './triggers';
import { createStatsActivities } from './stats';
import type { PointsMetrics } from './metrics';

export type ActivityDeps = Pick<Repositories, 'customers' | 'registrations' | 'ledger' | 'sales' | 'saleStore' | 'coupons' | 'returns' | 'returnStore' | 'sync' | 'connections' | 'webhooks' | 'reconciliations' | 'referrals' | 'referralStore' | 'hubEvents' | 'missions' | 'missionStore' | 'lots' | 'tiers' | 'deliveries' | 'stats'> & { partners: PartnerDeps; metrics: PointsMetrics };

/** Builds every activity from its ports; the worker registers the result. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCustomerActivities(deps),
    ...createLedgerActivities(deps),
    ...createSaleActivities(deps),
    ...createHoldActivities(deps),
    ...createReturnActivities(deps),
    ...createPartnerSyncActivities(deps),
    ...createWebhookActivities(deps),
    ...createReconciliationActivities(deps),
    ...createPartnerPollActivities(deps),
    ...createReferralActivities(deps),
    ...createHubEventActivities(deps),
    ...createExpiryActivities(deps),
    ...createTierActivities(deps),
    ...createTriggerActivities(deps),
    ...createStatsActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
