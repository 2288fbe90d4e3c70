// `npm run bench:stats [customers]`: the stats endpoints' SQL at scale, in one run — one scheme of `customers`
// members (1,000,000 by default) with a year of events, transfers, mission contributions and coupon-book codes,
// generated in SQL, the hourly roll-up of settled days timed cold and again, then each stat timed over a 366-day and a
// 30-day window, with PostgreSQL's CPU per query.
import os from 'node:os';
import { loadConfig } from '../config';
import { openOrm } from '../db/orm';
import { PgStats } from '../db/stats/stats';
import { startEphemeralStack } from '../runtime/ephemeral-stack';
import { createLogger } from '../runtime/logger';
import { treeCpuMillis } from '../runtime/process-tree';

const CUSTOMERS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 20;

async function main() {
  const stack = await startEphemeralStack(loadConfig(), createLogger('warn'));
  // No statement timeout: generating a million rows takes longer than a request may.
  const orm = await openOrm({ databaseUrl: stack.databaseUrl, poolMax: 1, timeouts: { statementTimeoutMs: 0, queryTimeoutMs: 600_000 } });
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(text, params, 'all') as Promise<T[]>;
  try {
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    console.log(new Date().toISOString());
    const t0 = Date.now();
    const [scheme] = await sql<{ id: string }>(`insert into schemes (id, name, currency, time_zone, created_at) values (gen_random_uuid(), 'Stats', 'EUR', 'Europe/Malta', now()) returning id`);
    const s = (scheme as { id: string }).id;
    // A year of members, spread evenly; each with one event and one transfer, every tenth with a mission contribution and a book code.
    await sql(
      `insert into customers (id, scheme_id, barcode, idempotency_key, request_hash, status, created_at, updated_at)
       select gen_random_uuid(), ?, 'B' || g, 'bench/' || g, 'x', 'ACTIVE', now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second', now()
         from generate_series(1, ?) g`,
      [s, CUSTOMERS],
    );
    await sql(
      `insert into hub_events (id, scheme_id, key, type, customer_id, payload, occurred_at, status, source, tags, created_at)
       select gen_random_uuid(), c.scheme_id, 'e/' || c.id, (array['member-created', 'member-purchase-order-confirmed', 'ledger-transaction-created', 'coupon-code-used'])[1 + (abs(hashtext(c.id::text)) % 4)],
              c.id, '{}'::jsonb, c.created_at, 'success', 'hub', '[]'::jsonb, c.created_at
         from customers c where c.scheme_id = ?`,
      [s],
    );
    const [ledger] = await sql<{ id: string }>(`insert into ledgers (id, scheme_id, name, is_default, created_at) values (gen_random_uuid(), ?, 'Points', true, now()) returning id`, [s]);
    const [account] = await sql<{ id: string }>(
      `insert into ledger_accounts (id, scheme_id, ledger_id, name, active, decimals, is_default, created_at) values (gen_random_uuid(), ?, ?, 'Points', true, 0, true, now()) returning id`,
      [s, (ledger as { id: string }).id],
    );
    const a = (account as { id: string }).id;
    const [issuance] = await sql<{ id: string }>(`insert into wallets (id, scheme_id, account_id, kind, owner_key, created_at) values (gen_random_uuid(), ?, ?, 'issuance', 'system:issuance', now()) returning id`, [s, a]);
    const [sink] = await sql<{ id: string }>(`insert into wallets (id, scheme_id, account_id, kind, owner_key, created_at) values (gen_random_uuid(), ?, ?, 'redemption', 'system:redemption', now()) returning id`, [s, a]);
    await sql(
      `insert into transfers (id, scheme_id, account_id, debit_wallet_id, credit_wallet_id, amount, status, code, system_unique_key, request_hash, created_at)
       select gen_random_uuid(), c.scheme_id, ?, ?, ?, 1 + (abs(hashtext(c.id::text)) % 500), 'posted', (array['sale', 'adjustment', 'topup'])[1 + (abs(hashtext(c.barcode)) % 3)],
              't/' || c.id, 'x', c.created_at
         from customers c where c.scheme_id = ?`,
      [a, (issuance as { id: string }).id, (sink as { id: string }).id, s],
    );
    const [mission] = await sql<{ id: string }>(
      `insert into missions (id, scheme_id, code, name, tags, active, event_type, goal_count, max_repetitions, points_accrual, ledger_account_id, created_at, updated_at)
       values (gen_random_uuid(), ?, 'STAMP', 'Stamps', '["stamp"]', true, 'member-purchase-order-confirmed', 1, 1000, 1, ?, now(), now()) returning id`,
      [s, a],
    );
    await sql(
      `insert into mission_contributions (id, scheme_id, mission_id, customer_id, event_key, amount, completed, created_at)
       select gen_random_uuid(), c.scheme_id, ?, c.id, 'm/' || c.id, 1, '[1]'::jsonb, c.created_at from customers c where c.scheme_id = ? and abs(hashtext(c.id::text)) % 10 = 0`,
      [(mission as { id: string }).id, s],
    );
    const [book] = await sql<{ id: string }>(
      `insert into coupon_books (id, scheme_id, name, tags, discount_type, discount_amount, publishing_status, created_at, updated_at)
       values (gen_random_uuid(), ?, 'Cash', '["cash"]', 'amount_off', 250, 'published', now(), now()) returning id`,
      [s],
    );
    await sql(
      `insert into coupons (id, scheme_id, code, type, value, book_id, customer_id, assigned_at, used_at, used_by, created_at)
       select gen_random_uuid(), c.scheme_id, 'C' || c.barcode, 'amount_off', 250, ?, c.id, c.created_at,
              case when abs(hashtext(c.barcode)) % 2 = 0 then c.created_at + interval '1 hour' end,
              case when abs(hashtext(c.barcode)) % 2 = 0 then 'sale' end, c.created_at
         from customers c where c.scheme_id = ? and abs(hashtext(c.id::text)) % 10 = 0`,
      [(book as { id: string }).id, s],
    );
    // What autovacuum does on a live database: statistics, and the visibility map that lets index-only scans skip the table.
    await sql('vacuum analyze');
    const counts = await sql<{ t: string; n: string }>(
      `select 'customers' as t, count(*)::text as n from customers union all select 'hub_events', count(*)::text from hub_events union all select 'transfers', count(*)::text from transfers
       union all select 'mission_contributions', count(*)::text from mission_contributions union all select 'coupons', count(*)::text from coupons`,
    );
    console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${counts.map((c) => `${c.t} ${Number(c.n).toLocaleString('en')}`).join(', ')}`);

    const stats = new PgStats(orm);
    // The hourly roll-up (workflow rollUpStats): a year of settled days stored once, cold; then an hour later, nothing new.
    for (const label of ['cold', 'again']) {
      const t = Date.now();
      const page = await stats.rollUp(null, 20);
      console.log(`roll-up (${label}): ${page.days} days stored for ${page.schemes} scheme(s) in ${Date.now() - t} ms`);
    }
    const now = Date.now();
    const windows = { '366 days': { from: new Date(now - 366 * 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString() }, '30 days': { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString() } };
    const cases: Array<[string, (w: { from: string; to: string }) => Promise<unknown[]>]> = [
      ['members by day', (w) => stats.membersByDay(s, w)],
      ['events by type', (w) => stats.eventsByType(s, w)],
      ['ledger account by code', (w) => stats.ledgerAccount(s, a, w)],
      ['missions (tag)', (w) => stats.missions(s, w, 'stamp')],
      ['mission top members', (w) => stats.topMissionMembers(s, w, 10, 'stamp')],
      ['coupon books (tag)', (w) => stats.couponBooks(s, w, 'cash')],
    ];
    const pgPid = stack.pids.postgres();
    const rows: Array<Record<string, unknown>> = [];
    for (const [name, run] of cases) {
      for (const [label, w] of Object.entries(windows)) {
        // A first read rolls up any settled day the hourly roll-up has not stored yet (none here: it just ran).
        const first = process.hrtime.bigint();
        await run(w);
        const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
        const ms: number[] = [];
        const cpu0 = pgPid ? treeCpuMillis(pgPid) : NaN;
        for (let i = 0; i < RUNS; i++) {
          const t = process.hrtime.bigint();
          await run(w);
          ms.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        const cpu = pgPid ? (treeCpuMillis(pgPid) - cpu0) / RUNS : NaN;
        ms.sort((x, y) => x - y);
        rows.push({ stat: name, window: label, 'first read (ms)': firstMs.toFixed(1), 'p50 (ms)': ms[Math.floor(RUNS / 2)]?.toFixed(1), 'max (ms)': ms[RUNS - 1]?.toFixed(1), 'PostgreSQL CPU (ms/query)': cpu.toFixed(1) });
      }
    }
    console.table(rows);
    console.log(`target: every stat under 200 ms at ${CUSTOMERS.toLocaleString('en')} customers`);
  } finally {
    await orm.close();
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
