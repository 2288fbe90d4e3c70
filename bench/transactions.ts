// `npm run bench:transactions [sales] [tills]`: realistic sales (2–5 lines, a mix
// of payment methods) from many simulated tills through HTTP → Temporal →
// PostgreSQL, next to the ledger engine's ceiling measured in the same run.
import { randomUUID } from 'node:crypto';
import { machineLine, startHubUnderTest } from './hub-under-test';
import { drive, summarize } from './stats';

const SALES = Number(process.argv[2] ?? 400);
const TILLS = Number(process.argv[3] ?? 16);
const CUSTOMERS = 100;

async function main() {
  const { core, base, stop } = await startHubUnderTest();
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

    console.log(`
${machineLine()}`);
    console.log(`stack: embedded PostgreSQL + Temporal dev server, API and worker in one process; ${TILLS} tills, ${CUSTOMERS} customers\n`);
    console.table([
      { ...summarize('POST /v1/transactions (2–5 lines, mixed payments)', sales.micros, sales.wallMs), errors: salesErrors },
      { ...summarize('ledger engine alone (ceiling, same run)', ledger.micros, ledger.wallMs), errors: 0 },
    ]);
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
