import type { Customer } from '../../domain/customer';
import type { WalletView } from '../../domain/ledger/views';
import { moneyForPoints } from '../../domain/transactions/calculate';
import { fromMinorUnits } from '../../domain/transactions/money';
import { rulesFromView, type PointRulesView } from '../../domain/transactions/ports';
import type { Tier } from '../../domain/tiers/types';

/*
 * The hub's objects as Loyale's clients read them: Loyale's field names, points
 * as JSON integers (bigint in the database, below MAX_POINTS so exact), money
 * in major units.
 */

export const loyaleCustomer = (c: Customer) => ({
  id: c.id,
  schemeId: c.schemeId,
  barCode: c.barcode,
  firstName: c.firstName,
  lastName: c.lastName,
  email: c.email,
  phoneNumber: c.phone,
  status: c.status,
  onHold: c.status === 'BLOCKED',
  createdDate: c.createdAt,
  updatedDate: c.updatedAt,
});

/** Loyale's Level, read from a tier. */
export const loyaleLevel = (schemeId: string, t: Tier) => ({
  id: t.id,
  name: t.name,
  schemeId,
  pointsThreshold: Number(t.minRequiredPoints),
  order: t.tierOrder,
  isDefault: t.isDefault,
  imageUrl: t.pictureUrl,
  multiplier: t.earnMultiplierPercent / 100,
  active: t.active,
});

/**
 * The one level of a scheme without tiers: everyone, from 0 points, earning as
 * the rules say. Its id is the scheme's (a level needs one, and a scheme has
 * one such level), so `/api/Level/{id}` finds it too.
 */
export const defaultLevel = (schemeId: string) => ({
  id: schemeId,
  name: 'Default',
  schemeId,
  pointsThreshold: 0,
  order: 0,
  isDefault: true,
  imageUrl: null,
  multiplier: 1,
  active: true,
});

/** What `points` pay with Loyale Redemption under the rules, in major units (nothing for a negative balance). */
export function monetaryValue(points: bigint, rules: PointRulesView, decimals: number): number {
  if (points <= 0n) return 0;
  return fromMinorUnits(moneyForPoints(points, rulesFromView(rules, decimals)), decimals);
}

/** The customer's wallet in the default account, as Loyale's balance (no wallet yet: all zero). */
export function pointBalance(wallet: WalletView | undefined, rules: PointRulesView, decimals: number) {
  const available = BigInt(wallet?.available ?? 0);
  return {
    available: Number(available),
    pending: Number(wallet?.creditsPending ?? 0),
    held: Number(wallet?.debitsPending ?? 0),
    monetaryValue: monetaryValue(available, rules, decimals),
  };
}
