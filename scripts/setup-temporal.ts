// `npm run temporal:setup`: a deployment's one-time Temporal setup (compose: the hub-setup job) — the namespace
// (on a cluster that does not have it) and the hub's search attributes, registered once, before any API or worker starts.
import { Connection } from '@temporalio/client';
import { loadConfig } from '../config';
import { createLogger } from '../runtime/logger';
import { ensureNamespace, namespaceReady } from '../runtime/namespace';
import { ensureSearchAttributes } from '../runtime/search-attributes';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { role: 'setup' });
  if (!config.temporal.address) throw new Error('npm run temporal:setup needs TEMPORAL_ADDRESS');
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const namespace = await ensureNamespace(connection, config.temporal.namespace);
    await namespaceReady(connection, config.temporal.namespace);
    await ensureSearchAttributes(connection, config.temporal.namespace);
    logger.info({ namespace: config.temporal.namespace, [namespace]: true }, 'Temporal namespace and search attributes ready');
  } finally {
    await connection.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
