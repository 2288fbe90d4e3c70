// `npm run bench:ledger [requests] [wallets] [soak requests]`: the ledger engine alone against PostgreSQL (no Temporal, no
// HTTP), next to PostgreSQL's own rate for a plain-SQL transaction of the same shape, in one run.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { loadConfig } from '../config';
import { registerCustomer } from '../domain/customers/register';
import type { LedgerRequest } from '../domain/ledger/operations';
import { LedgerEngine } from '../db/ledger/ledger-engine';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import { startEphemeralStack } from '../runtime/ephemeral-stack';
import { createLogger } from '../runtime/logger';
import { treeCpuMillis } from '../runtime/process-tree';
import { drive, summarize } from './stats';
import { soak } from './ledger-soak';

const N = Number(process.argv[2] ?? 4000);
const WALLETS = Number(process.argv[3] ?? 200);
const SOAK = Number(process.argv[4] ?? 100_000);

async function main() {
  const stack = await startEphemeralStack(loadConfig(), createLogger('warn'));
  const orm = await openOrm({ databaseUrl: stack.databaseUrl, poolMax: 68 });
  const pool = new Pool({ connectionString: stack.databaseUrl, max: 64 });
  try {
    const repos = createRepositories(orm);
    const engine = new LedgerEngine(orm);
    // The same engine without group commit: every request its own statement and commit, however many queue.
    const alone = new LedgerEngine(orm, { groupCommit: false });
    const world = async (name: string) => {
      const scheme = await repos.schemes.create({ name, currency: 'EUR', timeZone: 'UTC' });
      const { accountId } = await engine.defaultAccount(scheme.id);
      const wallets: string[] = [];
      for (let i = 0; i < WALLETS; i++) {
        const c = await registerCustomer(repos.registrations, { schemeId: scheme.id, customer: {}, idempotencyKey: randomUUID(), requestHash: 'b' });
        const w = await engine.customerWallet(scheme.id, accountId, c.id);
        await engine.apply({ schemeId: scheme.id, systemUniqueKey: randomUUID(), requestHash: 'b', ops: [{ type: 'mint', accountId, walletId: w.id, amount: 1_000_000n }] });
        wallets.push(w.id);
      }
      return { scheme, accountId, wallets };
    };
    const { scheme, accountId, wallets } = await world('bench');
    // The plain-SQL rows go to a scheme of their own: they keep no issuance totals, so its books would not balance.
    const plain = await world('bench plain SQL');
    const pick = (i: number, k: number) => wallets[(i * 7919 + k * 104729) % wallets.length] as string;
    const apply = (ops: LedgerRequest['ops'], via = engine) => via.apply({ schemeId: scheme.id, systemUniqueKey: randomUUID(), requestHash: 'b', ops });
    const pgPid = stack.pids.postgres();
    const cpuNow = () => ({ node: (process.cpuUsage().user + process.cpuUsage().system) / 1000, postgres: pgPid ? treeCpuMillis(pgPid) : NaN });
    const rows: Array<Record<string, unknown>> = [];
    const run = async (name: string, count: number, callers: number, fn: (i: number) => Promise<unknown>) => {
      const before = cpuNow();
      const r = await drive(count, callers, async (i) => void (await fn(i)));
      const after = cpuNow();
      const row = { ...summarize(`${name} @${callers}`, r.micros, r.wallMs), 'CPU node (ms/op)': ((after.node - before.node) / count).toFixed(2), 'CPU pg (ms/op)': ((after.postgres - before.postgres) / count).toFixed(2) };
      rows.push(row);
      return row['throughput (req/s)'] as number;
    };

    // (a) PostgreSQL's own rate for a mint's essential work in plain SQL, no ORM: lock the customer's wallet, insert
    // the transfer, update the wallet, commit (4 round trips). Any exact engine does at least this.
    const ceilingMint = async (i: number) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const w = plain.wallets[(i * 7919) % WALLETS] as string;
        await client.query('select credits_posted from wallets where id = $1 for update', [w]);
        await client.query(
          `insert into transfers (id, scheme_id, account_id, debit_wallet_id, credit_wallet_id, amount, status, code, tags, metadata, system_unique_key, request_hash, allow_overdraft, created_at)
           select $1, $2, $3, (select id from wallets where account_id = $3 and kind = 'issuance'), $4, 1, 'posted', 'ceiling', '{}', '{}', $5, 'b', false, now()`,
          [randomUUID(), plain.scheme.id, plain.accountId, w, `ceiling/${randomUUID()}`],
        );
        await client.query('update wallets set credits_posted = credits_posted + 1 where id = $1', [w]);
        await client.query('commit');
      } finally {
        client.release();
      }
    };
    const mint = (i: number) => apply([{ type: 'mint', accountId, walletId: pick(i, 6), amount: 1n }]);
    const mintAlone = (i: number) => apply([{ type: 'mint', accountId, walletId: pick(i, 6), amount: 1n }], alone);
    // A sale that pays with points and earns: burn and mint on one customer, one atomic set.
    const sale = (i: number) => {
      const w = pick(i, 7);
      return apply([
        { type: 'burn', accountId, walletId: w, amount: 5n },
        { type: 'mint', accountId, walletId: w, amount: 6n },
      ]);
    };
    const hold = async (i: number) => {
      const held = await apply([{ type: 'burn', accountId, walletId: pick(i, 4), amount: 3n, pending: true }]);
      await apply([{ type: 'capture', accountId, pendingTransferId: held.transfers[0]?.id as string, amount: 2n }]);
    };
    const hot = () => apply([{ type: 'burn', accountId, walletId: wallets[0] as string, amount: 1n }]);
    const hotAlone = () => apply([{ type: 'burn', accountId, walletId: wallets[0] as string, amount: 1n }], alone);
    const transfer = (i: number) => {
      const from = pick(i, 1);
      const to = pick(i, 2) === from ? pick(i, 3) : pick(i, 2);
      return apply([{ type: 'transfer', accountId, fromWalletId: from, toWalletId: to, amount: 1n }]);
    };

    await run('warm-up (mints)', 400, 16, mint);
    rows.length = 0;
    const ceiling16 = await run('(a) plain SQL mint shape', N, 16, ceilingMint);
    const alone16 = await run('(b) mint, one statement each', N, 16, mintAlone);
    const mint16 = await run('(b) mint, group commit', N, 16, mint);
    const ceiling64 = await run('(a) plain SQL mint shape', N, 64, ceilingMint);
    const alone64 = await run('(b) mint, one statement each', N, 64, mintAlone);
    const mint64 = await run('(b) mint, group commit', N, 64, mint);
    await run('(b) sale set: burn + mint', N, 16, sale);
    await run('(b) hold + partial capture (2 requests)', N / 2, 16, hold);
    await run('(b) transfer wallet→wallet', N, 16, transfer);
    await run('(b) one hot customer wallet, one statement each', N / 2, 16, hotAlone);
    const hot16 = await run('(b) one hot customer wallet, group commit', N, 16, hot);
    const hot64 = await run('(b) one hot customer wallet, group commit', N, 64, hot);
    let violations = await verifyLedger(orm, scheme.id);

    // The seeded soak: every operation (and refusals, replays, atomic sets) from 16 callers, then the verifier.
    const soakCpu = cpuNow();
    const soaked = await soak(engine, { schemeId: scheme.id, accountId, wallets }, SOAK, 16, 18);
    const soakCpuAfter = cpuNow();
    const soakViolations = await verifyLedger(orm, scheme.id);
    violations = [...violations, ...soakViolations];

    const cpus = os.cpus();
    console.log(`\n${new Date().toISOString()} · machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    console.log(`database: ${loadConfig().databaseUrl ? 'DATABASE_URL (scratch database)' : 'embedded PostgreSQL'}; ${WALLETS} customer wallets; CPU per operation: this process (node) and PostgreSQL's process tree\n`);
    console.table(rows);
    const pct = (x: number, of: number) => `${Math.round((100 * x) / of)} %`;
    console.log(`(b)/(a) single mints, group commit: ${pct(mint16, ceiling16)} at 16 callers, ${pct(mint64, ceiling64)} at 64 (one statement each: ${pct(alone16, ceiling16)}, ${pct(alone64, ceiling64)})`);
    console.log(`one hot customer wallet, group commit: ${hot16} /s at 16 callers, ${hot64} /s at 64`);
    const soakRate = Math.round((soaked.requests * 1000) / soaked.wallMs);
    console.log(
      `seeded soak (seed 18): ${soaked.requests} requests at 16 callers, ${soakRate} /s, CPU node ${((soakCpuAfter.node - soakCpu.node) / soaked.requests).toFixed(2)} + pg ${((soakCpuAfter.postgres - soakCpu.postgres) / soaked.requests).toFixed(2)} ms/op; ` +
        `applied ${soaked.applied}, replayed ${soaked.replayed}, refused ${JSON.stringify(soaked.refused)}; verifier after it: ${soakViolations.length === 0 ? 'every invariant holds' : `${soakViolations.length} VIOLATIONS`}`,
    );
    console.log(`group commit: ${engine.batchFailures} batches failed whole and were resent request by request`);
    console.log(`invariants after the run: ${violations.length === 0 ? 'hold' : `${violations.length} VIOLATIONS`}`);
  } finally {
    await pool.end();
    await orm.close();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
