import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { HubError } from '../domain/errors';

/** What became of a till's or a shop's request, as Prometheus labels it. */
export type Outcome = 'completed' | 'received' | 'refused' | 'conflict' | 'invalid' | 'unavailable' | 'failed';

/** The operations whose answers are counted and timed (the workflow-backed ones a till or a shop waits on). */
export type Operation = 'sale' | 'return' | 'hold_place' | 'hold_redeem' | 'hold_remove';

/** Outlets are a scheme's own ids: past this many distinct ones a process labels the rest `other`, so a till inventing ids cannot blow up the series. */
export const MAX_OUTLET_LABELS = 500;

export function outcomeOf(err: unknown): Outcome {
  if (!(err instanceof HubError)) return 'failed';
  switch (err.type) {
    case 'dependency_unavailable':
    case 'overloaded':
      return 'unavailable';
    case 'conflict':
    case 'idempotency_key_reused':
      return 'conflict';
    case 'business_rule_violated':
      return 'refused';
    default:
      return 'invalid';
  }
}

export interface BusinessMetrics {
  /** A request's answer: its outcome, its latency from request to answer, and (for a refusal) its reason. */
  answered(operation: Operation, labels: { scheme: string; outlet?: string }, outcome: Outcome, seconds: number, reason?: string): void;
  /** An inbound partner webhook, by what the hub did with it. */
  webhook(partner: string, outcome: 'accepted' | 'duplicate' | 'rejected'): void;
  /** The last ledger check of a scheme (`GET /v1/ledger/verify`): its violations and when it ran. */
  ledgerChecked(scheme: string, violations: number): void;
  /** Sets the scrape-time reader of the partner sync backlog (it queries the database). */
  readSyncBacklog(read: () => Promise<Array<{ partner: string; status: string; count: number }>>): void;
}

/**
 * The business side of /metrics. Counts come from the API process that
 * answered (what tills and shops saw); the ledger, not Prometheus, is the book
 * of record. Points are counted by the worker that posted them
 * (runtime/worker-metrics.ts); the sync backlog is read from the database at
 * each scrape, so it is right whichever process did the work.
 */
export function businessMetrics(registry: Registry): BusinessMetrics {
  const registers = [registry];
  const requests = new Counter({ name: 'hub_requests_total', help: 'Workflow-backed requests by operation, scheme, outlet (sales) and outcome', labelNames: ['operation', 'scheme', 'outlet', 'outcome'], registers });
  const latency = new Histogram({
    name: 'hub_answer_seconds',
    help: 'From request to answer (workflow started, run and answered), by operation and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const refusals = new Counter({ name: 'hub_refusals_total', help: 'Business refusals (an answer, not a failure) by operation and reason', labelNames: ['operation', 'reason'], registers });
  const webhooks = new Counter({ name: 'hub_webhook_deliveries_total', help: 'Inbound partner webhooks by partner and outcome (rejected: bad signature or body)', labelNames: ['partner', 'outcome'], registers });
  const violations = new Gauge({ name: 'hub_ledger_check_violations', help: "Violations found by a scheme's last ledger check (0 = balanced)", labelNames: ['scheme'], registers });
  const checkedAt = new Gauge({ name: 'hub_ledger_check_timestamp_seconds', help: "When a scheme's ledger was last checked", labelNames: ['scheme'], registers });
  let readBacklog: (() => Promise<Array<{ partner: string; status: string; count: number }>>) | null = null;
  new Gauge({
    name: 'hub_sync_backlog',
    help: 'Partner sync records still open, by partner and status (PENDING: on its way; FAILED: needs a retry)',
    labelNames: ['partner', 'status'],
    registers,
    async collect() {
      this.reset();
      // A database that does not answer leaves the gauge empty rather than failing the whole scrape.
      const rows = readBacklog ? await readBacklog().catch(() => []) : [];
      for (const r of rows) this.set({ partner: r.partner, status: r.status }, r.count);
    },
  });
  const outlets = new Set<string>();
  const outletLabel = (outlet: string | undefined) => {
    if (outlet === undefined) return '';
    if (outlets.has(outlet)) return outlet;
    if (outlets.size >= MAX_OUTLET_LABELS) return 'other';
    outlets.add(outlet);
    return outlet;
  };
  return {
    answered(operation, { scheme, outlet }, outcome, seconds, reason) {
      requests.inc({ operation, scheme, outlet: outletLabel(outlet), outcome });
      latency.observe({ operation, outcome }, seconds);
      if (outcome === 'refused' && reason) refusals.inc({ operation, reason });
    },
    webhook(partner, outcome) {
      webhooks.inc({ partner, outcome });
    },
    ledgerChecked(scheme, n) {
      violations.set({ scheme }, n);
      checkedAt.set({ scheme }, Date.now() / 1000);
    },
    readSyncBacklog(read) {
      readBacklog = read;
    },
  };
}
