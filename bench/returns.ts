// `npm run bench:returns [sales] [tills]`: line-item returns through HTTP →
// Temporal → one PostgreSQL transaction under the sale's row lock. Each sale
// has 3 units and gets 3 one-unit returns from different tills at once, so the
// row lock is contended; afterwards every sale must be exactly fully returned.
import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../db/ledger/verify';
import { machineLine, startHubUnderTest } from './hub-under-test';
import { salesScheme } from './sales-scheme';
import { drive, summarize } from './stats';

const SALES = Number(process.argv[2] ?? 150);
const TILLS = Number(process.argv[3] ?? 16);

async function main() {
  const { core, base, stop } = await startHubUnderTest();
  try {
    const { outletId, customers, headers, schemeId } = await salesScheme(core.repos, 50);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, number> };
    };
    const uniqueIds: string[] = [];
    let earned = 0;
    await drive(SALES, TILLS, async (i) => {
      const uniqueId = `bench-sale-${i}-${randomUUID()}`;
      const r = await post('/v1/transactions', { customerId: customers[i % customers.length], outletId, uniqueId, lineItems: [{ quantity: 3, sku: 'sku-1', unitSalePrice: 3.33 }, { quantity: 1, sku: 'sku-2', unitSalePrice: 7.5 }] });
      if (r.status !== 201) throw new Error(`sale ${r.status}`);
      earned += r.body.pointsEarned as number;
      uniqueIds[i] = uniqueId;
    });
    let errors = 0;
    let deducted = 0;
    // Returns 3k, 3k+1, 3k+2 hit sale k: consecutive, so different tills send them at the same time.
    const order = Array.from({ length: SALES * 3 }, (_, i) => ({ sale: Math.floor(i / 3), n: i % 3 }));
    const lineReturns = await drive(order.length, TILLS, async (i) => {
      const { sale, n } = order[i] as { sale: number; n: number };
      const r = await post(`/v1/transactions/${uniqueIds[sale]}/returns/line-item`, { sku: 'sku-1', quantity: 1, uniqueId: `r-${sale}-${n}` });
      if (r.status === 201) deducted += r.body.pointsDeducted as number;
      else errors += 1;
    });
    const fullReturns = await drive(SALES, TILLS, async (i) => {
      const r = await post(`/api/Transaction/Return/Full/${uniqueIds[i]}`, {});
      if (r.status === 201) deducted += r.body.pointsDeducted as number;
      else errors += 1;
    });
    const violations = await verifyLedger(core.orm, schemeId);

    console.log(`\n${machineLine()}`);
    console.log(`stack: embedded PostgreSQL + Temporal dev server, API and worker in one process; ${TILLS} tills, ${SALES} sales of 3 + 1 units\n`);
    console.table([
      { ...summarize('line-item return, 1 unit (3 racing per sale)', lineReturns.micros, lineReturns.wallMs) },
      { ...summarize('full return of the rest (Loyale alias)', fullReturns.micros, fullReturns.wallMs) },
    ]);
    console.log(`points earned by the sales: ${earned}; deducted by all returns: ${deducted}; errors: ${errors}; ledger invariant violations: ${violations.length}`);
    if (earned !== deducted || errors > 0 || violations.length > 0) process.exitCode = 1;
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
