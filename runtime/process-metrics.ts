import { Counter, type Registry } from 'prom-client';
import type { PointsMetrics } from '../activities/metrics';
import { processRegistry } from '../api/metrics';

export { processRegistry };

/** Points as the worker posted or expired them (activities/metrics.ts says when they count). */
export function pointsMetrics(registry: Registry): PointsMetrics {
  const counter = new Counter({ name: 'hub_points_total', help: 'Points earned and redeemed by sales, and expired by the daily sweep, counted by the worker that moved them', labelNames: ['scheme', 'kind'], registers: [registry] });
  return {
    points(scheme, kind, points) {
      const n = Number(points);
      if (n > 0) counter.inc({ scheme, kind }, n);
    },
  };
}

/**
 * The Temporal SDK's own metrics (worker slots, poll latency, task failures,
 * sticky cache), which its Rust core serves on a loopback port of its own
 * (runtime/temporal-runtime.ts): read on each scrape and served after the
 * hub's, so one scrape target has both. A core that does not answer in a
 * second leaves them out rather than stalling the scrape.
 */
export function sdkMetricsReader(address: string | null): () => Promise<string> {
  if (!address) return async () => '';
  return async () => {
    try {
      const res = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(1000) });
      return res.ok ? await res.text() : '';
    } catch {
      return '';
    }
  };
}
