import { proxyActivities } from '@temporalio/workflow';
import type { CustomerActivities } from '../activities/customers';
import { activityProfiles } from './activity-profiles';
import type { UpdateCustomerWorkflow } from './definitions';

const { updateCustomer: applyChanges } = proxyActivities<CustomerActivities>(activityProfiles.database);

/** Edits and block/unblock go through a workflow so later partner syncs hang off the same history. */
export const updateCustomer: UpdateCustomerWorkflow = async (input) => applyChanges(input);
