import type { PartnerCustomer } from './ports';

export type ReconciliationOutcome = 'MATCHED' | 'DRIFTED' | 'MISSING_ON_PARTNER';

export interface ReconciliationItem {
  customerId: string;
  externalId: string | null;
  hubBalance: string;
  partnerBalance: string | null;
  outcome: ReconciliationOutcome;
  corrected: boolean;
}

export interface ReconciliationRun {
  id: string;
  schemeId: string;
  connectionId: string;
  workflowId: string;
  autoCorrect: boolean;
  status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  summary: Record<string, number>;
  startedAt: string;
  finishedAt: string | null;
}

/** Pure: one customer's finding. A partner that answers no balance for a linked customer does not know it. */
export function compareBalances(hub: bigint, partner: bigint | null, linked: boolean): ReconciliationOutcome {
  if (!linked || partner === null) return 'MISSING_ON_PARTNER';
  return hub === partner ? 'MATCHED' : 'DRIFTED';
}

export function summarize(items: Array<Pick<ReconciliationItem, 'outcome' | 'corrected'>>): Record<string, number> {
  const count = (o: ReconciliationOutcome) => items.filter((i) => i.outcome === o).length;
  return { customers: items.length, matched: count('MATCHED'), drifted: count('DRIFTED'), missingOnPartner: count('MISSING_ON_PARTNER'), corrected: items.filter((i) => i.corrected).length };
}

export interface ReconciliationCandidate {
  customer: PartnerCustomer;
  link: string | null;
  hubBalance: bigint;
}

export interface ReconciliationRepository {
  /** Idempotent by workflow id: a retried start answers the same run. */
  begin(input: { schemeId: string; connectionId: string; workflowId: string; autoCorrect: boolean }): Promise<ReconciliationRun>;
  /** Up to `limit` customers of the scheme after `cursor` (by id) not yet in the run, with their link and hub balance. */
  candidates(runId: string, cursor: string | null, limit: number): Promise<{ items: ReconciliationCandidate[]; next: string | null }>;
  record(runId: string, item: ReconciliationItem): Promise<void>;
  markCorrected(runId: string, customerId: string): Promise<void>;
  finish(runId: string, status: 'COMPLETED' | 'FAILED'): Promise<ReconciliationRun>;
  get(schemeId: string, connectionId: string, runId: string): Promise<(ReconciliationRun & { items: ReconciliationItem[] }) | null>;
}
