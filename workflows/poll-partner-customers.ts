import { executeChild, log, proxyActivities } from '@temporalio/workflow';
import type { PartnerPollActivities } from '../activities/partner-poll';
import { activityProfiles, partnerCallProfile } from './activity-profiles';
import type { UpdateCustomerWorkflow } from './contracts/customers';
import type { PollPartnerCustomersWorkflow } from './contracts/partners';
import { workflowTypes } from './contracts/registry';

const { pullCustomerUpdates } = proxyActivities<PartnerPollActivities>(partnerCallProfile(600));
const { savePollCursor } = proxyActivities<PartnerPollActivities>(activityProfiles.database);

/**
 * Run by the connection's poll Schedule (Loyale "updated customers" is a pull
 * API): applies each change through the hub's update workflow — told its
 * origin, so it is not synced back — then moves the cursor.
 */
export const pollPartnerCustomers: PollPartnerCustomersWorkflow = async ({ schemeId, connectionId }) => {
  const { changes, cursor, unknown } = await pullCustomerUpdates({ schemeId, connectionId });
  let applied = 0;
  for (const c of changes) {
    try {
      await executeChild<UpdateCustomerWorkflow>(workflowTypes.updateCustomer, {
        workflowId: `customer-update/${schemeId}/${c.customerId}/poll-${c.key}`,
        args: [{ schemeId, customerId: c.customerId, changes: c.changes, originConnectionId: connectionId }],
      });
      applied += 1;
    } catch (err) {
      // One refused change (e.g. an email another customer has) must not hold the cursor back.
      log.warn('pulled customer change refused', { customerId: c.customerId, error: String(err) });
    }
  }
  if (cursor) await savePollCursor({ connectionId, cursor });
  return { applied, refused: changes.length - applied, unknown };
};
