import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApp } from '../api/app';
import type { Config } from '../config';
import { temporalWorkflows } from '../api/temporal-gateway';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm, pingDatabase, type Orm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import type { Repositories } from '../domain/ports';
import { temporalHealth } from './health';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { ensureSearchAttributes } from './search-attributes';
import { createHubWorker } from './worker';
import { partnerDeps } from './partner-deps';
import { temporalSyncLanes } from './sync-lanes';

export interface HubOptions {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  logger: Logger;
  /** Seals partner credentials (CREDENTIALS_KEY); without it connections cannot be stored or used. */
  credentialsKey?: Buffer;
}

export function hubOptions(config: Config, endpoints: { databaseUrl: string; temporalAddress: string }, logger: Logger, credentialsKey = config.credentialsKey): HubOptions {
  return { ...endpoints, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, logger, credentialsKey };
}

/** The shared parts of every process: database, repositories, Temporal connection. */
export interface HubCore {
  orm: Orm;
  repos: Repositories;
  connection: Connection;
  client: Client;
  close(): Promise<void>;
}

export async function connectCore(opts: HubOptions): Promise<HubCore> {
  const orm = await openOrm({ databaseUrl: opts.databaseUrl, logger: opts.logger });
  const connection = await Connection.connect({ address: opts.temporalAddress }).catch(async (err) => {
    await orm.close();
    throw err;
  });
  await ensureSearchAttributes(connection, opts.namespace);
  return {
    orm,
    repos: createRepositories(orm, { credentialsKey: opts.credentialsKey }),
    connection,
    client: new Client({ connection, namespace: opts.namespace }),
    close: async () => {
      await connection.close();
      await orm.close();
    },
  };
}

export function buildApp(core: HubCore, opts: HubOptions & { adminToken: string; bodyLimit?: string }) {
  const metrics = createMetrics();
  return createApp({
    repos: core.repos,
    workflows: { ...temporalWorkflows(core.client, opts.taskQueue, metrics), sync: temporalSyncLanes(core.client, opts.taskQueue) },
    verifyLedger: (schemeId) => verifyLedger(core.orm, schemeId),
    health: {
      postgres: () => pingDatabase(core.orm),
      temporal: temporalHealth(core.connection),
    },
    logger: opts.logger,
    metrics,
    adminToken: opts.adminToken,
    bodyLimit: opts.bodyLimit,
  });
}

export async function startWorker(core: HubCore, opts: HubOptions): Promise<{ worker: Worker; done: Promise<void> }> {
  const connection = await NativeConnection.connect({ address: opts.temporalAddress });
  const worker = await createHubWorker({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    deps: { ...core.repos, partners: partnerDeps(core.client, opts.taskQueue) },
  });
  const done = worker.run().finally(() => connection.close());
  return { worker, done };
}

export function listen(app: ReturnType<typeof createApp>, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    server.once('error', reject);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
