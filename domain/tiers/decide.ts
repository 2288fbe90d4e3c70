import type { Tier } from './types';

/**
 * The tier accrual reaches: of the active tiers whose `minRequiredPoints` it
 * reaches, the highest `tierOrder`; none reached → the active default tier,
 * else none. The database judges tiers with the same rule
 * (db/ledger/sql/tiers.sql.ts, tier_evaluate); test/tiers.test.ts holds the two together.
 */
export function tierFor(tiers: Tier[], accrual: bigint): Tier | null {
  const reached = tiers.filter((t) => t.active && BigInt(t.minRequiredPoints) <= accrual).sort((a, b) => b.tierOrder - a.tierOrder);
  return reached[0] ?? tiers.find((t) => t.active && t.isDefault) ?? null;
}

/** The next tier up from where accrual stands, and how many points it still needs. */
export function nextTier(tiers: Tier[], accrual: bigint): { tier: Tier; pointsNeeded: string } | null {
  const current = tierFor(tiers, accrual);
  const above = tiers
    .filter((t) => t.active && BigInt(t.minRequiredPoints) > accrual && (current === null || t.tierOrder > current.tierOrder))
    .sort((a, b) => a.tierOrder - b.tierOrder)[0];
  return above ? { tier: above, pointsNeeded: (BigInt(above.minRequiredPoints) - accrual).toString() } : null;
}

/** Whether a tier set by hand still holds at `now` (no expiry: until set again). */
export function manualHolds(source: 'accrual' | 'manual', expiresAt: string | null, now: Date): boolean {
  return source === 'manual' && (expiresAt === null || Date.parse(expiresAt) > now.getTime());
}

/** Problems with a scheme's tiers as a whole: at most one default. (Names and orders are unique by constraint.) */
export function tierSetProblems(tiers: Array<Pick<Tier, 'isDefault' | 'name'>>): string[] {
  return tiers.filter((t) => t.isDefault).length > 1 ? ['only one tier can be the default'] : [];
}
