/**
 * `ledger_apply_batch(requests)`: group commit. Many ledger requests in one
 * statement and one transaction (one commit, one round trip), each still all
 * or nothing: a refusal is an answer and ledger_apply writes nothing for it,
 * so one refused request never sinks the batch.
 *
 * Before the first request the batch takes every lock its requests will take,
 * in the order single requests take them — the keys' advisory locks (sorted),
 * then the holder wallets and capped issuance wallets in the one wallet lock
 * order — so two batches, or a batch and a single request, never wait on each
 * other in a cycle, whatever order the requests came in. Under those locks a
 * unique violation cannot happen short of a bug; if one does, the statement
 * fails whole, nothing of it commits, and db/ledger/group-commit.ts sends each
 * request again alone. (No subtransaction per request: past 64 in one
 * transaction PostgreSQL's subtransaction cache overflows and every snapshot
 * on the server slows down.)
 */
export const LEDGER_BATCH_SQL = `
create or replace function ledger_apply_batch(reqs jsonb) returns jsonb
language plpgsql as $fn$
declare
  req jsonb;
  answers jsonb[] := '{}';
  holders uuid[];
  capped uuid[];
begin
  perform pg_advisory_xact_lock(k)
     from (select distinct hashtextextended('ledger:' || (r->>'schemeId') || ':' || (r->>'key'), 0) as k from jsonb_array_elements(reqs) r order by 1) keys;

  with ops as (select o from jsonb_array_elements(reqs) r, jsonb_array_elements(r->'ops') o)
  select array_agg(id) into holders from (
    select unnest(array[o->>'walletId', o->>'fromWalletId', o->>'toWalletId'])::uuid as id from ops
    union
    select unnest(array[t.debit_wallet_id, t.credit_wallet_id]) from ops join transfers t on t.id = coalesce(o->>'pendingTransferId', o->>'transferId')::uuid) ids;
  select array_agg(i.id) into capped
    from jsonb_array_elements(reqs) r, jsonb_array_elements(r->'ops') o
    join ledger_accounts a on a.id = (o->>'accountId')::uuid and a.max_supply is not null
    join wallets i on i.account_id = a.id and i.owner_key = 'system:issuance'
   where o->>'type' = 'mint';

  perform 1 from wallets w
   where (w.id = any(holders) and w.kind in ('customer', 'giftcard')) or w.id = any(coalesce(capped, '{}'))
   order by case when w.customer_id is not null then 0 when w.kind = 'giftcard' then 1 else 2 end, w.id
     for no key update;

  for req in select value from jsonb_array_elements(reqs) loop
    answers := array_append(answers, ledger_apply(req, false));
  end loop;
  return to_jsonb(answers);
end $fn$;
`;
