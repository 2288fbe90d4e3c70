// `npm run bench:faults [tills] [seconds]`: the full fault tests of the production topology (test/cluster.test.ts runs
// CI-sized ones). Under a steady load of `tills` tills, one after the other: SIGKILL a worker, SIGKILL the Temporal
// server (start:cluster's supervisor starts it again), SIGKILL PostgreSQL (its supervisor starts it again). Each
// phase keeps selling `seconds` before the fault and after recovery, then repeats every unacknowledged sale with
// its uniqueId and reads the ledger: sales, acknowledged, posted, lost, doubled, stuck workflows, time to recover.
import os from 'node:os';
import { createLogger } from '../runtime/logger';
import { installTemporalRuntime } from '../runtime/temporal-runtime';
import { startBenchCluster } from './cluster-under-test';
import { alive, underLoad, type FaultReport } from './fault-load';

const TILLS = Number(process.argv[2] ?? 16);
const SECONDS = Number(process.argv[3] ?? 20);

async function main() {
  const logger = createLogger('warn');
  installTemporalRuntime(logger);
  const bench = await startBenchCluster(logger, 1);
  const { cluster } = bench;
  const hub = { base: bench.base, headers: { 'X-Scheme': bench.world.schemeId, 'X-ApiKey': bench.world.headers['x-apikey'] }, outletId: bench.world.outletId, adminToken: bench.adminToken };
  const load = { tills: TILLS, beforeMs: SECONDS * 1000, afterMs: SECONDS * 1000, recoverWithinMs: 180_000 };
  const rows: Array<{ fault: string } & FaultReport> = [];
  const phase = async (fault: string, act: () => Promise<void>) => {
    const report = await underLoad(hub, load, act);
    rows.push({ fault, ...report });
    console.log(`${fault}: ${JSON.stringify(report)}`);
  };
  try {
    await phase('worker SIGKILL', async () => {
      const dead = cluster.workers[0]!.pid;
      process.kill(dead, 'SIGKILL');
      while (alive(dead)) await new Promise((w) => setTimeout(w, 50));
    });
    await phase('Temporal server SIGKILL', async () => {
      process.kill(cluster.temporalPid(), 'SIGKILL');
    });
    await phase('PostgreSQL SIGKILL', async () => {
      process.kill(bench.postmaster(), 'SIGKILL');
    });

    console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString()}`);
    console.log(`topology: real Temporal server (${bench.config.temporalHistoryShards} shards), 1 API + ${cluster.workers.length} workers (one killed in the first phase), embedded PostgreSQL; ${TILLS} tills, ${SECONDS} s of load before each fault and after its recovery`);
    console.table(
      rows.map((r) => ({
        fault: r.fault,
        sales: r.sales,
        'acknowledged at once': r.acknowledgedFirstTime,
        'repeated later': r.repeatedLater,
        posted: r.posted,
        lost: r.lost,
        doubled: r.doubled,
        stuck: r.stuck,
        'recovered (ms)': r.recoveredMs,
        answers: Object.entries(r.statuses)
          .map(([s, n]) => `${s}×${n}`)
          .join(' '),
      })),
    );
    const bad = rows.filter((r) => r.lost || r.doubled || r.stuck || Object.keys(r.statuses).some((s) => !['201', '202', '503'].includes(s)));
    if (bad.length) throw new Error(`faults not absorbed: ${bad.map((r) => r.fault).join(', ')}`);
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
