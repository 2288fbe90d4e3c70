import { HubError } from '../../domain/errors';
import { outcomeOf, type BusinessMetrics, type Operation } from '../business-metrics';
import type { HoldWorkflows, ReturnWorkflows, SaleWorkflows } from '../ports';

/** A refusal's reason label: the field it is about (indices folded, so the label set stays small), else its type. */
export function reasonOf(err: unknown): string {
  if (!(err instanceof HubError)) return 'unknown';
  const path = err.details[0]?.path;
  return path ? path.replace(/\.\d+(?=\.|$)/g, '.*') : err.type;
}

async function observe<T>(
  metrics: BusinessMetrics,
  operation: Operation,
  labels: { scheme: string; outlet?: string },
  run: () => Promise<T>,
): Promise<T> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const value = await run();
    metrics.answered(operation, labels, value === null ? 'received' : 'completed', seconds());
    return value;
  } catch (err) {
    const outcome = outcomeOf(err);
    metrics.answered(operation, labels, outcome, seconds(), outcome === 'refused' ? reasonOf(err) : undefined);
    throw err;
  }
}

/**
 * The till's and the shop's operations, counted and timed (api/business-metrics.ts)
 * around the ports the handlers call, so no handler carries metrics code.
 */
export function metered(
  workflows: { sales: SaleWorkflows; returns: ReturnWorkflows; holds: HoldWorkflows },
  metrics: BusinessMetrics,
): { sales: SaleWorkflows; returns: ReturnWorkflows; holds: HoldWorkflows } {
  const { sales, returns, holds } = workflows;
  return {
    sales: {
      recordSale: (input, meta) => observe(metrics, 'sale', { scheme: input.schemeId, outlet: input.outletId }, () => sales.recordSale(input, meta)),
      saleStatus: (schemeId, uniqueId) => sales.saleStatus(schemeId, uniqueId),
    },
    returns: {
      returnSale: (input, meta) => observe(metrics, 'return', { scheme: input.schemeId }, () => returns.returnSale(input, meta)),
    },
    holds: {
      placeHold: (input, meta) => observe(metrics, 'hold_place', { scheme: input.schemeId }, () => holds.placeHold(input, meta)),
      holdState: (schemeId, holdId) => holds.holdState(schemeId, holdId),
      redeemHold: (schemeId, holdId, args, meta) => observe(metrics, 'hold_redeem', { scheme: schemeId }, () => holds.redeemHold(schemeId, holdId, args, meta)),
      removeHold: (schemeId, holdId, meta) => observe(metrics, 'hold_remove', { scheme: schemeId }, () => holds.removeHold(schemeId, holdId, meta)),
    },
  };
}
