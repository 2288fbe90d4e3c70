import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { capacityFor, type Capacity } from '../config/capacity';
import { classifyDatabaseError } from '../db/failures';
import { clocks, ensureExpirySchedule, TemporalExpirySchedules } from '../api/temporal/expiry-schedules';
import { ensureStatsSchedule } from '../api/temporal/stats-schedule';
import { FollowUpRelay } from './follow-up-relay';
import { createApp } from '../api/app';
import { ConfigError, type Config } from '../config';
import { temporalWorkflows } from '../api/temporal/gateway';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm, pingDatabase, type Orm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import type { Repositories } from '../domain/ports';
import { temporalHealth } from './health';
import type { Logger } from './logger';
import { createMetrics } from '../api/metrics';
import { pointsMetrics, processRegistry, sdkMetricsReader } from './process-metrics';
import type { Registry } from 'prom-client';
import { ensureSearchAttributes, requireSearchAttributes } from './search-attributes';
import { createHubWorker } from './worker';
import { partnerDeps } from './partner-deps';
import { EncryptionCodec, type PayloadKey } from './payload-codec';
import { hubDataConverter } from './data-converter';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { temporalSyncLanes } from '../api/temporal/sync-lanes';

export interface HubOptions {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  logger: Logger;
  /** Seals partner credentials (CREDENTIALS_KEY); without it connections cannot be stored or used. */
  credentialsKey?: Buffer;
  /** PAYLOAD_KEYS: every Temporal payload is sealed with the first (AES-256-GCM); all of them decrypt. */
  payloadKeys: PayloadKey[];
  /** Origins of the Temporal Web UI allowed to call the codec endpoint. */
  codecCorsOrigins: string[];
  /** REQUEST_DEADLINE_MS and HUB_CONCURRENCY: everything that bounds work follows from them (config/capacity.ts). */
  deadlineMs: number;
  concurrency: number;
  /** Where the Temporal SDK serves its metrics in this process (runtime/temporal-runtime.ts), if it does. */
  sdkMetricsAddress: string | null;
  /** The Temporal Web UI, for the console's links to workflows. */
  temporalUiUrl: string | null;
}

/** What this process runs: the API, the worker, or both (then the API starts workflows eagerly on the worker). */
export interface Roles {
  api: boolean;
  worker: boolean;
}

export function hubOptions(
  config: Config,
  endpoints: { databaseUrl: string; temporalAddress: string; temporalUiUrl?: string | null },
  logger: Logger,
  credentialsKey = config.credentialsKey,
  payloadKeys = config.payloadKeys,
  sdkMetricsAddress: string | null = null,
): HubOptions {
  if (!payloadKeys) throw new ConfigError(['PAYLOAD_KEYS: required when the API or the worker runs on its own (npm start keeps a local key in DATA_DIR)']);
  return {
    databaseUrl: endpoints.databaseUrl,
    temporalAddress: endpoints.temporalAddress,
    temporalUiUrl: endpoints.temporalUiUrl ?? config.temporal.uiUrl ?? null,
    payloadKeys,
    codecCorsOrigins: config.codecCorsOrigins,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    logger,
    credentialsKey,
    deadlineMs: config.requestDeadlineMs,
    concurrency: config.concurrency,
    sdkMetricsAddress,
  };
}

/** The shared parts of every process: database, repositories, Temporal connection. */
export interface HubCore {
  orm: Orm;
  repos: Repositories;
  connection: Connection;
  client: Client;
  /** Present when this process runs a worker: the worker's NativeConnection, and a client on it that starts workflows eagerly. */
  native: NativeConnection | null;
  eagerClient: Client | null;
  capacity: Capacity;
  roles: Roles;
  /** Seals and opens payloads for the clients, the worker and the codec endpoint. */
  codec: PayloadCodec;
  dataConverter: DataConverter;
  /** The process's metrics: the API's and the worker's in one registry when both run here. */
  registry: Registry;
  close(): Promise<void>;
}

/**
 * `setup`: 'register' where this process owns its Temporal (npm start's dev server); otherwise the search
 * attributes must be there already (registered once by npm run temporal:setup), and are only checked.
 */
export async function connectCore(opts: HubOptions, roles: Roles, setup: 'register' | 'require' = 'require'): Promise<HubCore> {
  const capacity = capacityFor(opts.concurrency, opts.deadlineMs);
  const codec = new EncryptionCodec(opts.payloadKeys);
  const dataConverter = hubDataConverter(codec);
  const orm = await openOrm({ databaseUrl: opts.databaseUrl, logger: opts.logger, poolMax: capacity.database.poolFor(roles), hotMax: capacity.database.hotFor(roles), timeouts: capacity.database, outboxQueue: opts.taskQueue });
  try {
    const connection = await Connection.connect({ address: opts.temporalAddress });
    // A worker's NativeConnection also carries a client, so starts from this process run eagerly on this worker.
    const native = roles.worker ? await NativeConnection.connect({ address: opts.temporalAddress }) : null;
    await (setup === 'register' ? ensureSearchAttributes : requireSearchAttributes)(connection, opts.namespace);
    return {
      orm,
      repos: createRepositories(orm, { credentialsKey: opts.credentialsKey }),
      connection,
      client: new Client({ connection, namespace: opts.namespace, dataConverter }),
      native,
      eagerClient: native ? new Client({ connection: native, namespace: opts.namespace, dataConverter }) : null,
      capacity,
      roles,
      codec,
      dataConverter,
      registry: processRegistry(),
      close: async () => {
        await native?.close();
        await connection.close();
        await orm.close();
      },
    };
  } catch (err) {
    await orm.close();
    throw err;
  }
}

export function buildApp(core: HubCore, opts: HubOptions & { adminToken: string; bodyLimit?: string }) {
  const metrics = { ...createMetrics(core.registry), sdk: sdkMetricsReader(opts.sdkMetricsAddress) };
  const starter = { ...(core.eagerClient ? { eagerClient: core.eagerClient } : {}), deadlineMs: opts.deadlineMs };
  return createApp({
    repos: core.repos,
    workflows: {
      ...temporalWorkflows(core.client, opts.taskQueue, metrics, starter),
      sync: temporalSyncLanes(core.client, opts.taskQueue),
      ...clocks(new TemporalExpirySchedules(core.client, opts.taskQueue, core.repos.schemes)),
    },
    verifyLedger: (schemeId) => verifyLedger(core.orm, schemeId),
    health: {
      postgres: () => pingDatabase(core.orm),
      temporal: temporalHealth(core.connection),
    },
    logger: opts.logger,
    metrics,
    adminToken: opts.adminToken,
    bodyLimit: opts.bodyLimit,
    limits: { deadlineMs: opts.deadlineMs, retryAfterSeconds: core.capacity.retryAfterSeconds, admission: core.capacity.admission },
    classify: classifyDatabaseError,
    codec: { codec: core.codec, corsOrigins: opts.codecCorsOrigins },
    console: { temporalUiUrl: opts.temporalUiUrl, namespace: opts.namespace },
  });
}

/** The worker and the follow-up relay that starts what committed operations left to do. */
export async function startWorker(core: HubCore, opts: HubOptions): Promise<{ worker: Worker; done: Promise<void> }> {
  if (!core.native) throw new Error('startWorker needs a core connected with the worker role');
  const worker = await createHubWorker({
    connection: core.native,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    capacity: core.capacity,
    dataConverter: core.dataConverter,
    deps: { ...core.repos, partners: partnerDeps(core.client, opts.taskQueue), metrics: pointsMetrics(core.registry) },
  });
  const relay = new FollowUpRelay({ outbox: core.repos.followUps, client: core.eagerClient ?? core.client, taskQueue: opts.taskQueue, logger: opts.logger, eager: core.eagerClient !== null });
  const done = worker.run().finally(() => relay.stop());
  relay.start();
  // Every scheme whose points expire has its schedule, even one whose account changed while Temporal was away.
  void ensureExpirySchedules(core, opts);
  void ensureStatsSchedule(core.client, opts.taskQueue).catch((err: unknown) => opts.logger.warn({ err: (err as Error).message }, 'stats roll-up schedule not checked; the next start checks it'));
  return { worker, done };
}

async function ensureExpirySchedules(core: HubCore, opts: HubOptions): Promise<void> {
  try {
    for (const scheme of await core.repos.lots.expiringSchemes()) await ensureExpirySchedule(core.client, opts.taskQueue, scheme);
  } catch (err) {
    opts.logger.warn({ err: (err as Error).message }, 'expiry schedules not checked; the next account change or start checks them');
  }
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
