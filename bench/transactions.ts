// `npm run bench:transactions [sales] [tills]`: the till path, in one run, next to
// what bounds it. The hub (API + worker, as `npm start` runs them) is a process
// of its own, so CPU is read per process from /proc:
//   (a) the Temporal floor: a bare workflow with one local activity, started
//       eagerly the way a sale is, at 1 and at `tills` callers;
//   (b) the sale's own PostgreSQL transaction alone (no Temporal, no HTTP);
//   (c) POST /v1/transactions at 1 till and at `tills`, with CPU per sale by process;
//   (d) overload: an open loop at 4× the measured capacity for 30 s;
//   (e) a stall: the Temporal server paused (SIGSTOP) for 10 s under load;
// then every acknowledged sale is checked against the ledger (lost, doubled) and the verifier runs.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { inheritedEnv, loadConfig } from '../config';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import { postSale } from '../activities/sale/post-sale';
import { startEphemeralStack } from '../runtime/ephemeral-stack';
import { createLogger } from '../runtime/logger';
import { signalTree, treeCpuMillis } from '../runtime/process-tree';
import type { HubCommand, HubReply } from './hub-process';
import { machineLine } from './hub-under-test';
import { httpClient, openLoop } from './http-load';
import { salesScheme } from './sales-scheme';
import { drive, percentile, summarize } from './stats';
import { checkSales, type Acknowledged } from './sale-check';

const SALES = Number(process.argv[2] ?? 1000);
const TILLS = Number(process.argv[3] ?? 16);
const CUSTOMERS = 200;
const OVERLOAD_SECONDS = 30;
const STALL_SECONDS = 10;

async function main() {
  const config = loadConfig();
  const logger = createLogger('warn');
  const stack = await startEphemeralStack(config, logger);
  const orm = await openOrm({ databaseUrl: stack.databaseUrl, poolMax: TILLS + 4 });
  const repos = createRepositories(orm);
  let hub: ChildProcess | null = null;
  try {
    const world = await salesScheme(repos, CUSTOMERS);
    hub = fork(path.join(__dirname, 'hub-process.ts'), [], {
      // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the hub (open it in Chrome DevTools).
      execArgv: ['--import', 'tsx', ...(config.benchCpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${config.benchCpuProfile}`] : [])],
      env: { ...inheritedEnv(), DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_TASK_QUEUE: 'bench', ADMIN_TOKEN: randomBytes(24).toString('base64url'), PAYLOAD_KEYS: `bench:${randomBytes(32).toString('hex')}`, LOG_LEVEL: 'warn' },
    });
    const replies = replyQueue(hub);
    const ready = (await replies.next()) as Extract<HubReply, { kind: 'ready' }>;
    const ask = async (m: HubCommand) => {
      hub?.send(m);
      return replies.next();
    };
    const pids = { hub: ready.pid, temporal: stack.pids.temporal, postgres: stack.pids.postgres() };
    const cpu = () => ({
      node: treeCpuMillis(pids.hub),
      temporal: pids.temporal ? treeCpuMillis(pids.temporal) : NaN,
      postgres: pids.postgres ? treeCpuMillis(pids.postgres) : NaN,
      load: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
    const perOp = (before: ReturnType<typeof cpu>, after: ReturnType<typeof cpu>, ops: number) =>
      Object.fromEntries(Object.entries(after).map(([k, v]) => [k, ((v - before[k as keyof typeof before]) / ops).toFixed(1)])) as Record<keyof typeof before, string>;

    const http = httpClient(`http://127.0.0.1:${ready.port}`, world.headers);
    const acknowledged: Acknowledged[] = [];
    const sale = (i: number, tag: string) => saleBody(world, i, `${tag}-${i}-${randomUUID()}`);
    const post = async (body: ReturnType<typeof sale>) => {
      const r = await http.request('POST', '/v1/transactions', body);
      if (r.status === 201 || r.status === 202) acknowledged.push({ uniqueId: body.uniqueId, status: r.status });
      return r;
    };

    // Warm-up: JIT, pools, the workflow bundle, both task queues.
    await drive(60, 4, async (i) => void (await post(sale(i, 'warm'))));
    await ask({ cmd: 'floor', count: 60, callers: 4 });

    // (a) the Temporal floor
    const floor1 = (await ask({ cmd: 'floor', count: 100, callers: 1 })) as Extract<HubReply, { kind: 'floor' }>;
    let before = cpu();
    const floorN = (await ask({ cmd: 'floor', count: SALES, callers: TILLS })) as Extract<HubReply, { kind: 'floor' }>;
    const floorCpu = perOp(before, cpu(), SALES);

    // (b) the sale's own transaction alone: what PostgreSQL allows the same work
    const alone = await drive(SALES, TILLS, async (i) => {
      const body = sale(i, 'alone');
      const r = await postSale(repos.saleStore, {
        schemeId: world.schemeId,
        uniqueId: body.uniqueId,
        requestHash: 'bench',
        statusUrl: '',
        customerId: body.customerId,
        outletId: body.outletId,
        sale: { lines: body.lineItems, payments: body.paymentMethods, coupons: [] },
        request: body,
      });
      acknowledged.push({ uniqueId: body.uniqueId, status: r.status === 'COMPLETED' ? 201 : 0 });
    });

    // (c) the sale path
    let errors = 0;
    const sales1 = await drive(100, 1, async (i) => void ((await post(sale(i, 'one'))).status !== 201 && errors++));
    before = cpu();
    const salesN = await drive(SALES, TILLS, async (i) => void ((await post(sale(i, 'many'))).status !== 201 && errors++));
    const saleCpu = perOp(before, cpu(), SALES);
    const capacity = (SALES * 1000) / salesN.wallMs;

    // (d) overload: 4× capacity, open loop
    const rate = Math.round(capacity * 4);
    const overload = await openLoop(rate, OVERLOAD_SECONDS * 1000, async (i) => {
      const r = await post(sale(i, 'overload')).catch(() => ({ status: 0, ms: NaN, retryAfter: undefined }));
      return { status: r.status, ms: r.ms, retryAfter: r.retryAfter };
    });

    // (e) stall: Temporal paused for 10 s while 16 tills keep selling; every 503 is retried (same uniqueId) once it is back
    const stallSent: Array<{ body: ReturnType<typeof sale>; status: number; ms: number; retryAfter?: string }> = [];
    const stallStart = Date.now();
    const stallEnd = stallStart + (STALL_SECONDS + 10) * 1000;
    let paused = false;
    const pauser = (async () => {
      await sleep(3000);
      if (pids.temporal) signalTree(pids.temporal, 'SIGSTOP');
      paused = true;
      await sleep(STALL_SECONDS * 1000);
      if (pids.temporal) signalTree(pids.temporal, 'SIGCONT');
      paused = false;
    })();
    let n = 0;
    await Promise.all(
      Array.from({ length: TILLS }, async () => {
        while (Date.now() < stallEnd) {
          const body = sale(n++, 'stall');
          const r = await post(body).catch(() => ({ status: 0, ms: NaN, retryAfter: undefined }));
          stallSent.push({ body, status: r.status, ms: r.ms, retryAfter: r.retryAfter });
          if (r.status !== 201) await sleep(200); // a till backs off on 202/503
        }
      }),
    );
    await pauser;
    if (paused && pids.temporal) signalTree(pids.temporal, 'SIGCONT');
    // The till repeats each 503 with the same uniqueId until it is answered.
    const retried = stallSent.filter((s) => s.status !== 201 && s.status !== 202);
    for (const s of retried) {
      for (let attempt = 0; attempt < 30; attempt++) {
        const r = await post(s.body);
        if (r.status === 201 || r.status === 202) break;
        await sleep(1000);
      }
    }

    const starts = (await http.request('GET', '/metrics')).body.split('\n').filter((l) => l.startsWith('hub_workflow_starts_total{workflow="recordSale"'));
    const check = await checkSales(orm, world, acknowledged);
    const violations = await verifyLedger(orm, world.schemeId);

    const deadline = config.requestDeadlineMs;
    const mix = (rs: Array<{ status: number }>) => {
      const m: Record<string, number> = {};
      for (const r of rs) m[r.status] = (m[r.status] ?? 0) + 1;
      return Object.entries(m).map(([k, v]) => `${k}×${v}`).join(' ');
    };
    const within = (rs: Array<{ ms: number }>) => `${((100 * rs.filter((r) => r.ms <= deadline).length) / rs.length).toFixed(1)} %`;
    const p99 = (rs: Array<{ ms: number }>) => percentile(rs.map((r) => Math.round(r.ms * 1000)).sort((a, b) => a - b), 99) / 1000;

    console.log(`\n${machineLine()}\n${new Date().toISOString()}`);
    console.log(`stack: embedded PostgreSQL + Temporal dev server (tuned, see runtime/temporal-dev-server.ts); hub = API + worker in one process (eager starts); HUB_CONCURRENCY ${config.concurrency}, REQUEST_DEADLINE_MS ${deadline}; ${CUSTOMERS} customers\n`);
    console.table([
      summarize('(a) floor: 1 workflow + 1 local activity, eager, 1 caller', floor1.micros, floor1.wallMs),
      summarize(`(a) floor: same, ${TILLS} callers`, floorN.micros, floorN.wallMs),
      summarize(`(b) the sale's transaction alone (PostgreSQL), ${TILLS} at once`, alone.micros, alone.wallMs),
      summarize('(c) POST /v1/transactions, 1 till', sales1.micros, sales1.wallMs),
      summarize(`(c) POST /v1/transactions, ${TILLS} tills`, salesN.micros, salesN.wallMs),
    ]);
    console.log(`sale errors (not 201) in (c): ${errors}; sales/s at ${TILLS} tills vs floor: ${((100 * (SALES / salesN.wallMs)) / (SALES / floorN.wallMs)).toFixed(0)} %`);
    console.log('\nCPU milliseconds per operation, by process (from /proc; node = the hub, load = this generator):');
    console.table([
      { scenario: `(a) floor, ${TILLS} callers`, ...floorCpu },
      { scenario: `(c) sale, ${TILLS} tills`, ...saleCpu },
    ]);
    console.log(`\n(d) overload: ${rate}/s for ${OVERLOAD_SECONDS} s (4 × ${capacity.toFixed(0)}/s): ${overload.length} requests`);
    console.log(`    answered within the ${deadline} ms deadline: ${within(overload)}; p99 ${p99(overload).toFixed(0)} ms; status ${mix(overload)}; 503s with Retry-After: ${overload.filter((r) => r.status === 503 && r.retryAfter).length}/${overload.filter((r) => r.status === 503).length}`);
    console.log(`(e) stall: Temporal paused ${STALL_SECONDS} s under ${TILLS} tills: ${stallSent.length} requests`);
    console.log(`    answered within the deadline: ${within(stallSent)}; p99 ${p99(stallSent).toFixed(0)} ms; status ${mix(stallSent)}; retried after: ${retried.length}`);
    console.log(`\nsale workflow starts: ${starts.map((l) => l.replace(/^hub_workflow_starts_total/, '')).join(', ')}`);
    console.log(`\nledger check over every acknowledged sale (${check.acknowledged}): posted ${check.posted}, lost ${check.lost}, doubled ${check.doubled}; balances off: ${check.balancesOff}; verifier violations: ${violations.length}`);
    http.close();
  } finally {
    if (hub?.connected) {
      hub.send({ cmd: 'stop' } satisfies HubCommand);
      await new Promise((r) => hub?.once('exit', r));
    }
    await orm.close();
    await stack.stop();
  }
}

/** Realistic sales: 2–5 lines, five payment mixes (with redemption and awardsPoints:false). */
function saleBody(world: { customers: string[]; outletId: string }, i: number, uniqueId: string) {
  const methods = [[], [{ type: 'Cash' }], [{ type: 'Card' }], [{ type: 'Cash' }, { type: 'Loyale Redemption', amount: 1 }], [{ type: 'Card', awardsPoints: false }]];
  return {
    customerId: world.customers[i % world.customers.length] as string,
    outletId: world.outletId,
    uniqueId,
    lineItems: Array.from({ length: 2 + (i % 4) }, (_, k) => ({ quantity: 1 + ((i + k) % 3), sku: `sku-${k}`, unitSalePrice: 2.5 + k, categories: k === 3 ? ['Gifts'] : ['Coffee'] })),
    paymentMethods: methods[i % methods.length] as Array<{ type: string; amount?: number; awardsPoints?: boolean }>,
  };
}

function replyQueue(child: ChildProcess) {
  const waiting: Array<(m: HubReply) => void> = [];
  const queued: HubReply[] = [];
  child.on('message', (m: HubReply) => {
    const w = waiting.shift();
    if (w) w(m);
    else queued.push(m);
  });
  return { next: () => new Promise<HubReply>((resolve) => (queued.length ? resolve(queued.shift() as HubReply) : waiting.push(resolve))) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
