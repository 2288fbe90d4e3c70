import { heartbeat } from '@temporalio/activity';
import type { RollUpPage, StatsRepository } from '../domain/stats/ports';
import { withFailureMapping } from './failures';

/** The roll-up's one step: a page of schemes, each one's settled days stored once. */
export function createStatsActivities({ stats }: { stats: Pick<StatsRepository, 'rollUp'> }) {
  return {
    rollUpStats: withFailureMapping(async (input: { after: string | null; limit: number }): Promise<RollUpPage> => {
      heartbeat();
      return stats.rollUp(input.after, input.limit);
    }),
  };
}

export type StatsActivities = ReturnType<typeof createStatsActivities>;
