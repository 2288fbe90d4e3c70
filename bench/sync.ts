// `npm run bench:sync [sales] [tills] [partnerDelayMs]`: sales to a scheme with
// a Loyalty+ connection whose partner (a local HTTP server on 127.0.0.1) takes
// `partnerDelayMs` per call. Shows that sale latency does not include the
// partner, and how fast the lanes drain the syncs.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { machineLine, startHubUnderTest } from './hub-under-test';
import { salesScheme } from './sales-scheme';
import { drive, summarize } from './stats';

const SALES = Number(process.argv[2] ?? 200);
const TILLS = Number(process.argv[3] ?? 16);
const DELAY = Number(process.argv[4] ?? 500);

async function main() {
  let calls = 0;
  const partner = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls += 1;
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, customerId: 'lp', pointsAwarded: 1, totalPoints: 1 })), DELAY);
    });
  });
  await new Promise<void>((r) => partner.listen(0, '127.0.0.1', r));
  const partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  const { core, base, stop } = await startHubUnderTest();
  try {
    const plain = await salesScheme(core.repos, 50);
    const synced = await salesScheme(core.repos, 50);
    const c = await core.repos.connections.create(synced.schemeId, {
      partner: 'loyaltyplus', name: 'bench', baseUrl: partnerUrl, credentials: { apiKey: 'k' }, options: { mode: 'SPEND' }, events: ['sale'], enabled: true, retryHorizonSeconds: 3600,
    });
    // Customers need a phone for Loyalty+; the bench customers have none, so give them one.
    await core.orm.em
      .fork()
      .getConnection()
      .execute(`update customers c set phone = '+3531' || lpad(n.i::text, 8, '0') from (select id, row_number() over (order by id) as i from customers where scheme_id = ?) n where c.id = n.id`, [synced.schemeId]);
    const post = (w: typeof plain) => async (i: number) => {
      const res = await fetch(`${base}/v1/transactions`, {
        method: 'POST',
        headers: w.headers,
        body: JSON.stringify({ customerId: w.customers[i % w.customers.length], outletId: w.outletId, uniqueId: `b-${randomUUID()}`, lineItems: [{ quantity: 2, sku: 's', unitSalePrice: 3.5 }] }),
      });
      if (res.status !== 201) throw new Error(`sale ${res.status}`);
      await res.arrayBuffer();
    };
    await drive(20, 4, post(plain)); // warm-up
    const without = await drive(SALES, TILLS, post(plain));
    const started = Date.now();
    const withSync = await drive(SALES, TILLS, post(synced));
    // Until every sale's sync is SYNCED.
    for (;;) {
      const [done] = (await core.orm.em.fork().getConnection().execute(`select count(*)::int as n from sync_records where connection_id = ? and status = 'SYNCED'`, [c.id])) as Array<{ n: number }>;
      if ((done?.n ?? 0) >= SALES) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainMs = Date.now() - started;
    console.log(`\n${machineLine()}`);
    console.log(`stack: embedded PostgreSQL + Temporal dev server, API and worker in one process; ${TILLS} tills; partner answers after ${DELAY} ms\n`);
    console.table([summarize('POST /v1/transactions, no connection', without.micros, without.wallMs), summarize('POST /v1/transactions, Loyalty+ connection', withSync.micros, withSync.wallMs)]);
    console.log(`${SALES} syncs SYNCED ${drainMs} ms after the first synced sale started (${Math.round((SALES * 1000) / drainMs)} syncs/s end to end; ${calls} partner calls)`);
  } finally {
    await stop();
    partner.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
