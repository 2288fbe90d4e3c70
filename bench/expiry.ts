// `npm run bench:expiry [customers]`: the expiry sweep (what the sweepExpiry workflow's activities run, batch after
// batch of 200 wallets) against PostgreSQL's own rate for the same writes in plain SQL, and what keeping lots costs a
// mint on the till path (an expiring account against one that never expires), in one run.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { LedgerEngine } from '../db/ledger/ledger-engine';
import { PgLotStore } from '../db/ledger/lot-store';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import { registerCustomer } from '../domain/customers/register';
import { startEphemeralStack } from '../runtime/ephemeral-stack';
import { createLogger } from '../runtime/logger';
import { treeCpuMillis } from '../runtime/process-tree';
import { drive, summarize } from './stats';

const CUSTOMERS = Number(process.argv[2] ?? 20_000);
const BATCH = 200; // wallets per sweep call, as workflows/sweep-expiry.ts

async function main() {
  const stack = await startEphemeralStack(loadConfig(), createLogger('warn'));
  const orm = await openOrm({ databaseUrl: stack.databaseUrl, poolMax: 24 });
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(text, params, 'all') as Promise<T[]>;
  try {
    const repos = createRepositories(orm);
    const engine = new LedgerEngine(orm);
    const lots = new PgLotStore(orm);
    const pgPid = stack.pids.postgres();
    const cpuNow = () => ({ node: (process.cpuUsage().user + process.cpuUsage().system) / 1000, postgres: pgPid ? treeCpuMillis(pgPid) : NaN });
    const rows: Array<Record<string, unknown>> = [];
    const measure = async (name: string, count: number, fn: () => Promise<{ micros: number[]; wallMs: number }>) => {
      const before = cpuNow();
      const r = await fn();
      const after = cpuNow();
      const row = { ...summarize(name, r.micros, r.wallMs), 'per second': Math.round((count * 1000) / r.wallMs), 'CPU node (ms/op)': ((after.node - before.node) / count).toFixed(3), 'CPU pg (ms/op)': ((after.postgres - before.postgres) / count).toFixed(3) };
      rows.push(row);
      return row['per second'];
    };

    const world = async (name: string, expiresInMonths: number | null) => {
      const scheme = await repos.schemes.create({ name, currency: 'EUR', timeZone: 'Europe/Malta' });
      const { ledgerId, accountId } = await engine.defaultAccount(scheme.id);
      await repos.ledgers.updateAccount(scheme.id, ledgerId, accountId, { name: 'Points', active: true, expiresInMonths });
      const wallets: string[] = new Array(CUSTOMERS);
      await drive(CUSTOMERS, 16, async (i) => {
        const c = await registerCustomer(repos.registrations, { schemeId: scheme.id, customer: {}, idempotencyKey: randomUUID(), requestHash: 'b' });
        wallets[i] = (await engine.customerWallet(scheme.id, accountId, c.id)).id;
      });
      return { schemeId: scheme.id, accountId, wallets };
    };
    const expiring = await world('bench expiring', 12);
    const never = await world('bench never', null);
    const plain = await world('bench plain SQL', 12);

    // What lots cost a posting: one mint per customer, 16 callers, into each kind of account.
    const mintAll = (w: typeof expiring) => drive(CUSTOMERS, 16, async (i) => void (await engine.apply({ schemeId: w.schemeId, systemUniqueKey: randomUUID(), requestHash: 'b', ops: [{ type: 'mint', accountId: w.accountId, walletId: w.wallets[i] as string, amount: 40n }] })));
    const mintNever = await measure('mint, account never expires @16', CUSTOMERS, () => mintAll(never));
    const mintLots = await measure('mint, expiring account (forms a lot) @16', CUSTOMERS, () => mintAll(expiring));
    await mintAll(plain);

    // Every lot falls due the same midnight (set by hand: the clock cannot move).
    for (const w of [expiring, plain]) await sql(`update point_lots set expires_at = '2026-06-01T00:00:00+02' where scheme_id = ?`, [w.schemeId]);
    const cutoff = new Date('2026-06-01T00:05:00+02:00');
    // The plain-SQL scheme keeps its lots by hand from here: its account stops expiring (the trigger leaves it alone).
    await sql('update ledger_accounts set expires_in_months = null where id = ?', [plain.accountId]);

    // (a) PostgreSQL's own rate for the same writes, batches of 200 wallets per transaction: lock the wallet, insert
    // the burn, update the wallet, empty the lot. No key look-up, no plan, no event.
    const ceiling = await measure(`plain SQL sweep, ${BATCH} wallets per transaction`, CUSTOMERS, async () => {
      const micros: number[] = [];
      const started = process.hrtime.bigint();
      for (;;) {
        const t0 = process.hrtime.bigint();
        const [row] = await sql<{ n: number }>(
          `with due as (select l.id, l.wallet_id, l.remaining, w.account_id from point_lots l join wallets w on w.id = l.wallet_id
                         where l.scheme_id = ? and l.remaining > 0 and l.expires_at <= ? order by l.wallet_id limit ${BATCH} for update of w, l),
                burned as (insert into transfers (id, scheme_id, account_id, debit_wallet_id, credit_wallet_id, amount, status, code, tags, metadata, system_unique_key, request_hash, allow_overdraft, created_at)
                           select gen_random_uuid(), ?, d.account_id, d.wallet_id, (select id from wallets where account_id = d.account_id and owner_key = 'system:expiry'),
                                  d.remaining, 'posted', 'plain_expiry', '[]', '{}', 'plain/' || d.id, 'b', false, now() from due d returning 1),
                wallets_ as (update wallets w set debits_posted = w.debits_posted + d.remaining from due d where w.id = d.wallet_id returning 1)
           update point_lots l set remaining = 0, expired = l.expired + d.remaining from due d where l.id = d.id returning 1`,
          [plain.schemeId, cutoff, plain.schemeId],
        ).then((r) => [{ n: r.length }]);
        micros.push(Number((process.hrtime.bigint() - t0) / 1000n));
        if ((row?.n ?? 0) < BATCH) break;
      }
      return { micros, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
    });

    // (b) The sweep as the workflow runs it: one batch after another, each one transaction.
    let expired = 0n;
    const sweep = await measure(`expiry sweep (ledger_expire_due), ${BATCH} wallets per call`, CUSTOMERS, async () => {
      const micros: number[] = [];
      const started = process.hrtime.bigint();
      for (;;) {
        const t0 = process.hrtime.bigint();
        const b = await lots.expireDue(expiring.schemeId, cutoff, BATCH);
        micros.push(Number((process.hrtime.bigint() - t0) / 1000n));
        expired += BigInt(b.points);
        if (b.wallets < BATCH) break;
      }
      return { micros, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
    });
    const violations = await verifyLedger(orm, expiring.schemeId);

    const cpus = os.cpus();
    console.log(`\n${new Date().toISOString()} · machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    console.log(`${CUSTOMERS} customers, one lot each, all due the same midnight; latency columns are per call (a call is one mint, or one sweep batch of ${BATCH} wallets); CPU per customer: this process (node) and PostgreSQL's process tree\n`);
    console.table(rows);
    console.log(`sweep: ${sweep} customers expired /s = ${Math.round((100 * sweep) / ceiling)} % of plain SQL's ${ceiling} /s for the same writes; ${expired} points expired (expected ${40 * CUSTOMERS})`);
    console.log(`lots on the till path: a mint into an expiring account runs at ${Math.round((100 * mintLots) / mintNever)} % of one into an account that never expires (${mintLots} against ${mintNever} /s)`);
    console.log(`invariants after the run (lots = available included): ${violations.length === 0 ? 'hold' : `${violations.length} VIOLATIONS`}`);
  } finally {
    await orm.close();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
