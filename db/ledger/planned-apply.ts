import { randomUUID } from 'node:crypto';
import { IdempotencyKeyReusedError } from '../../domain/errors';
import type { LedgerRequest, LedgerResult, Transfer } from '../../domain/ledger/operations';
import { planLedgerRequest, referencedIds, walletsToLock, type PlanAccount, type PlanWallet } from '../../domain/ledger/plan';
import { isHolderWallet, type WalletTotals } from '../../domain/ledger/wallet';
import { uuidArray } from '../sql-arrays';
import type { Query } from './ledger-engine';
import { toTransfer, totalsOf, type TransferRow } from './rows';
import { lockWalletRows } from './wallet-locks';
import { writePlan, type WalletWrites } from './write-plan';

/**
 * The ledger request applied by the TypeScript planner (domain/ledger/plan.ts)
 * in seven statements: the reference the one-round-trip engine
 * (db/ledger/sql/, ledger_apply) is held to by the equivalence property in
 * test/ledger-equivalence.test.ts. Same locks, same order, same answers.
 */
export async function applyPlanned(q: Query, req: LedgerRequest, hints: { fresh?: boolean } = {}): Promise<LedgerResult> {
  // Locks give up at the connection's lock_timeout (config/capacity.ts), well inside an activity's
  // timeout: a retry then finds the committed result (by key) or a free wallet, rather than queueing
  // behind a first attempt that is still waiting.
  if (!hints.fresh) {
    await q('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`ledger:${req.schemeId}:${req.systemUniqueKey}`], { name: 'ledger_key_lock' });
    const previous = await findByKey(q, req.schemeId, req.systemUniqueKey);
    if (previous) {
      if (previous.hash !== req.requestHash) throw new IdempotencyKeyReusedError();
      return { transfers: previous.transfers, replayed: true };
    }
  }

  const accounts = await loadAccounts(q, req);
  let referenced = await loadReferenced(q, req);
  const locked = await lockWalletRows(q, req.schemeId, walletsToLock(req.ops, accounts, referenced), true, cappedIssuance(req, accounts));
  // Whether a pending was resolved (or a transfer reversed) is read again under the wallets' locks: a
  // racing capture and void both read "open" before locking; the second must see the first's outcome.
  if (referenced.size > 0) referenced = await loadReferenced(q, req);
  const wallets = new Map<string, PlanWallet>(locked.map((r) => [r.id, { id: r.id, accountId: r.account_id, kind: r.kind, totals: totalsOf(r) }]));

  const plan = planLedgerRequest(req, { accounts, wallets, referenced, now: new Date(), newId: randomUUID });

  const atomicSetId = plan.transfers.length > 1 ? randomUUID() : null;
  const createdAt = new Date();
  const rows: Array<TransferRow & { metadata: Record<string, unknown> }> = plan.transfers.map((t, i) => ({
    id: t.id,
    scheme_id: req.schemeId,
    account_id: t.accountId,
    debit_wallet_id: t.debitWalletId,
    credit_wallet_id: t.creditWalletId,
    amount: t.amount.toString(),
    status: t.status,
    code: t.code,
    description: t.description,
    tags: t.tags,
    metadata: t.metadata,
    external_id: t.externalId,
    external_event_date: t.externalEventDate ? new Date(t.externalEventDate) : null,
    // The request's key names its first transfer; the rest of an atomic set get #1, #2…
    system_unique_key: i === 0 ? req.systemUniqueKey : `${req.systemUniqueKey}#${i}`,
    request_hash: req.requestHash,
    pending_id: t.pendingId,
    timeout_at: t.timeoutAt ? new Date(t.timeoutAt) : null,
    reversal_of: t.reversalOf,
    atomic_set_id: atomicSetId,
    allow_overdraft: t.allowOverdraft,
    created_at: createdAt,
  }));
  await writePlan(q, rows, walletWrites(wallets, plan.wallets));
  // The same shape a replay returns (read back through toTransfer), field for field.
  return {
    transfers: rows.map(toTransfer),
    replayed: false,
  };
}

async function findByKey(q: Query, schemeId: string, key: string): Promise<{ hash: string; transfers: Transfer[] } | null> {
  const [first] = await q<TransferRow>('select * from transfers where scheme_id = ? and system_unique_key = ?', [schemeId, key], { name: 'ledger_key_find' });
  if (!first) return null;
  const rows = first.atomic_set_id
    ? await q<TransferRow>('select * from transfers where atomic_set_id = ? order by length(system_unique_key), system_unique_key', [first.atomic_set_id])
    : [first];
  return { hash: first.request_hash, transfers: rows.map(toTransfer) };
}

async function loadAccounts(q: Query, req: LedgerRequest): Promise<Map<string, PlanAccount>> {
  const ids = [...new Set(req.ops.map((op) => op.accountId))];
  const rows = await q<{ id: string; active: boolean; max_supply: string | null; kind: string; wallet_id: string }>(
    // The system wallets only: a gift-card account's cards are wallets without a customer too.
    `select a.id, a.active, a.max_supply, w.kind, w.id as wallet_id
       from ledger_accounts a join wallets w on w.account_id = a.id and w.owner_key in ('system:issuance', 'system:redemption', 'system:expiry')
      where a.id = any(?::uuid[]) and a.scheme_id = ?`,
    [uuidArray(ids), req.schemeId],
    { name: 'ledger_accounts_load' },
  );
  const accounts = new Map<string, PlanAccount>();
  for (const r of rows) {
    const a = accounts.get(r.id) ?? { id: r.id, active: r.active, maxSupply: r.max_supply === null ? null : BigInt(r.max_supply), system: {} as PlanAccount['system'] };
    a.system[r.kind as keyof PlanAccount['system']] = r.wallet_id;
    accounts.set(r.id, a);
  }
  return accounts;
}

async function loadReferenced(q: Query, req: LedgerRequest) {
  const ids = referencedIds(req.ops);
  const referenced = new Map<string, Transfer & { resolved: boolean; reversed: boolean }>();
  if (ids.length === 0) return referenced;
  const rows = await q<TransferRow & { resolved: boolean; reversed: boolean }>(
    `select t.*, exists(select 1 from transfers r where r.pending_id = t.id) as resolved,
            exists(select 1 from transfers r where r.reversal_of = t.id) as reversed
       from transfers t where t.id = any(?::uuid[]) and t.scheme_id = ?`,
    [uuidArray(ids), req.schemeId],
    { name: 'ledger_referenced_load' },
  );
  for (const r of rows) referenced.set(r.id, { ...toTransfer(r), resolved: r.resolved, reversed: r.reversed });
  return referenced;
}

const minus = (a: WalletTotals, b: WalletTotals): WalletTotals => ({
  debitsPosted: a.debitsPosted - b.debitsPosted,
  creditsPosted: a.creditsPosted - b.creditsPosted,
  debitsPending: a.debitsPending - b.debitsPending,
  creditsPending: a.creditsPending - b.creditsPending,
});

/** Holders get their new totals (their rows are locked); system wallets get what this request adds, in its slice. */
function walletWrites(before: Map<string, PlanWallet>, after: Map<string, WalletTotals>): WalletWrites {
  const writes: WalletWrites = { totals: new Map(), deltas: new Map() };
  for (const [id, totals] of after) {
    const wallet = before.get(id) as PlanWallet;
    if (isHolderWallet(wallet.kind)) writes.totals.set(id, totals);
    else writes.deltas.set(id, minus(totals, wallet.totals));
  }
  return writes;
}

/** A capped account's mints must see each other's supply: its issuance wallet is locked; no other system wallet is. */
function cappedIssuance(req: LedgerRequest, accounts: Map<string, PlanAccount>): string[] {
  const ids = req.ops.flatMap((op) => {
    const account = op.type === 'mint' ? accounts.get(op.accountId) : undefined;
    return account && account.maxSupply !== null ? [account.system.issuance] : [];
  });
  return [...new Set(ids)];
}
