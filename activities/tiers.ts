import { heartbeat } from '@temporalio/activity';
import type { TierPort } from '../domain/tiers/ports';
import type { EvaluateTierInput, TierSweepInput } from '../workflows/contracts/tiers';
import { withFailureMapping } from './failures';

/** Tier judgements outside a posting: a manual tier's time running out, and the daily window sweep. */
export function createTierActivities({ tiers }: { tiers: TierPort }) {
  return {
    evaluateTier: withFailureMapping((input: EvaluateTierInput) => tiers.evaluate(input.schemeId, input.customerId, input.reason)),

    sweepTiers: withFailureMapping(async (input: TierSweepInput) => {
      heartbeat();
      return tiers.sweep(input.schemeId, new Date(input.cutoff), input.after, input.max);
    }),
  };
}

export type TierActivities = ReturnType<typeof createTierActivities>;
