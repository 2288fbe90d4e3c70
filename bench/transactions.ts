// `npm run bench:transactions [sales] [tills]`: realistic sales (2–5 lines, a mix
// of payment methods) from many simulated tills through HTTP → Temporal →
// PostgreSQL, next to the ledger engine's ceiling measured in the same run.
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { buildApp, closeServer, connectCore, listen, startWorker } from '../runtime/hub';
import { startEphemeralStack } from '../runtime/ephemeral-stack';
import { createLogger } from '../runtime/logger';
import { installTemporalRuntime } from '../runtime/temporal-runtime';
import { drive, summarize } from './stats';

const SALES = Number(process.argv[2] ?? 400);
const TILLS = Number(process.argv[3] ?? 16);
const CUSTOMERS = 100;

async function main() {
  const logger = createLogger('warn');
  installTemporalRuntime(logger);
  const stack = await startEphemeralStack(loadConfig(), logger);
  const opts = { databaseUrl: stack.databaseUrl, temporalAddress: stack.temporalAddress, namespace: stack.namespace, taskQueue: 'bench', logger };
  const core = await connectCore(opts);
  const { worker, done } = await startWorker(core, opts);
  const server = await listen(buildApp(core, { ...opts, adminToken: randomBytes(24).toString('base64url') }), 0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const scheme = await core.repos.schemes.create({ name: 'bench', currency: 'EUR', timeZone: 'UTC' });
    await core.repos.sales.putRules(scheme.id, { earnPerUnit: '6', redeemPointsPerUnit: '100', overrides: [{ match: 'category', value: 'Gifts', earnPerUnit: '0' }] });
    const outlet = await core.repos.sales.createOutlet(scheme.id, 'Main Street');
    const key = await core.repos.apiKeys.issue(scheme.id, 'bench');
    const accountId = (await core.repos.ledgers.listLedgers(scheme.id, 0, 1)).results[0]?.defaultAccountId;
    if (!accountId) throw new Error('the scheme has no default points account');
    const customers: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const c = await core.repos.customers.create({ schemeId: scheme.id, customer: {}, idempotencyKey: randomUUID(), requestHash: 'b' });
      const w = await core.repos.ledger.customerWallet(scheme.id, accountId, c.id);
      await core.repos.ledger.apply({ schemeId: scheme.id, systemUniqueKey: randomUUID(), requestHash: 'b', ops: [{ type: 'mint', accountId, walletId: w.id, amount: 100_000n }] });
      customers.push(c.id);
    }
    const headers = { 'content-type': 'application/json', 'x-scheme': scheme.id, 'x-apikey': key.key };
    const methods = [[], [{ type: 'Cash' }], [{ type: 'Card' }], [{ type: 'Cash' }, { type: 'Loyale Redemption', amount: 1 }], [{ type: 'Card', awardsPoints: false }]];
    let errors = 0;
    const sale = (i: number) => ({
      customerId: customers[i % customers.length],
      outletId: outlet.id,
      uniqueId: `bench-${i}-${randomUUID()}`,
      lineItems: Array.from({ length: 2 + (i % 4) }, (_, k) => ({ quantity: 1 + ((i + k) % 3), sku: `sku-${k}`, unitSalePrice: 2.5 + k, categories: k === 3 ? ['Gifts'] : ['Coffee'] })),
      paymentMethods: methods[i % methods.length],
    });
    const post = async (i: number) => {
      const res = await fetch(`${base}/v1/transactions`, { method: 'POST', headers, body: JSON.stringify(sale(i)) });
      if (res.status !== 201) errors += 1;
      await res.arrayBuffer();
    };
    await drive(40, 4, post); // warm-up
    errors = 0;
    const sales = await drive(SALES, TILLS, post);
    const salesErrors = errors;

    // The ceiling: the same ledger legs straight into the engine, same process, same database.
    const walletIds = await Promise.all(customers.map((c) => core.repos.ledger.customerWallet(scheme.id, accountId, c)));
    const ledger = await drive(SALES * 2, TILLS, async (i) => {
      await core.repos.ledger.apply({ schemeId: scheme.id, systemUniqueKey: randomUUID(), requestHash: 'b', ops: [{ type: 'mint', accountId, walletId: (walletIds[i % walletIds.length] as { id: string }).id, amount: 60n }] });
    });

    const cpus = os.cpus();
    console.log(`\nmachine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    console.log(`stack: embedded PostgreSQL + Temporal dev server, API and worker in one process; ${TILLS} tills, ${CUSTOMERS} customers\n`);
    console.table([
      { ...summarize('POST /v1/transactions (2–5 lines, mixed payments)', sales.micros, sales.wallMs), errors: salesErrors },
      { ...summarize('ledger engine alone (ceiling, same run)', ledger.micros, ledger.wallMs), errors: 0 },
    ]);
  } finally {
    await closeServer(server);
    worker.shutdown();
    await done;
    await core.close();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
