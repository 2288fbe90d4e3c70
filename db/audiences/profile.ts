import type { MemberProfile } from '../../domain/audiences/audience';
import type { Query } from '../ledger/ledger-engine';
import { AVAILABLE_POINTS, WITH_POINTS } from '../repositories/customer-repository';
import { saleTierSql } from '../tiers/sale-tier.sql';

/**
 * A member as audience rules see them, in one statement: tier, available
 * points and activity counters (sales and events, each an index range on the
 * customer). Null for another scheme's or an erased customer.
 */
export async function memberProfile(q: Query, schemeId: string, customerId: string): Promise<MemberProfile | null> {
  const [row] = await q<{ id: string; status: MemberProfile['status']; custom_attributes: MemberProfile['customAttributes']; created_at: Date | string; tier: MemberProfile['tier']; balance: string; purchases: number; last_purchase_at: Date | string | null; events: number }>(
    `select c.id, c.status, c.custom_attributes, c.created_at, ${AVAILABLE_POINTS}::text as balance,
            ${saleTierSql('c.id')} as tier,
            (select count(*)::int from sales s where s.customer_id = c.id) as purchases,
            (select max(s.created_at) from sales s where s.customer_id = c.id) as last_purchase_at,
            (select count(*)::int from hub_events e where e.customer_id = c.id) as events
       from ${WITH_POINTS} where c.id = ? and c.scheme_id = ? and c.erased_at is null`,
    [customerId, schemeId],
  );
  if (!row) return null;
  const iso = (v: Date | string) => new Date(v).toISOString();
  return {
    id: row.id,
    status: row.status,
    createdAt: iso(row.created_at),
    tier: row.tier,
    balance: Number(row.balance),
    purchases: row.purchases,
    lastPurchaseAt: row.last_purchase_at === null ? null : iso(row.last_purchase_at),
    events: row.events,
    // A null-prototype copy: a rule's `var` on `constructor` or `toString` finds nothing the member did not set.
    customAttributes: Object.assign(Object.create(null) as MemberProfile['customAttributes'], row.custom_attributes ?? {}),
  };
}
