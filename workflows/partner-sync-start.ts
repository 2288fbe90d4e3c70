import { ParentClosePolicy, patched, proxyActivities, startChild } from '@temporalio/workflow';
import type { PartnerSyncActivities } from '../activities/partner-sync';
import { activityProfiles } from './activity-profiles';
import type { SyncKind } from '../domain/partners/ports';
import type { DispatchPartnerSyncWorkflow } from './contracts/partners';
import { workflowIds, workflowTypes } from './contracts/registry';
import { searchAttributes } from './contracts/search-attributes';

const { connectedEvents } = proxyActivities<PartnerSyncActivities>(activityProfiles.database);

/**
 * After a hub operation completes: forward it to the scheme's partner
 * connections in a workflow of its own (parent-close ABANDON), so the
 * operation's answer never waits for, or depends on, a partner. Patched so
 * executions recorded before partner sync existed replay unchanged.
 */
export async function startPartnerSync(schemeId: string, kind: SyncKind, operationKey: string, customerId: string, connected?: SyncKind[], exceptConnectionId?: string): Promise<void> {
  if (!patched('partner-sync')) return;
  const kinds = connected ?? (await connectedEvents({ schemeId }));
  if (!kinds.includes(kind)) return;
  await startChild<DispatchPartnerSyncWorkflow>(workflowTypes.dispatchPartnerSync, {
    workflowId: workflowIds.dispatchPartnerSync(schemeId, kind, operationKey),
    args: [{ schemeId, kind, operationKey, ...(exceptConnectionId ? { exceptConnectionId } : {}) }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: searchAttributes.schemeId, value: schemeId },
      { key: searchAttributes.customerId, value: customerId },
      { key: searchAttributes.uniqueId, value: operationKey },
    ],
  });
}
