import { clocks, TemporalExpirySchedules } from '../../api/temporal/expiry-schedules';
import { randomBytes, randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import supertest from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { temporalWorkflows } from '../../api/temporal/gateway';
import type { HealthChecks } from '../../api/ports';
import { verifyLedger } from '../../db/ledger/verify';
import { openOrm, pingDatabase, type Orm } from '../../db/orm';
import { createRepositories } from '../../db/repositories';
import type { Repositories } from '../../domain/ports';
import { temporalHealth } from '../../runtime/health';
import { createLogger, type Logger } from '../../runtime/logger';
import { createMetrics } from '../../api/metrics';
import { partnerDeps } from '../../runtime/partner-deps';
import { pointsMetrics } from '../../runtime/process-metrics';
import { temporalSyncLanes } from '../../api/temporal/sync-lanes';
import { createHubWorker } from '../../runtime/worker';
import { testEnv, testPayloadKeys } from './test-env';
import { checkResponses, contractViolations } from './response-contract';
import { EncryptionCodec } from '../../runtime/payload-codec';
import { hubDataConverter } from '../../runtime/data-converter';
import { capacityFor } from '../../config/capacity';
import { classifyDatabaseError } from '../../db/failures';
import { FollowUpRelay } from '../../runtime/follow-up-relay';

export interface Harness {
  app: Express;
  http: ReturnType<typeof supertest>;
  orm: Orm;
  repos: Repositories;
  client: Client;
  taskQueue: string;
  adminToken: string;
  /** Starts a worker on this harness's task queue (started by default). */
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** Quiet SDK logs; the test process owns shutdown. Once per process. */
export function installTestRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  } catch {
    // already installed by an earlier test file in this jest worker
  }
}

export interface HarnessOptions {
  worker?: boolean;
  health?: Partial<HealthChecks>;
  logger?: Logger;
  /** REQUEST_DEADLINE_MS for this app (default 5 s). */
  deadlineMs?: number;
  /** HUB_CONCURRENCY for this app and worker (default 16). */
  concurrency?: number;
  /** The API starts workflows as an API process on its own does: no eager start (the worker takes them from the queue). */
  apart?: boolean;
  /** Another PostgreSQL and Temporal than the run's shared ones (fault tests pause theirs). */
  endpoints?: { databaseUrl: string; temporalAddress: string };
}

/** A real app, a real worker on its own task queue, real PostgreSQL and Temporal. */
export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  installTestRuntime();
  const env = { ...testEnv(), ...opts.endpoints };
  const taskQueue = `test-${randomUUID()}`;
  const adminToken = randomBytes(24).toString('base64url');
  const logger = opts.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const deadlineMs = opts.deadlineMs ?? 5000;
  const capacity = capacityFor(opts.concurrency ?? 16, deadlineMs);
  const roles = { api: true, worker: true };
  const orm = await openOrm({ databaseUrl: env.databaseUrl, poolMax: capacity.database.poolFor(roles), hotMax: capacity.database.hotFor(roles), timeouts: capacity.database, outboxQueue: taskQueue });
  const repos = createRepositories(orm, { credentialsKey: randomBytes(32) });
  // As in `npm start`: workflows start eagerly through a client on the worker's NativeConnection;
  // everything else (answers, queries, updates) goes through an ordinary client.
  const connection = await NativeConnection.connect({ address: env.temporalAddress });
  const codec = new EncryptionCodec(testPayloadKeys());
  const dataConverter = hubDataConverter(codec);
  const eagerClient = new Client({ connection, namespace: env.namespace, dataConverter });
  const plainConnection = await Connection.connect({ address: env.temporalAddress });
  const client = new Client({ connection: plainConnection, namespace: env.namespace, dataConverter });
  const metrics = createMetrics();

  const app = createApp({
    repos,
    workflows: {
      ...temporalWorkflows(client, taskQueue, metrics, opts.apart ? { deadlineMs } : { eagerClient, deadlineMs }),
      sync: temporalSyncLanes(client, taskQueue),
      ...clocks(new TemporalExpirySchedules(client, taskQueue, repos.schemes)),
    },
    verifyLedger: (schemeId) => verifyLedger(orm, schemeId),
    health: {
      postgres: () => pingDatabase(orm),
      temporal: temporalHealth(plainConnection),
      ...opts.health,
    },
    logger,
    metrics,
    adminToken,
    limits: { deadlineMs, retryAfterSeconds: capacity.retryAfterSeconds, admission: capacity.admission },
    classify: classifyDatabaseError,
    codec: { codec, corsOrigins: ['http://localhost:8233'] },
    // An address the console's workflow links can be checked against (nothing answers there).
    console: { temporalUiUrl: 'http://temporal-ui.test', namespace: env.namespace },
  });

  let running: { worker: Worker; done: Promise<void>; relay: FollowUpRelay } | null = null;
  // Once per harness: a restarted worker counts into the same series (registering it again throws).
  const workerMetrics = pointsMetrics(metrics.registry);
  const startWorker = async () => {
    if (running) return;
    const worker = await createHubWorker({
      connection,
      namespace: env.namespace,
      taskQueue,
      capacity,
      deps: { ...repos, partners: partnerDeps(client, taskQueue, { timeoutMs: 2000 }), metrics: workerMetrics },
      workflowBundle: { codePath: env.workflowBundlePath },
      dataConverter,
      shutdownGraceTime: '1s',
    });
    const relay = new FollowUpRelay({ outbox: repos.followUps, client: eagerClient, taskQueue, logger, eager: true });
    relay.start();
    running = { worker, relay, done: worker.run() };
  };
  const stopWorker = async () => {
    if (!running) return;
    const { worker, done, relay } = running;
    running = null;
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await done;
    await relay.stop();
  };
  if (opts.worker !== false) await startWorker();

  // Every answer the tests receive is checked against the OpenAPI document (close() reports mismatches).
  const checked = express().use(checkResponses).use(app);
  return {
    app,
    http: supertest(checked),
    orm,
    repos,
    client,
    taskQueue,
    adminToken,
    startWorker,
    stopWorker,
    close: async () => {
      await stopWorker();
      await plainConnection.close();
      await connection.close();
      await orm.close();
      const violations = contractViolations.splice(0);
      if (violations.length) throw new Error(`responses that do not match the OpenAPI document:\n${[...new Set(violations)].join('\n')}`);
    },
  };
}
