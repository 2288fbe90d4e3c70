import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { Config } from '../config';
import { migrate, openOrm } from '../db/orm';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './free-port';
import type { Logger } from './logger';
import { ensureSearchAttributes } from './search-attributes';
import { defaultCacheDir, ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';

export interface EphemeralStack {
  databaseUrl: string;
  temporalAddress: string;
  temporalCliPath: string;
  namespace: string;
  tmpDir: string;
  /** The processes behind it, for fault tests and CPU accounting (postgres: null when it is a scratch database on DATABASE_URL's server). */
  pids: { temporal: number | undefined; postgres: () => number | null };
  stop(): Promise<void>;
}

/**
 * A throw-away PostgreSQL database (a scratch database on DATABASE_URL's server,
 * or an embedded server) migrated to the latest schema, and an in-memory Temporal
 * dev server on free ports. For tests and benchmarks: nothing survives stop().
 */
export async function startEphemeralStack(config: Config, logger: Logger): Promise<EphemeralStack> {
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'loyalty-hub-'));
  const stops: Array<() => Promise<void>> = [() => rm(tmpDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => logger.warn({ err }, 'ephemeral stop failed'));
  };
  try {
    let databaseUrl: string;
    let postgresPid: () => number | null = () => null;
    if (config.databaseUrl) {
      const adminUrl = config.databaseUrl;
      databaseUrl = await createScratchDatabase(adminUrl);
      stops.push(() => dropDatabase(adminUrl, databaseUrl));
    } else {
      const pg = await startEmbeddedPostgres({ dataDir: tmpDir, port: await freePort(), database: 'loyalty_hub', logger, persistent: false });
      stops.push(pg.stop);
      databaseUrl = pg.url;
      postgresPid = pg.pid;
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
    const namespace = 'default';
    const temporal = await startTemporalDevServer({ cliPath: temporalCliPath, port: await freePort(), uiPort: 0, namespace, headless: true, logger });
    stops.push(temporal.stop);
    const connection = await Connection.connect({ address: temporal.address });
    await ensureSearchAttributes(connection, namespace).finally(() => connection.close());

    return { databaseUrl, temporalAddress: temporal.address, temporalCliPath, namespace, tmpDir, pids: { temporal: temporal.pid(), postgres: postgresPid }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function withPg<T>(url: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createScratchDatabase(adminUrl: string): Promise<string> {
  const name = `hub_scratch_${Date.now()}_${process.pid}`;
  await withPg(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl: string, scratchUrl: string): Promise<void> {
  const name = new URL(scratchUrl).pathname.slice(1);
  await withPg(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}
