// The hub under a benchmark, in a process of its own so its CPU is told apart
// from the load generator's: API + worker (as `npm start` runs them) against
// the benchmark's PostgreSQL and Temporal, plus a floor worker for the
// Temporal floor. Driven over IPC by bench/transactions.ts.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '../config';
import { buildApp, closeServer, connectCore, hubOptions, listen, startWorker } from '../runtime/hub';
import { createLogger } from '../runtime/logger';
import { installTemporalRuntime } from '../runtime/temporal-runtime';
import { drive } from './stats';

export type HubCommand = { cmd: 'floor'; count: number; callers: number } | { cmd: 'stop' };
export type HubReply = { kind: 'ready'; port: number; pid: number } | { kind: 'floor'; micros: number[]; wallMs: number } | { kind: 'stopped' };

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { role: 'bench-hub' });
  installTemporalRuntime(logger);
  if (!config.databaseUrl || !config.temporal.address || !config.adminToken) throw new Error('the bench hub needs DATABASE_URL, TEMPORAL_ADDRESS and ADMIN_TOKEN');
  const opts = hubOptions(config, { databaseUrl: config.databaseUrl, temporalAddress: config.temporal.address }, logger);
  const core = await connectCore(opts, { api: true, worker: true });
  const { worker, done } = await startWorker(core, opts);
  const server = await listen(buildApp(core, { ...opts, adminToken: config.adminToken, bodyLimit: config.bodyLimit }), 0);

  // The floor: its own task queue and workflow, on the same NativeConnection, started the way a sale is.
  const floorWorker = await Worker.create({
    connection: core.native ?? undefined,
    namespace: opts.namespace,
    taskQueue: 'floor',
    workflowsPath: require.resolve('./floor/workflows'),
    dataConverter: core.dataConverter, // the floor pays for the same payload encryption a sale does
    activities: { floorStep: async (n: number) => n },
    maxConcurrentLocalActivityExecutions: config.concurrency,
  });
  const floorDone = floorWorker.run();
  const eager = core.eagerClient ?? core.client;

  const send = (m: HubReply) => process.send?.(m);
  process.on('message', (m: HubCommand) => {
    void (async () => {
      if (m.cmd === 'floor') {
        const r = await drive(m.count, m.callers, async () => {
          await eager.workflow.execute('floor', { taskQueue: 'floor', workflowId: `floor-${randomUUID()}`, args: [1], requestEagerStart: true });
        });
        send({ kind: 'floor', micros: r.micros, wallMs: r.wallMs });
      } else if (m.cmd === 'stop') {
        await closeServer(server);
        floorWorker.shutdown();
        worker.shutdown();
        await Promise.all([floorDone, done]);
        await core.close();
        send({ kind: 'stopped' });
        process.exit(0);
      }
    })();
  });
  send({ kind: 'ready', port: (server.address() as AddressInfo).port, pid: process.pid });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
