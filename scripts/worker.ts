// `npm run worker`: a Temporal worker alone, against configured services (scale it out).
import { loadConfig } from '../config';
import { connectCore, hubOptions, startWorker } from '../runtime/hub';
import { createLogger } from '../runtime/logger';
import { onShutdownSignal } from '../runtime/shutdown';
import { installTemporalRuntime } from '../runtime/temporal-runtime';
import { sdkMetricsAddress } from '../runtime/sdk-metrics-address';
import { sdkMetricsReader } from '../runtime/process-metrics';
import { workerHttp } from '../runtime/worker-http';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { role: 'worker' });
  const sdkMetrics = await sdkMetricsAddress(config);
  installTemporalRuntime(logger, sdkMetrics);
  if (!config.databaseUrl || !config.temporal.address) {
    throw new Error('npm run worker needs DATABASE_URL and TEMPORAL_ADDRESS (npm start provides them itself)');
  }
  if (!config.credentialsKey) logger.warn('CREDENTIALS_KEY is not set: partner connections cannot be stored or synced');
  const opts = hubOptions(config, { databaseUrl: config.databaseUrl, temporalAddress: config.temporal.address }, logger, undefined, undefined, sdkMetrics);
  // Schema changes are a deployment step (`npm run migrate`), not every worker's start.
  const core = await connectCore(opts, { api: false, worker: true });
  const { worker, done } = await startWorker(core, opts);
  const server = await workerHttp({ worker, registry: core.registry, sdk: sdkMetricsReader(sdkMetrics), port: config.workerPort });
  logger.info({ taskQueue: config.temporal.taskQueue, healthz: `http://localhost:${config.workerPort}/healthz` }, 'worker running');
  onShutdownSignal(logger, async () => {
    server.close();
    worker.shutdown();
    await done;
    await core.close();
  });
  await done;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
