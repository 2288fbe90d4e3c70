/** A tier set by hand with an expiry: at that moment the tier is judged again (the seed: "At that expiration Tier will be re-evaluated"). */
export interface HoldManualTierInput {
  schemeId: string;
  customerId: string;
  expiresAt: string;
}

export interface EvaluateTierInput {
  schemeId: string;
  customerId: string;
  reason: string;
}

export interface TierSweepInput {
  schemeId: string;
  cutoff: string;
  after: string | null;
  max: number;
}

export type HoldManualTierWorkflow = (input: HoldManualTierInput) => Promise<{ changed: boolean }>;
