// `npm run bench:transactions [sales] [tills]`: realistic sales (2–5 lines, a mix
// of payment methods) from many simulated tills through HTTP → Temporal →
// PostgreSQL, next to the ledger engine's ceiling measured in the same run.
import { randomUUID } from 'node:crypto';
import { machineLine, startHubUnderTest } from './hub-under-test';
import { salesScheme } from './sales-scheme';
import { drive, summarize } from './stats';

const SALES = Number(process.argv[2] ?? 400);
const TILLS = Number(process.argv[3] ?? 16);
const CUSTOMERS = 100;

async function main() {
  const { core, base, stop } = await startHubUnderTest();
  try {
    const { outletId, accountId, customers, walletIds, headers, schemeId } = await salesScheme(core, CUSTOMERS);
    const methods = [[], [{ type: 'Cash' }], [{ type: 'Card' }], [{ type: 'Cash' }, { type: 'Loyale Redemption', amount: 1 }], [{ type: 'Card', awardsPoints: false }]];
    let errors = 0;
    const sale = (i: number) => ({
      customerId: customers[i % customers.length],
      outletId,
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
    const ledger = await drive(SALES * 2, TILLS, async (i) => {
      await core.repos.ledger.apply({ schemeId, systemUniqueKey: randomUUID(), requestHash: 'b', ops: [{ type: 'mint', accountId, walletId: walletIds[i % walletIds.length] as string, amount: 60n }] });
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
