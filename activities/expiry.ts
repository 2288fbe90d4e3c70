import { heartbeat, log } from '@temporalio/activity';
import type { LotPort, SweepBatch } from '../domain/ledger/lots';
import type { ExpireDueInput, NoticeExpiringInput } from '../workflows/contracts/expiry';
import { withFailureMapping } from './failures';
import type { PointsMetrics } from './metrics';

/** The expiry sweep's two steps; each call is one transaction over a bounded batch of wallets. */
export function createExpiryActivities({ lots, metrics }: { lots: LotPort; metrics: PointsMetrics }) {
  return {
    expireDueLots: withFailureMapping(async (input: ExpireDueInput): Promise<SweepBatch> => {
      heartbeat();
      const batch = await lots.expireDue(input.schemeId, new Date(input.cutoff), input.maxWallets);
      if (batch.lots > 0) log.info('points expired', { schemeId: input.schemeId, ...batch });
      // A lot expires once (keyed by the lot): a retried batch returns only what it expired itself.
      metrics.points(input.schemeId, 'expired', batch.points);
      return batch;
    }),

    noticeExpiringLots: withFailureMapping(async (input: NoticeExpiringInput): Promise<number> => {
      heartbeat();
      return lots.noticeExpiring(input.schemeId, new Date(input.now), input.maxWallets);
    }),
  };
}

export type ExpiryActivities = ReturnType<typeof createExpiryActivities>;
