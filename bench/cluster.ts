// `npm run bench:cluster [sales] [tills]`: the till path on the production topology (npm run start:cluster's:
// the real Temporal server on PostgreSQL, one API process, CLUSTER_WORKERS worker processes), with the ceiling it is
// measured against — the Temporal floor on the same server (a bare workflow with one local activity) — and CPU per
// sale by process. Anchors the capacity model in README.md.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../config';
import { createLogger } from '../runtime/logger';
import { treeCpuMillis } from '../runtime/process-tree';
import { installTemporalRuntime } from '../runtime/temporal-runtime';
import { startBenchCluster } from './cluster-under-test';
import { httpClient } from './http-load';
import { drive, summarize } from './stats';

const SALES = Number(process.argv[2] ?? 1000);
const TILLS = Number(process.argv[3] ?? 16);

async function main() {
  const logger = createLogger('warn');
  installTemporalRuntime(logger);
  const { cluster, config, world: w, postmaster, stop } = await startBenchCluster(logger, 200);
  const base = loadConfig();
  try {
    // The floor, on the same server: its own task queue and worker in this process, started eagerly like a sale.
    const native = await NativeConnection.connect({ address: cluster.temporalAddress });
    const floorWorker = await Worker.create({ connection: native, namespace: config.temporal.namespace, taskQueue: 'floor', workflowsPath: require.resolve('./floor/workflows'), activities: { floorStep: async (n: number) => n } });
    const floorDone = floorWorker.run();
    const client = new Client({ connection: native, namespace: config.temporal.namespace });
    const floor = (n: number, callers: number) =>
      drive(n, callers, async () => {
        await client.workflow.execute('floor', { taskQueue: 'floor', workflowId: `floor-${randomUUID()}`, args: [1], requestEagerStart: true });
      });

    const pids = { api: cluster.api.pid, workers: cluster.workers.map((x) => x.pid), temporal: cluster.temporalPid(), postgres: postmaster() };
    const cpu = () => ({
      api: treeCpuMillis(pids.api),
      workers: pids.workers.reduce((n, p) => n + treeCpuMillis(p), 0),
      temporal: treeCpuMillis(pids.temporal),
      postgres: treeCpuMillis(pids.postgres),
      load: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    const perOp = (a: ReturnType<typeof cpu>, b: ReturnType<typeof cpu>, n: number) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, ((v - a[k as keyof typeof a]) / n).toFixed(1)]));

    const http = httpClient(`http://127.0.0.1:${cluster.api.port}`, w.headers);
    const body = (i: number) => ({ customerId: w.customers[i % w.customers.length], outletId: w.outletId, uniqueId: `c-${i}-${randomUUID()}`, lineItems: [{ quantity: 1, sku: 'latte', unitPrice: 3.5 }] });
    let errors = 0;
    const sell = async (i: number) => {
      const r = await http.request('POST', '/v1/transactions', body(i));
      if (r.status !== 201) errors++;
    };
    await floor(60, 4);
    await drive(60, 4, sell);

    const f0 = cpu();
    const floorN = await floor(SALES, TILLS);
    const floorCpu = perOp(f0, cpu(), SALES);
    const sale1 = await drive(100, 1, sell);
    const s0 = cpu();
    const saleN = await drive(SALES, TILLS, sell);
    const saleCpu = perOp(s0, cpu(), SALES);

    console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString()}`);
    console.log(`topology: real Temporal server ${cluster.temporalAddress} (${config.temporalHistoryShards} shards, PostgreSQL), 1 API + ${cluster.workers.length} worker processes, embedded PostgreSQL, all on this machine; HUB_CONCURRENCY ${base.concurrency}`);
    console.table([
      summarize(`(a) floor on the real server, ${TILLS} callers`, floorN.micros, floorN.wallMs),
      summarize('(c) POST /v1/transactions, 1 till', sale1.micros, sale1.wallMs),
      summarize(`(c) POST /v1/transactions, ${TILLS} tills`, saleN.micros, saleN.wallMs),
    ]);
    console.log(`sale errors (not 201): ${errors}; sales/s at ${TILLS} tills vs the floor: ${((100 * floorN.wallMs) / saleN.wallMs).toFixed(0)} %`);
    console.log('CPU milliseconds per operation, by process (from /proc; workers summed; load = this generator and the floor worker):');
    console.table([
      { scenario: '(a) floor', ...floorCpu },
      { scenario: '(c) sale', ...saleCpu },
    ]);
    http.close();
    floorWorker.shutdown();
    await floorDone;
    await native.close();
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
