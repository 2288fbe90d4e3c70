import { proxyActivities } from '@temporalio/workflow';
import type { PartnerSyncActivities } from '../activities/partner-sync';
import { activityProfiles } from './activity-profiles';
import type { DispatchPartnerSyncWorkflow } from './contracts/partners';

const { dispatchSync } = proxyActivities<PartnerSyncActivities>(activityProfiles.database);

/** Started (and abandoned) by the operation's workflow, so its answer never waits for partners. */
export const dispatchPartnerSync: DispatchPartnerSyncWorkflow = (input) => dispatchSync(input);
