import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from './logger';

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Routes the Temporal SDK's logs into pino (one JSON log stream) and leaves
 * signal handling to the hub, which shuts down the API, the worker and the
 * local services in order. Call once per process, before creating a worker;
 * with `metricsAddress` (host:port) the SDK serves its metrics there.
 */
export function installTemporalRuntime(logger: Logger, metricsAddress?: string): void {
  const log = logger.child({ component: 'temporal-sdk' });
  // The SDK logs at the hub's level (down to debug, where an activity attempt's task token is); never below info otherwise.
  const sdkLevel: LogLevel = logger.level === 'trace' ? 'TRACE' : logger.level === 'debug' ? 'DEBUG' : 'INFO';
  Runtime.install({
    logger: new DefaultLogger(sdkLevel, ({ level, message, meta }) => {
      // Webpack's bundle report is noise in production logs.
      if (message.startsWith('asset workflow-bundle')) return;
      log[levels[level]](meta ?? {}, message);
    }),
    shutdownSignals: [],
    // Worker slots, poll and schedule-to-start latencies, task failures: served on loopback and read into /metrics (runtime/process-metrics.ts).
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress, countersTotalSuffix: true, useSecondsForDurations: true } } } } : {}),
  });
}
