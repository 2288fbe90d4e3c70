// `npm run bench:ledger [transfers] [concurrency] [wallets]`: the ledger engine
import { registerCustomer } from '../domain/customers/register';
// alone against PostgreSQL (no Temporal, no HTTP): the ceiling for the API.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { LedgerEngine } from '../db/ledger/ledger-engine';
import { verifyLedger } from '../db/ledger/verify';
import { openOrm } from '../db/orm';
import { createRepositories } from '../db/repositories';
import { startEphemeralStack } from '../runtime/ephemeral-stack';
import { createLogger } from '../runtime/logger';
import { drive, summarize } from './stats';

const N = Number(process.argv[2] ?? 5000);
const C = Number(process.argv[3] ?? 16);
const WALLETS = Number(process.argv[4] ?? 200);

async function main() {
  const stack = await startEphemeralStack(loadConfig(), createLogger('warn'));
  const orm = await openOrm({ databaseUrl: stack.databaseUrl, poolMax: C + 4 });
  try {
    const repos = createRepositories(orm);
    const engine = new LedgerEngine(orm);
    const scheme = await repos.schemes.create({ name: 'bench', currency: 'EUR', timeZone: 'UTC' });
    const { accountId } = await engine.defaultAccount(scheme.id);
    const wallets: string[] = [];
    for (let i = 0; i < WALLETS; i++) {
      const c = await registerCustomer(repos.registrations, { schemeId: scheme.id, customer: {}, idempotencyKey: randomUUID(), requestHash: 'b' });
      const w = await engine.customerWallet(scheme.id, accountId, c.id);
      await engine.apply({ schemeId: scheme.id, systemUniqueKey: randomUUID(), requestHash: 'b', ops: [{ type: 'mint', accountId, walletId: w.id, amount: 1_000_000n }] });
      wallets.push(w.id);
    }
    const pick = (i: number, k: number) => wallets[(i * 7919 + k * 104729) % wallets.length] as string;
    const op = () => ({ schemeId: scheme.id, systemUniqueKey: randomUUID(), requestHash: "b" });

    const transfers = await drive(N, C, async (i) => {
      const from = pick(i, 1);
      let to = pick(i, 2);
      if (to === from) to = pick(i + 1, 2) === from ? pick(i, 3) : pick(i + 1, 2);
      await engine.apply({ ...op(), ops: [{ type: 'transfer', accountId, fromWalletId: from, toWalletId: to, amount: 1n }] });
    });
    const holds = await drive(N / 2, C, async (i) => {
      const hold = await engine.apply({ ...op(), ops: [{ type: 'burn', accountId, walletId: pick(i, 4), amount: 3n, pending: true }] });
      await engine.apply({ ...op(), ops: [{ type: 'capture', accountId, pendingTransferId: hold.transfers[0]?.id as string, amount: 2n }] });
    });
    const hot = await drive(N / 5, C, async () => {
      await engine.apply({ ...op(), ops: [{ type: 'burn', accountId, walletId: wallets[0] as string, amount: 1n }] });
    });
    const violations = await verifyLedger(orm, scheme.id);

    const cpus = os.cpus();
    console.log(`\nmachine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    console.log(`database: ${loadConfig().databaseUrl ? 'DATABASE_URL (scratch database)' : 'embedded PostgreSQL'}; ${WALLETS} wallets; concurrency ${C}\n`);
    console.table([
      summarize('transfer wallet→wallet (random pairs)', transfers.micros, transfers.wallMs),
      summarize('hold then partial capture (2 requests)', holds.micros, holds.wallMs),
      summarize('burn on one hot wallet (serialised)', hot.micros, hot.wallMs),
    ]);
    console.log(`invariants after the run: ${violations.length === 0 ? 'hold' : `${violations.length} VIOLATIONS`}`);
  } finally {
    await orm.close();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
