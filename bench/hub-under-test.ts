import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';
import { buildApp, closeServer, connectCore, listen, startWorker, type HubCore } from '../runtime/hub';
import { startEphemeralStack } from '../runtime/ephemeral-stack';
import { createLogger } from '../runtime/logger';
import { installTemporalRuntime } from '../runtime/temporal-runtime';

/** The whole hub (own PostgreSQL, Temporal dev server, worker, API on a free loopback port) for one benchmark run. */
export async function startHubUnderTest(): Promise<{ core: HubCore; base: string; stop(): Promise<void> }> {
  const logger = createLogger('warn');
  installTemporalRuntime(logger);
  const stack = await startEphemeralStack(loadConfig(), logger);
  const config = loadConfig();
  const opts = {
    databaseUrl: stack.databaseUrl,
    temporalAddress: stack.temporalAddress,
    namespace: stack.namespace,
    taskQueue: 'bench',
    logger,
    credentialsKey: randomBytes(32),
    payloadKeys: [{ id: 'bench', key: randomBytes(32) }],
    codecCorsOrigins: [],
    deadlineMs: config.requestDeadlineMs,
    concurrency: config.concurrency,
    sdkMetricsAddress: null,
    temporalUiUrl: null,
  };
  const core = await connectCore(opts, { api: true, worker: true });
  const { worker, done } = await startWorker(core, opts);
  const server = await listen(buildApp(core, { ...opts, adminToken: randomBytes(24).toString('base64url') }), 0);
  return {
    core,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await closeServer(server);
      worker.shutdown();
      await done;
      await core.close();
      await stack.stop();
    },
  };
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
