// `npm start`: the whole hub in one process, with local PostgreSQL and Temporal
// when DATABASE_URL / TEMPORAL_ADDRESS are not set.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';
import { migrate } from '../db/orm';
import { seedDemoScheme } from '../db/seed';
import { buildApp, closeServer, connectCore, hubOptions, listen, startWorker } from '../runtime/hub';
import { createLogger } from '../runtime/logger';
import { provideServices } from '../runtime/services';
import { onShutdownSignal } from '../runtime/shutdown';
import { installTemporalRuntime } from '../runtime/temporal-runtime';
import { localCredentialsKey } from '../runtime/credentials-key';
import { localPayloadKeys } from '../runtime/payload-keys';
import { showBanner } from '../runtime/banner';
import { sdkMetricsAddress } from '../runtime/sdk-metrics-address';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const sdkMetrics = await sdkMetricsAddress(config);
  installTemporalRuntime(logger, sdkMetrics);
  const generatedToken = config.adminToken ? null : randomBytes(24).toString('base64url');
  const adminToken = config.adminToken ?? (generatedToken as string);

  const services = await provideServices(config, logger);
  let shuttingDown: (() => Promise<void>) | null = null;
  onShutdownSignal(logger, async () => {
    try {
      await shuttingDown?.();
    } finally {
      await services.stop();
    }
  });

  const opts = hubOptions(config, services, logger, config.credentialsKey ?? localCredentialsKey(config.dataDir), config.payloadKeys ?? localPayloadKeys(config.dataDir), sdkMetrics);
  // Until the hub is up, a failure must not leave the local services orphaned.
  const up = await bootHub().catch(async (err) => {
    await services.stop();
    throw err;
  });
  const { scheme, issuedKey } = up;

  async function bootHub() {
    const core = await connectCore(opts, { api: true, worker: true }, config.temporal.address ? 'require' : 'register');
    const applied = await migrate(core.orm);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const seeded = await seedDemoScheme(core.repos);
    const { worker, done } = await startWorker(core, opts);
    const server = await listen(buildApp(core, { ...opts, adminToken, bodyLimit: config.bodyLimit }), config.port);
    shuttingDown = async () => {
      await closeServer(server);
      worker.shutdown();
      await done;
      await core.close();
    };
    return seeded;
  }

  const api = `http://localhost:${config.port}`;
  const lines = [
    '',
    'loyalty-hub is running',
    `  API           ${api}`,
    `  Console       ${api}/console   (sign in with the admin token below)`,
    `  API docs      ${api}/docs   (OpenAPI: ${api}/openapi.json)`,
    `  Readiness     ${api}/readyz`,
    `  Metrics       ${api}/metrics`,
    `  Temporal UI   ${services.temporalUiUrl ?? '(external cluster: use its UI)'}   (payloads are encrypted: sign in at http://127.0.0.1:${config.port}/codec to read them)`,
    `  Temporal      ${services.temporalAddress} (namespace ${config.temporal.namespace}, task queue ${config.temporal.taskQueue})`,
    '',
    `  Demo scheme   ${scheme.name}  X-Scheme: ${scheme.id}`,
    issuedKey
      ? `  Demo API key  X-ApiKey: ${issuedKey.key}   (shown once; keep it)`
      : '  Demo API key  issued on the first start and not shown again; issue another with POST /v1/schemes/:id/api-keys',
    generatedToken
      ? `  Admin token   Authorization: Bearer ${generatedToken}   (generated for this run; set ADMIN_TOKEN to keep one)`
      : '  Admin token   from ADMIN_TOKEN',
    '',
  ];
  // To the terminal (or a 0600 file), never the log stream: secrets must not reach log storage.
  showBanner(lines, { dataDir: config.dataDir, logger });
  logger.info({ api, docs: `${api}/docs`, readyz: `${api}/readyz`, temporalUi: services.temporalUiUrl ?? null, schemeId: scheme.id }, 'loyalty-hub is running');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
