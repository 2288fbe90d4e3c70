import { BusinessRuleError, NotFoundError } from '../../domain/errors';
import type { CustomerRepository } from '../../domain/ports';
import type { TierPort } from '../../domain/tiers/ports';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { tierEndpoints } from '../endpoints/tiers';
import { schemeOf } from '../middleware/auth';
import type { ExpiryWorkflows, TierWorkflows } from '../ports';
import { defaultLevel, loyaleLevel } from './loyale-views';

export interface TierHandlerDeps {
  tiers: TierPort;
  customers: Pick<CustomerRepository, 'findById'>;
  /** The daily sweep judges tiers whose earned points left the window: a scheme with tiers has one. */
  schedules: ExpiryWorkflows;
  timers: TierWorkflows;
}

export function tierHandlers({ tiers, customers, schedules, timers }: TierHandlerDeps): Handlers<typeof tierEndpoints> {
  const existing = async (schemeId: string, tierId: string) => {
    const tier = await tiers.get(schemeId, tierId);
    if (!tier) throw new NotFoundError('Tier');
    return tier;
  };
  const customer = async (schemeId: string, id: string) => {
    if (!(await customers.findById(schemeId, id))) throw new NotFoundError('Customer');
  };

  return {
    async listTiers({ query, res }) {
      return ok(await tiers.list(schemeOf(res.locals), query));
    },

    async createTier({ body, res }) {
      const schemeId = schemeOf(res.locals);
      const tier = await tiers.create(schemeId, body);
      await schedules.ensureSchedule(schemeId);
      return created({ tier });
    },

    async getTier({ params: { tierId }, res }) {
      return ok({ tier: await existing(schemeOf(res.locals), tierId) });
    },

    async updateTier({ params: { tierId }, body, res }) {
      const schemeId = schemeOf(res.locals);
      await existing(schemeId, tierId);
      return ok({ tier: await tiers.update(schemeId, tierId, body) });
    },

    async getCustomerTier({ params: { id }, res }) {
      const found = await tiers.customerTier(schemeOf(res.locals), id);
      if (!found) throw new NotFoundError('Customer');
      return ok({ loyaltyTierId: found.tier?.id ?? null, tier: found.tier, source: found.source, expiresAt: found.expiresAt, accrual: found.accrual, windowMonths: found.windowMonths, nextTier: found.next });
    },

    /** Set by hand, then a durable timer to its expiry (a retried request sets the same and finds the same timer). */
    async setCustomerTier({ params: { id }, body: { loyaltyTierId = null, expiresAt }, res }) {
      const schemeId = schemeOf(res.locals);
      await customer(schemeId, id);
      if (loyaltyTierId !== null) await existing(schemeId, loyaltyTierId);
      const until = expiresAt === undefined ? null : new Date(expiresAt).toISOString();
      if (until !== null && Date.parse(until) <= Date.now()) throw new BusinessRuleError('expiresAt must be in the future', [{ path: 'body.expiresAt', message: 'in the past' }]);
      await tiers.setManual(schemeId, id, loyaltyTierId, until);
      if (until !== null) await timers.holdManualTier({ schemeId, customerId: id, expiresAt: until });
      return ok({ loyaltyTierId });
    },

    async listCustomerTierHistory({ params: { id }, query, res }) {
      const schemeId = schemeOf(res.locals);
      await customer(schemeId, id);
      return ok(await tiers.history(schemeId, id, query));
    },

    async loyaleListLevels({ res }) {
      const schemeId = schemeOf(res.locals);
      // Loyale's list is not paged: a scheme has a handful of tiers (the bound only stops a runaway).
      const page = await tiers.list(schemeId, { limit: 1000 });
      // A till reads a member's level from this list: a scheme without tiers still has one.
      return ok(page.data.length === 0 ? [defaultLevel(schemeId)] : page.data.map((t) => loyaleLevel(schemeId, t)));
    },

    async loyaleGetLevel({ params: { tierId }, res }) {
      const schemeId = schemeOf(res.locals);
      const tier = await tiers.get(schemeId, tierId);
      if (tier) return ok(loyaleLevel(schemeId, tier));
      if (tierId === schemeId && (await tiers.list(schemeId, { limit: 1 })).data.length === 0) return ok(defaultLevel(schemeId));
      throw new NotFoundError('Tier');
    },
  };
}
