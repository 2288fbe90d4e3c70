import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { businessMetrics, type BusinessMetrics } from './business-metrics';

/** A registry with the process's own metrics (CPU, memory, event loop). */
export function processRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  workflowStarts: Counter<'workflow' | 'eager'>;
  workflowFailures: Counter<'workflow' | 'reason'>;
  workflowRefusals: Counter<'workflow' | 'reason'>;
  shed: Counter<'reason'>;
  business: BusinessMetrics;
  /** Text served after the registry's: the Temporal SDK's own metrics (runtime/process-metrics.ts). */
  sdk?: () => Promise<string>;
}

/** The process's registry (runtime/process-metrics.ts), or a new one: not prom-client's global, so tests can build several apps. */
export function createMetrics(registry = processRegistry()): Metrics {
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    workflowStarts: new Counter({
      name: 'hub_workflow_starts_total',
      help: 'Workflows started by the API; eager="true" when the first task ran on this process without a round trip',
      labelNames: ['workflow', 'eager'],
      registers: [registry],
    }),
    workflowFailures: new Counter({
      name: 'hub_workflow_failures_total',
      help: 'Workflows the API saw fail, by error type',
      labelNames: ['workflow', 'reason'],
      registers: [registry],
    }),
    workflowRefusals: new Counter({
      name: 'hub_workflow_refusals_total',
      help: 'Requests a workflow refused (completed with a refusal: a business answer, not a failure), by refusal type',
      labelNames: ['workflow', 'reason'],
      registers: [registry],
    }),
    shed: new Counter({
      name: 'hub_requests_shed_total',
      help: 'Requests answered 503 at the door (overloaded) or at their deadline',
      labelNames: ['reason'],
      registers: [registry],
    }),
    business: businessMetrics(registry),
  };
}

/** What /metrics serves: the registry's series, then the Temporal SDK's (when this process has a worker). */
export async function metricsText(registry: Registry, sdk?: () => Promise<string>): Promise<string> {
  const [hub, fromSdk] = await Promise.all([registry.metrics(), sdk?.() ?? '']);
  return fromSdk ? `${hub}\n${fromSdk}` : hub;
}
