import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { StatsActivities } from '../activities/stats';
import { activityProfiles } from './activity-profiles';
import type { RollUpStatsWorkflow } from './contracts/stats';

// A page of schemes per activity: a cold scheme of a million rows rolls up a year in about a second.
const PAGE = 20;
// Pages per run before continuing as new: the history stays small however many schemes there are.
const PAGES_PER_RUN = 200;

const { rollUpStats: rollUpPage } = proxyActivities<StatsActivities>({ ...activityProfiles.database, startToCloseTimeout: '5m', heartbeatTimeout: '5m', scheduleToCloseTimeout: '1h' });

/**
 * The stats roll-up (hourly, from its schedule): every scheme's settled days
 * of the last year aggregated once into stats_days, so a year-long stat reads
 * 365 stored days instead of a million rows — on its first read too.
 */
export const rollUpStats: RollUpStatsWorkflow = async (input) => {
  let after = input.after ?? null;
  const done = input.done ?? { schemes: 0, days: 0 };
  for (let i = 0; i < PAGES_PER_RUN; i++) {
    const page = await rollUpPage({ after, limit: PAGE });
    done.schemes += page.schemes;
    done.days += page.days;
    if (page.last === null) return done;
    after = page.last;
  }
  return continueAsNew<RollUpStatsWorkflow>({ after, done });
};
