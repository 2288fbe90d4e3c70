/** A scheme's tier, with the seed's fields (Loyalty Program Tiers) and the hub's earn multiplier. */
export interface Tier {
  id: string;
  name: string;
  active: boolean;
  /** Accrual (points earned in the scheme's window) needed to reach the tier. */
  minRequiredPoints: string;
  /** Higher is higher: of the tiers reached, the highest order wins. */
  tierOrder: number;
  isDefault: boolean;
  customAttributes: Record<string, unknown>;
  pictureUrl: string | null;
  /** A sale by a member earns this share of the rules' points (100 = as the rules say). */
  earnMultiplierPercent: number;
  createdAt: string;
  updatedAt: string;
}

export type TierInput = Omit<Tier, 'id' | 'createdAt' | 'updatedAt'>;

/** Where a customer's tier comes from: accrual, or set by hand (held until `expiresAt`, or until set again). */
export type TierSource = 'accrual' | 'manual';

export interface CustomerTier {
  tier: Tier | null;
  source: TierSource;
  expiresAt: string | null;
  accrual: string;
  /** The scheme's window in months; null: lifetime. */
  windowMonths: number | null;
  /** The next tier up and the accrual still missing for it; null at the top. */
  next: { tier: Tier; pointsNeeded: string } | null;
}

export interface TierChange {
  id: string;
  fromTierId: string | null;
  toTierId: string | null;
  /** accrual (a posting moved it), window (earned points left the window), manual, manual-expired. */
  reason: string;
  accrual: string | null;
  changedAt: string;
}
