import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import { nextTier, tierFor } from '../../domain/tiers/decide';
import type { TierPort } from '../../domain/tiers/ports';
import type { CustomerTier, Tier, TierChange, TierInput } from '../../domain/tiers/types';
import type { Orm } from '../orm';
import { queryIn, type Query } from '../ledger/ledger-engine';
import { keysetPage } from '../repositories/keyset-page';
import { violatedConstraint } from '../repositories/unique-violation';

interface TierRow {
  id: string;
  name: string;
  active: boolean;
  min_required_points: string;
  tier_order: number;
  is_default: boolean;
  custom_attributes: Record<string, unknown>;
  picture_url: string | null;
  earn_multiplier_percent: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const toTier = (r: TierRow): Tier => ({
  id: r.id,
  name: r.name,
  active: r.active,
  minRequiredPoints: String(r.min_required_points),
  tierOrder: r.tier_order,
  isDefault: r.is_default,
  customAttributes: r.custom_attributes,
  pictureUrl: r.picture_url,
  earnMultiplierPercent: r.earn_multiplier_percent,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const clash = (err: unknown) => {
  const constraint = violatedConstraint(err);
  if (constraint === 'loyalty_tiers_scheme_name_unique') return new ConflictError('A tier with this name exists', [{ path: 'body.name', message: 'already used in this scheme' }]);
  if (constraint === 'loyalty_tiers_scheme_order_unique') return new ConflictError('A tier with this tierOrder exists', [{ path: 'body.tierOrder', message: 'already used in this scheme' }]);
  if (constraint === 'loyalty_tiers_one_default') return new ConflictError('The scheme already has a default tier', [{ path: 'body.isDefault', message: 'only one tier can be the default' }]);
  return err;
};

/** Tiers, and the database's tier functions (db/ledger/sql/tiers.sql.ts) behind a port. */
export class PgTierStore implements TierPort {
  constructor(private readonly orm: Orm) {}

  private get q(): Query {
    return queryIn(this.orm.em.fork());
  }

  /** By tierOrder (unique in a scheme, loyalty_tiers_scheme_order_unique), the id keeping the key unique. */
  list(schemeId: string, page: PageRequest): Promise<Page<Tier>> {
    const key = [{ sql: 'tier_order', type: 'int' as const }, { sql: 'id', type: 'uuid' as const }];
    return keysetPage(this.q, { select: '*', from: 'loyalty_tiers', where: ['scheme_id = ?'], params: [schemeId], key, order: 'asc' }, page, toTier);
  }

  private async all(schemeId: string): Promise<Tier[]> {
    return (await this.q<TierRow>('select * from loyalty_tiers where scheme_id = ? order by tier_order', [schemeId])).map(toTier);
  }

  async get(schemeId: string, tierId: string): Promise<Tier | null> {
    const [row] = await this.q<TierRow>('select * from loyalty_tiers where scheme_id = ? and id = ?', [schemeId, tierId]);
    return row ? toTier(row) : null;
  }

  async create(schemeId: string, t: TierInput): Promise<Tier> {
    const [row] = await this.q<TierRow>(
      `insert into loyalty_tiers (id, scheme_id, name, active, min_required_points, tier_order, is_default, custom_attributes, picture_url, earn_multiplier_percent, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, now(), now()) returning *`,
      [randomUUID(), schemeId, t.name, t.active, t.minRequiredPoints, t.tierOrder, t.isDefault, JSON.stringify(t.customAttributes), t.pictureUrl, t.earnMultiplierPercent],
    ).catch((err: unknown) => Promise.reject(clash(err)));
    return toTier(row!);
  }

  /** A changed threshold or order applies from the next posting or sweep on: members are not all re-judged at once. */
  async update(schemeId: string, tierId: string, t: TierInput): Promise<Tier> {
    const [row] = await this.q<TierRow>(
      `update loyalty_tiers set name = ?, active = ?, min_required_points = ?, tier_order = ?, is_default = ?, custom_attributes = ?::jsonb,
              picture_url = ?, earn_multiplier_percent = ?, updated_at = now()
        where scheme_id = ? and id = ? returning *`,
      [t.name, t.active, t.minRequiredPoints, t.tierOrder, t.isDefault, JSON.stringify(t.customAttributes), t.pictureUrl, t.earnMultiplierPercent, schemeId, tierId],
    ).catch((err: unknown) => Promise.reject(clash(err)));
    return toTier(row!);
  }

  async customerTier(schemeId: string, customerId: string): Promise<CustomerTier | null> {
    const [row] = await this.q<{ tier_id: string | null; source: 'accrual' | 'manual' | null; expires_at: string | null; accrual: string; window_months: number | null }>(
      `select ct.tier_id, ct.source, ct.expires_at, tier_customer_accrual(c.scheme_id, c.id, now())::text as accrual,
              tier_window_months(c.scheme_id) as window_months
         from customers c left join customer_tiers ct on ct.customer_id = c.id
        where c.id = ? and c.scheme_id = ?`,
      [customerId, schemeId],
    );
    if (!row) return null;
    const tiers = await this.all(schemeId);
    const accrual = BigInt(row.accrual);
    return {
      // Never judged yet (no posting since the scheme has tiers): the tier the rule gives, which the next posting records.
      tier: row.source === null ? tierFor(tiers, accrual) : (tiers.find((t) => t.id === row.tier_id) ?? null),
      source: row.source ?? 'accrual',
      expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
      accrual: row.accrual,
      windowMonths: row.window_months,
      next: row.source === 'manual' ? null : nextTier(tiers, accrual),
    };
  }

  async setManual(schemeId: string, customerId: string, tierId: string | null, expiresAt: string | null): Promise<{ changed: boolean }> {
    const [row] = await this.q<{ r: { changed: boolean } }>('select tier_set_manual(?, ?, ?, ?, now()) as r', [schemeId, customerId, tierId, expiresAt]);
    return { changed: row!.r.changed };
  }

  async evaluate(schemeId: string, customerId: string, reason: string): Promise<{ changed: boolean }> {
    const [row] = await this.q<{ r: { changed: boolean } | null }>('select tier_evaluate(?, ?, ?, now()) as r', [schemeId, customerId, reason]);
    return { changed: row?.r?.changed ?? false };
  }

  /** Newest first along tier_changes (customer_id, changed_at). */
  history(schemeId: string, customerId: string, page: PageRequest): Promise<Page<TierChange>> {
    const key = [{ sql: 'changed_at', type: 'timestamptz' as const }, { sql: 'id', type: 'uuid' as const }];
    return keysetPage(
      this.q,
      { select: '*', from: 'tier_changes', where: ['scheme_id = ?', 'customer_id = ?'], params: [schemeId, customerId], key, order: 'desc' },
      page,
      (r: { id: string; from_tier_id: string | null; to_tier_id: string | null; reason: string; accrual: string | null; changed_at: string }) => ({
        id: r.id,
        fromTierId: r.from_tier_id,
        toTierId: r.to_tier_id,
        reason: r.reason,
        accrual: r.accrual === null ? null : String(r.accrual),
        changedAt: new Date(r.changed_at).toISOString(),
      }),
    );
  }

  async sweep(schemeId: string, cutoff: Date, after: string | null, max: number) {
    const [row] = await this.q<{ r: { evaluated: number; changed: number; last?: string | null } }>('select tier_sweep(?, ?, ?, ?) as r', [schemeId, cutoff, after, max]);
    return { evaluated: row!.r.evaluated, changed: row!.r.changed, last: row!.r.last ?? null };
  }
}
