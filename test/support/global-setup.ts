import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { parseConfig } from '../../config';
import { migrate, openOrm } from '../../db/orm';
import { startEmbeddedPostgres } from '../../runtime/embedded-postgres';
import { freePort } from '../../runtime/free-port';
import { createLogger } from '../../runtime/logger';
import { defaultCacheDir, ensureTemporalCli } from '../../runtime/temporal-cli';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { startTemporalDevServer } from '../../runtime/temporal-dev-server';
import { workflowsPath } from '../../runtime/worker';
import { publishTestEnv } from './test-env';

/**
 * One real PostgreSQL database and one real Temporal dev server for the whole
 * run; every test file brings its own worker on its own task queue and its own
 * schemes, so files can run in parallel without seeing each other.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const config = parseConfig(process.env);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'loyalty-hub-test-'));
  const stops: Array<() => Promise<void>> = [];

  let databaseUrl: string;
  if (config.databaseUrl) {
    databaseUrl = await createScratchDatabase(config.databaseUrl);
    stops.push(() => dropDatabase(config.databaseUrl as string, databaseUrl));
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: tmp,
      port: await freePort(),
      database: 'loyalty_hub_test',
      logger,
      persistent: false,
    });
    stops.push(pg.stop);
    databaseUrl = pg.url;
  }
  const orm = await openOrm({ databaseUrl });
  await migrate(orm);
  await orm.close();

  const temporalCliPath = await ensureTemporalCli({
    explicitPath: config.temporal.cliPath,
    systemPath: config.systemPath,
    cacheDir: defaultCacheDir(),
    logger,
  });
  const temporal = await startTemporalDevServer({
    cliPath: temporalCliPath,
    port: await freePort(),
    uiPort: 0,
    namespace: 'default',
    headless: true,
    logger,
  });
  stops.push(temporal.stop);
  const connection = await Connection.connect({ address: temporal.address });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();

  // Bundling once here saves every test file a webpack run.
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  const workflowBundlePath = path.join(tmp, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, code);

  publishTestEnv({ databaseUrl, temporalAddress: temporal.address, workflowBundlePath, temporalCliPath, namespace: 'default' });
  (globalThis as Record<string, unknown>).__hubTestStops = stops;
  console.log(`\n[global-setup] PostgreSQL + Temporal dev server + workflow bundle ready in ${Date.now() - started} ms`);
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

async function createScratchDatabase(adminUrl: string): Promise<string> {
  const name = `hub_test_${Date.now()}_${process.pid}`;
  const client = new PgClient({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl: string, scratchUrl: string): Promise<void> {
  const name = new URL(scratchUrl).pathname.slice(1);
  const client = new PgClient({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
