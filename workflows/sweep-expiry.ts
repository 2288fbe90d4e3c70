import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { ExpiryActivities } from '../activities/expiry';
import type { TierActivities } from '../activities/tiers';
import { activityProfiles } from './activity-profiles';
import type { SweepExpiryWorkflow, SweepSummary } from './contracts/expiry';

// A batch locks its wallets for one transaction: 200 keeps a till that waits on one of them well under a second.
const MAX_WALLETS = 200;
// Tier pages are smaller: each customer's wallet stays locked while its accrual is summed, until the page commits.
const TIER_PAGE = 50;
// Batches per run before continuing as new: the history stays small however many customers are due.
const BATCHES_PER_RUN = 250;

const { expireDueLots, noticeExpiringLots, sweepTiers } = proxyActivities<ExpiryActivities & TierActivities>({
  ...activityProfiles.database,
  startToCloseTimeout: '60s',
  heartbeatTimeout: '60s',
  scheduleToCloseTimeout: '6h',
});

/**
 * A scheme's daily sweep (from its schedule): every lot due by the cutoff
 * expires, a bounded batch of wallets per activity, until a batch comes back
 * short; then the lots due within the notice window are announced, and tiers
 * are judged again where earned points left the window. Each expiry is keyed by its lot (db/ledger/sql/lots.sql.ts), so
 * a retried batch, a rerun or a sweep that overlaps another expires nothing twice.
 */
export const sweepExpiry: SweepExpiryWorkflow = async (input) => {
  // The workflow's clock is deterministic: a replay sees the same cutoff.
  const cutoff = input.cutoff ?? new Date().toISOString();
  const done: SweepSummary = input.done ?? { wallets: 0, lots: 0, points: '0', noticed: 0 };
  for (let i = 0; i < BATCHES_PER_RUN; i++) {
    const batch = await expireDueLots({ schemeId: input.schemeId, cutoff, maxWallets: MAX_WALLETS });
    done.wallets += batch.wallets;
    done.lots += batch.lots;
    done.points = (BigInt(done.points) + BigInt(batch.points)).toString();
    if (batch.wallets < MAX_WALLETS) {
      for (;;) {
        const noticed = await noticeExpiringLots({ schemeId: input.schemeId, now: cutoff, maxWallets: 1000 });
        done.noticed += noticed;
        if (noticed === 0) break;
      }
      // Tiers whose earned points left the window, and manual tiers whose time is up (their timers' backstop).
      for (let after: string | null = null; ; ) {
        const page: { evaluated: number; changed: number; last: string | null } = await sweepTiers({ schemeId: input.schemeId, cutoff, after, max: TIER_PAGE });
        done.tiersChanged = (done.tiersChanged ?? 0) + page.changed;
        if (page.evaluated < TIER_PAGE || page.last === null) return done;
        after = page.last;
      }
    }
  }
  return continueAsNew<SweepExpiryWorkflow>({ schemeId: input.schemeId, cutoff, done });
};
