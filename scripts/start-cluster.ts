// `npm run start:cluster`: the production topology on this machine — PostgreSQL, the real Temporal server on it
// (not the dev server), its Web UI, the API and two workers, each its own OS process with its own health endpoint.
// Same configuration variables as compose; Ctrl-C stops them in order (API, workers, UI, Temporal, PostgreSQL).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../config';
import { migrate, openOrm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import { seedDemoScheme } from '../db/seed';
import { showBanner } from '../runtime/banner';
import { startCluster, type ClusterHandle } from '../runtime/cluster';
import { localCredentialsKey } from '../runtime/credentials-key';
import { createLogger } from '../runtime/logger';
import { localPayloadKeys } from '../runtime/payload-keys';
import { onShutdownSignal } from '../runtime/shutdown';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { role: 'cluster' });
  const adminToken = config.adminToken ?? randomBytes(24).toString('base64url');
  let cluster: ClusterHandle | null = null;
  onShutdownSignal(logger, async () => {
    await cluster?.stop();
  });
  cluster = await startCluster(config, logger, {
    adminToken,
    payloadKeys: config.payloadKeys ?? localPayloadKeys(config.dataDir),
    credentialsKey: config.credentialsKey ?? localCredentialsKey(config.dataDir),
    // The hub's schema and demo data, before any API or worker process starts (as compose's migrate job does).
    prepare: async (databaseUrl) => {
      const orm = await openOrm({ databaseUrl });
      try {
        const applied = await migrate(orm);
        if (applied.length) logger.info({ applied }, 'migrations applied');
        return await seedDemoScheme(createRepositories(orm));
      } finally {
        await orm.close();
      }
    },
    connect: (address) => Connection.connect({ address }),
  });
  const { scheme, issuedKey } = cluster.seeded;
  const api = `http://localhost:${config.port}`;
  showBanner(
    [
      '',
      'loyalty-hub cluster is running (real Temporal server on PostgreSQL; API and workers as separate processes)',
      `  API           ${api}   (health ${api}/readyz)`,
      `  Console       ${api}/console`,
      ...cluster.workers.map((w, i) => `  Worker ${i + 1}      pid ${w.pid}   (health http://localhost:${w.port}/healthz, metrics /metrics)`),
      `  Temporal      ${cluster.temporalAddress} (${config.temporalHistoryShards} history shards, PostgreSQL; pid ${cluster.temporalPid()}, restarted if it dies)`,
      `  Temporal UI   ${cluster.temporalUiUrl}`,
      '',
      `  Demo scheme   ${scheme.name}  X-Scheme: ${scheme.id}`,
      issuedKey ? `  Demo API key  X-ApiKey: ${issuedKey.key}   (shown once; keep it)` : '  Demo API key  issued on the first start and not shown again',
      config.adminToken ? '  Admin token   from ADMIN_TOKEN' : `  Admin token   Authorization: Bearer ${adminToken}   (generated for this run)`,
      '',
    ],
    { dataDir: config.dataDir, logger },
  );
  logger.info({ api, workers: cluster.workers.map((w) => w.port), temporal: cluster.temporalAddress, dataDir: path.resolve(config.dataDir) }, 'loyalty-hub cluster is running');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
