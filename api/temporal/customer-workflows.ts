import type { Client } from '@temporalio/client';
import { DependencyUnavailableError } from '../../domain/errors';
import { searchAttributes } from '../../workflows/contracts/search-attributes';
import type { CustomerWorkflowList, CustomerWorkflowSummary } from '../ports';

/**
 * A customer's workflows (sales, holds, referrals, tier holds…) from Temporal's
 * visibility store, newest first, for the console's links into the Web UI.
 * Visibility trails the workflows by a moment; the ledger is what a balance is
 * read from, this is where ops go to see how an operation ran.
 */
export class TemporalCustomerWorkflows implements CustomerWorkflowList {
  constructor(
    private readonly client: Client,
    private readonly timeoutMs = 3000,
  ) {}

  async recent(schemeId: string, customerId: string, limit: number): Promise<CustomerWorkflowSummary[]> {
    // Both ids are UUIDs (checked at the door and by the scheme's auth), so they cannot break out of the quotes.
    const query = `SchemeId = "${schemeId}" AND CustomerId = "${customerId}"`;
    const found: CustomerWorkflowSummary[] = [];
    try {
      await this.client.withDeadline(Date.now() + this.timeoutMs, async () => {
        for await (const w of this.client.workflow.list({ query, pageSize: limit })) {
          found.push({
            workflowId: w.workflowId,
            runId: w.runId,
            type: w.type,
            status: w.status.name,
            startedAt: w.startTime.toISOString(),
            closedAt: w.closeTime?.toISOString() ?? null,
            uniqueId: (w.typedSearchAttributes.get(searchAttributes.uniqueId) as string | undefined) ?? null,
            outcome: (w.typedSearchAttributes.get(searchAttributes.outcome) as string[] | undefined) ?? null,
          });
          if (found.length >= limit) break;
        }
      });
    } catch (err) {
      throw new DependencyUnavailableError(`Temporal's visibility did not answer: ${(err as Error).message}`);
    }
    return found;
  }
}
