import { ValidationError } from '../../domain/errors';
import { codesOf, describe, reasonOf, type HistoryLine, type HistoryQuery, type PointsHistoryPort } from '../../domain/ledger/history';
import { decodeCursor, encodeCursor, type Page } from '../../domain/pagination';
import type { Orm } from '../orm';
import { textArray } from '../sql-arrays';

interface Row {
  id: string;
  created_at: string;
  k: string;
  code: string;
  status: string;
  description: string | null;
  external_id: string | null;
  account_id: string;
  actor: string | null;
  amount: string;
  delta: string;
  balance: string;
}

/**
 * Every transfer touching the customer's wallet (the default points account unless `accountId`), with its effect:
 * `amount` on the customer's points (a pending earn counts when earned, a released hold gives back), `delta` on what
 * they can spend now, and the available balance after it (a running sum in the ledger's own order: time, then the
 * request's legs in order). Newest first, keyset-paged.
 */
const HISTORY_SQL = `
with w as (
  select w.id from wallets w join ledger_accounts a on a.id = w.account_id join ledgers l on l.id = a.ledger_id
   where w.customer_id = ? and w.scheme_id = ? and (case when ?::uuid is null then a.is_default and l.is_default else a.id = ?::uuid end)
   limit 1
), lines as (
  select t.id, t.created_at, t.system_unique_key as k, t.code, t.status, t.description, t.external_id, t.account_id, t.metadata->'actor'->>'keyId' as actor,
         case when t.status = 'pending' then case when t.credit_wallet_id = w.id then t.amount else -t.amount end
              when t.status in ('voided', 'expired') then case when t.debit_wallet_id = w.id then p.amount else -p.amount end
              when t.status = 'posted_from_pending' then case when t.debit_wallet_id = w.id then p.amount - t.amount else 0 end
              else case when t.credit_wallet_id = w.id then t.amount else -t.amount end end as amount,
         case when t.status = 'pending' then case when t.debit_wallet_id = w.id then -t.amount else 0 end
              when t.status in ('voided', 'expired') then case when t.debit_wallet_id = w.id then p.amount else 0 end
              when t.status = 'posted_from_pending' then case when t.debit_wallet_id = w.id then p.amount - t.amount else t.amount end
              else case when t.credit_wallet_id = w.id then t.amount else -t.amount end end as delta
    from w join transfers t on t.debit_wallet_id = w.id or t.credit_wallet_id = w.id
    left join transfers p on p.id = t.pending_id
), running as (
  select l.*, sum(l.delta) over (order by l.created_at, length(l.k), l.k rows unbounded preceding) as balance from lines l
)
select id, created_at, k, code, status, description, external_id, account_id, actor, amount::text, delta::text, balance::text from running
 where (?::text[] is null or (code = any(?::text[])) <> ?::boolean)
   and (?::timestamptz is null or created_at >= ?::timestamptz) and (?::timestamptz is null or created_at < ?::timestamptz)
   and (?::uuid is null or id = ?::uuid)
   -- After the cursor's transfer, in the same order (its own row, so microseconds and odd keys need no encoding).
   and (?::uuid is null or (created_at, length(k), k) < (select c.created_at, length(c.system_unique_key), c.system_unique_key from transfers c where c.id = ?::uuid))
 order by created_at desc, length(k) desc, k desc
 limit ?`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class PgPointsHistory implements PointsHistoryPort {
  constructor(private readonly orm: Orm) {}

  async forCustomer(schemeId: string, customerId: string, q: HistoryQuery): Promise<Page<HistoryLine>> {
    const pos = q.cursor ? decodeCursor(q.cursor) : null;
    if (q.cursor && (!pos || !UUID.test(pos.id))) throw new ValidationError('Invalid cursor', [{ path: 'query.cursor', message: 'use the nextCursor of an earlier page' }]);
    const filter = q.reason ? codesOf(q.reason) : null;
    const codes = filter ? textArray(filter.codes) : null;
    const rows = (await this.orm.em.fork().getConnection().execute(
      HISTORY_SQL,
      [customerId, schemeId, q.accountId ?? null, q.accountId ?? null, codes, codes, filter?.except ?? false, q.from ?? null, q.from ?? null, q.to ?? null, q.to ?? null, q.transferId ?? null, q.transferId ?? null,
        pos?.id ?? null, pos?.id ?? null, q.limit + 1],
      'all',
    )) as Row[];
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      data: page.map((r) => {
        const reason = reasonOf(r.code);
        return {
          transferId: r.id,
          at: new Date(r.created_at).toISOString(),
          reason,
          code: r.code,
          amount: r.amount,
          availableChange: r.delta,
          balance: r.balance,
          status: r.status,
          description: describe({ reason, code: r.code, status: r.status, description: r.description, externalId: r.external_id }),
          externalId: r.external_id,
          accountId: r.account_id,
          actor: r.actor,
        };
      }),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ createdAt: new Date(last.created_at).toISOString(), id: last.id }) : null,
    };
  }
}
