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
language plpgsql
-- Its statements are small and many: JIT compiling one (its estimates over JSON arrays look large) costs more than it saves.
set jit = off as $fn$
declare
  req jsonb;
  answer jsonb;
  answers jsonb[] := '{}';
  carry jsonb := '{}';
  base jsonb := '{}';
  holders uuid[];
  capped uuid[];
begin
  perform pg_advisory_xact_lock(k)
     from (select distinct hashtextextended('ledger:' || (r->>'schemeId') || ':' || (r->>'key'), 0) as k from jsonb_array_elements(reqs) r order by 1) keys;

  -- Per operation, by primary key (scalar subqueries): a join here may be planned as a scan of the transfers.
  with ops as (select o, coalesce(o->>'pendingTransferId', o->>'transferId')::uuid as ref from jsonb_array_elements(reqs) r, jsonb_array_elements(r->'ops') o)
  select array_agg(distinct id) into holders from (
    select unnest(array[(o->>'walletId')::uuid, (o->>'fromWalletId')::uuid, (o->>'toWalletId')::uuid,
                        (select t.debit_wallet_id from transfers t where t.id = ref), (select t.credit_wallet_id from transfers t where t.id = ref)]) as id
      from ops) ids;
  with mints as (select distinct (o->>'accountId')::uuid as account from jsonb_array_elements(reqs) r, jsonb_array_elements(r->'ops') o where o->>'type' = 'mint')
  select array_agg((select i.id from wallets i where i.account_id = m.account and i.owner_key = 'system:issuance')) into capped
    from mints m where (select a.max_supply from ledger_accounts a where a.id = m.account) is not null;

  perform 1 from wallets w
   where (w.id = any(holders) and w.kind in ('customer', 'giftcard')) or w.id = any(coalesce(capped, '{}'))
   order by case when w.customer_id is not null then 0 when w.kind = 'giftcard' then 1 else 2 end, w.id
     for no key update;

  for req in select value from jsonb_array_elements(reqs) loop
    answer := ledger_apply(req, false, carry);
    if answer->'totals' is not null then
      base := (answer->'before') || base;
      carry := carry || (select jsonb_object_agg(t.key, (answer->'before'->t.key) || jsonb_build_object('totals', t.value)) from jsonb_each(answer->'totals') t);
      answer := answer - 'totals' - 'before';
    end if;
    answers := array_append(answers, answer);
  end loop;

  -- Every touched wallet written once: holders' final totals; system wallets' batch deltas into one slice, in wallet order.
  perform ledger_write_wallets((select jsonb_object_agg(t.key, t.value->'totals') from jsonb_each(carry) t), base);
  return to_jsonb(answers);
end $fn$;
`;
