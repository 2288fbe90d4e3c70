import type { Orm } from '../orm';
import { WALLET_SLICES, WALLET_TOTALS } from './wallet-totals';

export interface Violation {
  invariant: string;
  detail: Record<string, unknown>;
}

const checks: Array<{ invariant: string; sql: string }> = [
  {
    invariant: 'account balances sum to zero',
    sql: `with totals as (select w.account_id, ${WALLET_TOTALS} from wallets w ${WALLET_SLICES} where (?::uuid is null or w.scheme_id = ?::uuid))
          select account_id,
                 sum(credits_posted::numeric - debits_posted::numeric)::text as posted,
                 sum(credits_pending::numeric - debits_pending::numeric)::text as pending
            from totals
           group by account_id
          having sum(credits_posted::numeric - debits_posted::numeric) <> 0 or sum(credits_pending::numeric - debits_pending::numeric) <> 0`,
  },
  {
    // A system wallet's totals are its row plus its slices (wallet_counters).
    invariant: 'wallet totals equal the sums of their transfers',
    sql: `with legs as (
            select debit_wallet_id as wallet_id,
                   case when status in ('posted', 'posted_from_pending') then amount else 0 end as dp, 0::bigint as cp,
                   case when status = 'pending' and not exists (select 1 from transfers r where r.pending_id = t.id) then amount else 0 end as dq,
                   0::bigint as cq
              from transfers t
            union all
            select credit_wallet_id,
                   0, case when status in ('posted', 'posted_from_pending') then amount else 0 end,
                   0, case when status = 'pending' and not exists (select 1 from transfers r where r.pending_id = t.id) then amount else 0 end
              from transfers t
          ), sums as (
            select wallet_id, sum(dp) dp, sum(cp) cp, sum(dq) dq, sum(cq) cq from legs group by wallet_id
          )
          select w.id as wallet_id, w.debits_posted, coalesce(s.dp, 0)::text as expected_debits_posted,
                 w.credits_posted, coalesce(s.cp, 0)::text as expected_credits_posted,
                 w.debits_pending, coalesce(s.dq, 0)::text as expected_debits_pending,
                 w.credits_pending, coalesce(s.cq, 0)::text as expected_credits_pending
            from (select w.id, w.scheme_id, ${WALLET_TOTALS} from wallets w ${WALLET_SLICES}) w left join sums s on s.wallet_id = w.id
           where (?::uuid is null or w.scheme_id = ?::uuid)
             and (w.debits_posted::numeric <> coalesce(s.dp, 0) or w.credits_posted::numeric <> coalesce(s.cp, 0)
               or w.debits_pending::numeric <> coalesce(s.dq, 0) or w.credits_pending::numeric <> coalesce(s.cq, 0))`,
  },
  {
    invariant: 'no customer or gift card wallet below zero without an allowed overdraft',
    sql: `select w.id as wallet_id, (w.credits_posted - w.debits_posted - w.debits_pending)::text as available
            from wallets w
           where (?::uuid is null or w.scheme_id = ?::uuid) and w.kind in ('customer', 'giftcard')
             and w.credits_posted - w.debits_posted - w.debits_pending < 0
             and not exists (select 1 from transfers t where t.debit_wallet_id = w.id and t.allow_overdraft)`,
  },
  {
    invariant: 'every resolution points at a pending transfer with the same wallets, within its amount',
    sql: `select r.id as resolution_id, r.pending_id, p.status as pending_status
            from transfers r join transfers p on p.id = r.pending_id
           where (?::uuid is null or r.scheme_id = ?::uuid)
             and (p.status <> 'pending' or r.status not in ('posted_from_pending', 'voided', 'expired')
               or r.debit_wallet_id <> p.debit_wallet_id or r.credit_wallet_id <> p.credit_wallet_id or r.amount > p.amount)`,
  },
  {
    invariant: 'a reversal moves at most the original amount, backwards',
    sql: `select r.id as reversal_id, r.reversal_of
            from transfers r join transfers o on o.id = r.reversal_of
           where (?::uuid is null or r.scheme_id = ?::uuid)
             and (r.amount > o.amount or r.debit_wallet_id <> o.credit_wallet_id or r.credit_wallet_id <> o.debit_wallet_id)`,
  },
  {
    // Lots (db/ledger/sql/lots.sql.ts) account for every spendable point of an expiring account, less any debt.
    invariant: 'lots hold each holder wallet of an expiring account its available balance',
    sql: `select w.id as wallet_id, (w.credits_posted - w.debits_posted - w.debits_pending)::text as available,
                 coalesce(l.remaining, 0)::text as lots, coalesce(d.amount, 0)::text as debt
            from wallets w
            join ledger_accounts a on a.id = w.account_id and a.expires_in_months > 0
            left join (select wallet_id, sum(remaining) as remaining from point_lots group by wallet_id) l on l.wallet_id = w.id
            left join lot_debts d on d.wallet_id = w.id
           where (?::uuid is null or w.scheme_id = ?::uuid) and w.kind in ('customer', 'giftcard')
             and w.credits_posted - w.debits_posted - w.debits_pending <> coalesce(l.remaining, 0) - coalesce(d.amount, 0)`,
  },
];

/** The ledger's invariants, checked from the rows themselves; an empty list means the books balance. */
export async function verifyLedger(orm: Orm, schemeId: string | null = null): Promise<Violation[]> {
  const conn = orm.em.fork().getConnection();
  const violations: Violation[] = [];
  for (const check of checks) {
    const rows = await conn.execute(check.sql, [schemeId, schemeId], 'all');
    for (const row of rows as Record<string, unknown>[]) violations.push({ invariant: check.invariant, detail: row });
  }
  return violations;
}
