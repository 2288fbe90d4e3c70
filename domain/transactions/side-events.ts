import type { HubEvent } from '../events/hub-event';
import type { SaleCalculation } from './calculate';
import type { Coupon } from './ports';

/**
 * Events a sale can raise besides its purchase, each only when something
 * listens for its type (an active event trigger or mission, read with the
 * sale's context): a sale nobody listens to for them writes nothing more.
 */
export const saleSideEventTypes = ['ledger-transaction-created', 'coupon-code-used', 'benefit-used'] as const;
export type SaleSideEventType = (typeof saleSideEventTypes)[number];

/** Who listens for a side event type: `bus` when a mission counts it (delivered on the bus), otherwise a trigger only (journalled; the fan-out delivers). */
export interface SideListener {
  type: SaleSideEventType;
  bus: boolean;
}

export interface SaleSideFacts {
  schemeId: string;
  uniqueId: string;
  customerId: string;
  occurredAt: string;
  calc: Pick<SaleCalculation, 'pointsEarned' | 'pointsRedeemed'>;
  /** The sale posted ledger legs (points earned or redeemed, gift cards spent), under this key. */
  posted: boolean;
  ledgerKey: string;
  /** The coupons the sale used, as read with its context. */
  coupons: Coupon[];
}

/**
 * The side events of one sale for the listened types, each keyed by the sale
 * (a replayed sale records nothing; the key would refuse a second copy):
 * `ledger-transaction-created` for its ledger transaction, `coupon-code-used`
 * per coupon-book code, `benefit-used` per simple coupon (the hub's benefit
 * at the till).
 */
export function saleSideEvents(f: SaleSideFacts, listened: SaleSideEventType[]): HubEvent[] {
  const wanted = new Set(listened);
  const base = { schemeId: f.schemeId, customerId: f.customerId, occurredAt: f.occurredAt };
  const events: HubEvent[] = [];
  if (wanted.has('ledger-transaction-created') && f.posted) {
    events.push({
      ...base,
      key: `ledger/sale/${f.uniqueId}`,
      type: 'ledger-transaction-created',
      payload: {
        systemUniqueKey: f.ledgerKey,
        code: 'sale',
        saleUniqueId: f.uniqueId,
        points: (f.calc.pointsEarned - f.calc.pointsRedeemed).toString(),
        pointsEarned: f.calc.pointsEarned.toString(),
        pointsRedeemed: f.calc.pointsRedeemed.toString(),
      },
    });
  }
  for (const c of [...f.coupons].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (c.book && wanted.has('coupon-code-used')) {
      events.push({ ...base, key: `coupon/sale/${f.uniqueId}/${c.code}`, type: 'coupon-code-used', payload: { couponBookId: c.book.id ?? null, code: c.code, saleUniqueId: f.uniqueId } });
    } else if (!c.book && wanted.has('benefit-used')) {
      events.push({ ...base, key: `benefit/sale/${f.uniqueId}/${c.code}`, type: 'benefit-used', payload: { code: c.code, type: c.type, value: c.value, saleUniqueId: f.uniqueId } });
    }
  }
  return events;
}
