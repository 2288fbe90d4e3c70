import { ApplicationFailure, log } from '@temporalio/activity';
import { PartnerError } from '../domain/partners/partner-error';
import { compareBalances, type ReconciliationRepository, type ReconciliationRun } from '../domain/partners/reconciliation';
import type { ConnectionRepository } from '../domain/partners/sync';
import type { PartnerDeps } from './partner-sync';
import { withFailureMapping } from './failures';

const PAGE = 50;

export function createReconciliationActivities({ reconciliations, connections, partners }: { reconciliations: ReconciliationRepository; connections: ConnectionRepository; partners: PartnerDeps }) {
  return {
    beginReconciliation: withFailureMapping((input: { schemeId: string; connectionId: string; workflowId: string; autoCorrect: boolean }): Promise<ReconciliationRun> => reconciliations.begin(input)),

    /**
     * One page of customers: the hub's balance against the partner's. Each
     * finding is recorded before any correction is sent, and a retried page
     * skips recorded customers, so a correction is never sent twice (a crash
     * between the two leaves it unsent and visible as uncorrected).
     */
    reconcilePage: async (input: { runId: string; connectionId: string; cursor: string | null; autoCorrect: boolean }): Promise<{ next: string | null }> => {
      const connection = await connections.forAdapter(input.connectionId);
      if (!connection) return { next: null };
      const adapter = partners.adapterFor(connection);
      const { items, next } = await reconciliations.candidates(input.runId, input.cursor, PAGE);
      try {
        for (const c of items) {
          const partner = c.link ? await adapter.getBalance(c.customer, c.link) : null;
          const outcome = compareBalances(c.hubBalance, partner, c.link !== null);
          await reconciliations.record(input.runId, { customerId: c.customer.id, externalId: c.link, hubBalance: c.hubBalance.toString(), partnerBalance: partner === null ? null : partner.toString(), outcome, corrected: false });
          if (outcome !== 'DRIFTED' || !input.autoCorrect || partner === null) continue;
          const result = await adapter.adjustPoints({ customer: c.customer, points: (c.hubBalance - partner).toString(), reason: `Reconciliation ${input.runId}`, idempotencyKey: `recon/${input.runId}/${c.customer.id}` }, c.link);
          if (result.status === 'SYNCED') await reconciliations.markCorrected(input.runId, c.customer.id);
        }
      } catch (err) {
        if (!(err instanceof PartnerError)) throw err;
        throw ApplicationFailure.create({ type: err.retryable ? 'partner_unavailable' : 'partner_rejected', message: err.message, nonRetryable: !err.retryable, ...(err.retryAfterMs !== null ? { nextRetryDelay: err.retryAfterMs } : {}) });
      }
      log.info('reconciliation page', { runId: input.runId, customers: items.length });
      return { next };
    },

    finishReconciliation: withFailureMapping((input: { runId: string; status: 'COMPLETED' | 'FAILED' }): Promise<ReconciliationRun> => reconciliations.finish(input.runId, input.status)),
  };
}

export type ReconciliationActivities = ReturnType<typeof createReconciliationActivities>;
