// `npm run bench:events [events] [concurrency] [customers]`: tracked loyalty
// events through HTTP → deliverHubEvent workflow → one PostgreSQL transaction
// over three missions (one per event, one with a matcher, one counted by a
// payload quantity), then 100 registrations with a referral code and their
// first purchases through the bus. Events of a
// customer race each other on its progress rows; afterwards every counter,
// repetition and balance must equal what the totals say, exactly.
import { verifyLedger } from '../db/ledger/verify';
import { machineLine, startHubUnderTest } from './hub-under-test';
import { salesScheme } from './sales-scheme';
import { drive, summarize } from './stats';

const EVENTS = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const CUSTOMERS = Number(process.argv[4] ?? 20);

async function main() {
  const { core, base, stop } = await startHubUnderTest();
  try {
    const { schemeId, customers, headers, walletIds, accountId, outletId } = await salesScheme(core.repos, CUSTOMERS);
    await core.repos.missions.createEventType(schemeId, { apiCode: 'app-visit', name: 'App visit', active: true });
    const common = { active: true, eventType: 'app-visit', maxRepetitions: 1_000_000, tags: [], customAttributes: {} };
    const every = await core.repos.missions.create(schemeId, { ...common, name: 'Every 5 visits', code: 'every-5', goalCount: 5, pointsAccrual: 10 });
    const big = await core.repos.missions.create(schemeId, { ...common, name: '3 big visits', code: 'big-3', goalCount: 3, pointsAccrual: 20, matcher: { '>=': [{ var: 'amount' }, 50] } });
    const steps = await core.repos.missions.create(schemeId, { ...common, name: '100 steps', code: 'steps-100', goalCount: 100, pointsAccrual: 1, incrementBy: { var: 'steps' } });

    const totals = customers.map(() => ({ visits: 0n, big: 0n, steps: 0n }));
    let errors = 0;
    let accepted = 0;
    const tracked = await drive(EVENTS, CONCURRENCY, async (i) => {
      const c = i % customers.length;
      const amount = (i * 37) % 100;
      const stepCount = (i * 13) % 40;
      const res = await fetch(`${base}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ systemUniqueKey: `bench-${i}`, customerId: customers[c], eventType: 'app-visit', payload: { amount, steps: stepCount } }) });
      await res.arrayBuffer();
      if (res.status !== 201) {
        errors += 1;
        return;
      }
      const t = totals[c] as { visits: bigint; big: bigint; steps: bigint };
      t.visits += 1n;
      if (amount >= 50) t.big += 1n;
      t.steps += BigInt(stepCount);
    });

    // The completions' own events (mission-status-updated) are still being delivered: let the bus drain before the next phase.
    const drained = async () => {
      for (;;) {
        const [row] = await core.orm.em.fork().getConnection().execute<Array<{ n: string }>>("select count(*) as n from hub_events where scheme_id = ? and status = 'running'", [schemeId]);
        if (Number(row?.n ?? 0) === 0) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const drainStarted = Date.now();
    await drained();
    const drainMs = Date.now() - drainStarted;

    let mismatches = 0;
    for (const [c, customerId] of customers.entries()) {
      const t = totals[c] as { visits: bigint; big: bigint; steps: bigint };
      const page = await core.repos.missions.forCustomer(schemeId, customerId, {}, { limit: 25 });
      const got = (id: string) => page.data.find((r) => r.mission.id === id);
      const expect = [
        [every.id, t.visits, 5n],
        [big.id, t.big, 3n],
        [steps.id, t.steps, 100n],
      ] as const;
      for (const [id, total, goal] of expect) {
        const p = got(id);
        if (!p || BigInt(p.timesAchieved) !== total / goal || BigInt(p.counter) !== total % goal) mismatches += 1;
      }
      const points = (t.visits / 5n) * 10n + (t.big / 3n) * 20n + t.steps / 100n;
      const w = await core.repos.ledgers.getWallet(schemeId, accountId, walletIds[c] as string);
      if (BigInt(w?.available ?? '0') !== 100_000n + points) mismatches += 1;
    }

    // Referral first purchases: each sale's event is delivered to the buyer's referral, which pays both sides once.
    const program = await core.repos.referrals.createProgram(schemeId, { name: 'bench', code: 'BENCH', active: true, maxPerCode: 1_000_000, maxReferralsPerMember: 1_000_000, eventType: 'member-purchase-order-confirmed', referrerPointsAccrual: 50, referredPointsAccrual: 25, qualifyWithinSeconds: 86_400, reverseOnReturn: true, tags: [], customAttributes: {} });
    const [code] = await core.repos.referrals.createCodes(schemeId, program.id, customers[0] as string, ['BENCH-CODE'], 1);
    const referred: string[] = [];
    const registrations = await drive(100, CONCURRENCY, async () => {
      const res = await fetch(`${base}/v1/customers`, { method: 'POST', headers, body: JSON.stringify({ firstName: 'Friend', referralCode: code?.code }) });
      const body = (await res.json()) as { id: string };
      if (res.status === 201) referred.push(body.id);
      else errors += 1;
    });
    await drained();
    const sales = await drive(referred.length, CONCURRENCY, async (i) => {
      const res = await fetch(`${base}/v1/transactions`, { method: 'POST', headers, body: JSON.stringify({ customerId: referred[i], outletId, uniqueId: `bench-ref-${i}`, lineItems: [{ quantity: 1, unitPrice: 10 }] }) });
      await res.arrayBuffer();
      if (res.status === 202) accepted += 1;
      else if (res.status !== 201) errors += 1;
    });
    const qualifiedBy = Date.now() + 120_000;
    let qualified = 0;
    while (Date.now() < qualifiedBy) {
      const page = await core.repos.referrals.report(schemeId, program.id, { limit: 25 });
      qualified = page.data[0]?.qualifiedCount ?? 0;
      if (qualified === referred.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const report = (await core.repos.referrals.report(schemeId, program.id, { limit: 25 })).data[0];
    if (report?.pointsPaid !== String(50 * referred.length)) mismatches += 1;
    const violations = await verifyLedger(core.orm, schemeId);

    console.log(`\n${machineLine()}`);
    console.log(`stack: embedded PostgreSQL + Temporal dev server, API and worker in one process; concurrency ${CONCURRENCY}, ${CUSTOMERS} customers, 3 missions\n`);
    console.table([
      summarize('POST /v1/events (answers after delivery)', tracked.micros, tracked.wallMs),
      summarize('POST /v1/customers with a referral code', registrations.micros, registrations.wallMs),
      summarize('first purchase of a referred customer', sales.micros, sales.wallMs),
    ]);
    console.log(`after the events: their completion events drained in ${drainMs} ms`);
    console.log(`referrals qualified: ${qualified}/${referred.length}; referrer paid ${report?.pointsPaid}; sales answered 202 (still processing after 5 s): ${accepted}; mismatches: ${mismatches}; errors: ${errors}; ledger invariant violations: ${violations.length}`);
    if (mismatches > 0 || errors > 0 || violations.length > 0 || qualified !== referred.length) process.exitCode = 1;
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
