/**
 * `ledger_apply(request, fresh)`: a whole ledger request in one round trip —
 * what db/ledger/ledger-engine.ts used to do in seven statements, in the same
 * order and with the same locks: the key's advisory lock and look-up (skipped
 * when `fresh`), the accounts and referenced transfers, the holder wallets (and
 * a capped account's issuance wallet) locked in the one lock order, the
 * referenced transfers read again under those locks, the plan, and the write
 * (transfers inserted, holders' totals set, system wallets' slices added to).
 *
 * A refusal is an answer, not an error: `{ error: { code, message, details } }`,
 * raised by ledger_plan and caught here before anything is written, so the
 * caller's transaction stays usable (a sale refused for points rolls back its
 * own way). Unique violations (key, pending resolution, reversal) still raise:
 * they are the database's last word on "at most once".
 */
export const LEDGER_APPLY_SQL = `
-- The wallets' new totals, written: totals is id → {dp, cp, dq, cq}; prior is id → {kind, totals} as they were
-- read. Holders (locked) get their new totals; system wallets get what was added, into the transaction's slice
-- (see db/ledger/write-plan.ts), in wallet order.
create or replace function ledger_write_wallets(totals jsonb, prior jsonb) returns void
language sql as $fn$
  update wallets w set debits_posted = (t.value->>'dp')::bigint, credits_posted = (t.value->>'cp')::bigint,
                       debits_pending = (t.value->>'dq')::bigint, credits_pending = (t.value->>'cq')::bigint
    from jsonb_each(totals) t
   where w.id = t.key::uuid and prior->t.key->>'kind' in ('customer', 'giftcard');
  insert into wallet_counters (wallet_id, slot, debits_posted, credits_posted, debits_pending, credits_pending)
  select t.key::uuid, (txid_current() % 16)::smallint,
         (t.value->>'dp')::bigint - (prior->t.key->'totals'->>'dp')::bigint, (t.value->>'cp')::bigint - (prior->t.key->'totals'->>'cp')::bigint,
         (t.value->>'dq')::bigint - (prior->t.key->'totals'->>'dq')::bigint, (t.value->>'cq')::bigint - (prior->t.key->'totals'->>'cq')::bigint
    from jsonb_each(totals) t
   where prior->t.key->>'kind' not in ('customer', 'giftcard')
   order by t.key
  on conflict (wallet_id, slot) do update
     set debits_posted = wallet_counters.debits_posted + excluded.debits_posted,
         credits_posted = wallet_counters.credits_posted + excluded.credits_posted,
         debits_pending = wallet_counters.debits_pending + excluded.debits_pending,
         credits_pending = wallet_counters.credits_pending + excluded.credits_pending;
$fn$;

create or replace function ledger_transfer_rows(head transfers) returns jsonb
language sql stable as $fn$
  select jsonb_agg(to_jsonb(t) || jsonb_build_object('amount', t.amount::text) order by length(t.system_unique_key), t.system_unique_key)
    from transfers t
   where t.id = head.id or (head.atomic_set_id is not null and t.atomic_set_id = head.atomic_set_id)
$fn$;

create or replace function ledger_apply(req jsonb, fresh boolean default false, carry jsonb default null) returns jsonb
language plpgsql
-- Its statements are small and many: JIT compiling one (its estimates over JSON arrays look large) costs more than it saves.
set jit = off as $fn$
declare
  v_scheme uuid := (req->>'schemeId')::uuid;
  v_key text := req->>'key';
  v_first transfers;
  v_account_ids uuid[];
  v_ref_ids uuid[];
  v_accounts jsonb;
  v_refs jsonb := '{}';
  v_wallet_ids uuid[];
  v_capped uuid[];
  v_wallets jsonb;
  v_plan jsonb;
  v_rows jsonb;
  v_set_id uuid;
  v_now timestamptz;
  v_code text; v_message text; v_detail text;
begin
  if not fresh then
    perform pg_advisory_xact_lock(hashtextextended('ledger:' || (req->>'schemeId') || ':' || v_key, 0));
    select * into v_first from transfers where scheme_id = v_scheme and system_unique_key = v_key;
    if found then
      if v_first.request_hash <> req->>'hash' then
        return jsonb_build_object('error', jsonb_build_object('code', 'LH412', 'message', 'idempotency key reused', 'details', '[]'::jsonb));
      end if;
      return jsonb_build_object('replayed', true, 'transfers', ledger_transfer_rows(v_first));
    end if;
  end if;

  select array_agg(distinct (o->>'accountId')::uuid), array_agg(distinct coalesce(o->>'pendingTransferId', o->>'transferId')::uuid)
         filter (where coalesce(o->>'pendingTransferId', o->>'transferId') is not null)
    into v_account_ids, v_ref_ids from jsonb_array_elements(req->'ops') o;

  select coalesce(jsonb_object_agg(a.id, jsonb_build_object('active', a.active, 'maxSupply', a.max_supply::text,
           -- By owner key (the account's unique index), not by kind: an account has a wallet per customer.
           'issuance', (select w.id from wallets w where w.account_id = a.id and w.owner_key = 'system:issuance'),
           'redemption', (select w.id from wallets w where w.account_id = a.id and w.owner_key = 'system:redemption'))), '{}')
    into v_accounts from ledger_accounts a where a.id = any(v_account_ids) and a.scheme_id = v_scheme;

  if v_ref_ids is not null then
    select coalesce(jsonb_object_agg(t.id, to_jsonb(t)), '{}') into v_refs from transfers t where t.id = any(v_ref_ids) and t.scheme_id = v_scheme;
  end if;

  -- The wallets the request touches (the planner's walletsToLock) and the issuance wallets a capped mint serialises on.
  select array_agg(distinct x), array_agg(distinct x) filter (where capped_) into v_wallet_ids, v_capped from (
    select (case o->>'type'
              when 'transfer' then array[o->>'fromWalletId', o->>'toWalletId']
              when 'mint' then array[o->>'walletId', v_accounts->(o->>'accountId')->>'issuance']
              when 'burn' then array[o->>'walletId', v_accounts->(o->>'accountId')->>'redemption']
              else array[v_refs->coalesce(o->>'pendingTransferId', o->>'transferId')->>'debit_wallet_id',
                         v_refs->coalesce(o->>'pendingTransferId', o->>'transferId')->>'credit_wallet_id'] end)[i]::uuid as x,
           i = 2 and o->>'type' = 'mint' and v_accounts->(o->>'accountId')->>'maxSupply' is not null as capped_
      from jsonb_array_elements(req->'ops') o, generate_series(1, 2) i) touched where x is not null;

  perform 1 from wallets
    where id = any(v_wallet_ids) and scheme_id = v_scheme and (kind in ('customer', 'giftcard') or id = any(coalesce(v_capped, '{}')))
    order by case when customer_id is not null then 0 when kind = 'giftcard' then 1 else 2 end, id
    for no key update;

  -- Under the locks: whether a referenced transfer was resolved or reversed meanwhile, and every total as of now
  -- (this statement's snapshot is newer than the locks, so a capped issuance wallet's slices include every mint it waited for).
  if v_ref_ids is not null then
    select coalesce(jsonb_object_agg(t.id, to_jsonb(t) || jsonb_build_object(
             'resolved', exists(select 1 from transfers r where r.pending_id = t.id),
             'reversed', exists(select 1 from transfers r where r.reversal_of = t.id))), '{}')
      into v_refs from transfers t where t.id = any(v_ref_ids) and t.scheme_id = v_scheme;
  end if;
  select coalesce(jsonb_object_agg(w.id, jsonb_build_object('scheme', w.scheme_id, 'account', w.account_id, 'kind', w.kind, 'totals', jsonb_build_object(
           'dp', w.debits_posted + coalesce(c.dp, 0), 'cp', w.credits_posted + coalesce(c.cp, 0),
           'dq', w.debits_pending + coalesce(c.dq, 0), 'cq', w.credits_pending + coalesce(c.cq, 0)))), '{}')
    into v_wallets
    from wallets w
    left join lateral (select sum(debits_posted) dp, sum(credits_posted) cp, sum(debits_pending) dq, sum(credits_pending) cq
                         from wallet_counters where wallet_id = w.id and w.kind not in ('customer', 'giftcard')) c on true
   where w.id = any(v_wallet_ids) and w.scheme_id = v_scheme and (carry is null or carry->(w.id::text) is null);
  if carry is not null then
    -- In a batch, a wallet an earlier request touched is as that request left it (not yet written; the batch holds
    -- its lock, or it is a system wallet whose slices only add): carried, not read again.
    select v_wallets || coalesce(jsonb_object_agg(x::text, carry->(x::text)), '{}') into v_wallets
      from unnest(v_wallet_ids) x where carry->(x::text)->>'scheme' = v_scheme::text;
  end if;

  v_now := clock_timestamp();
  begin
    v_plan := ledger_plan(req, v_accounts, v_refs, v_wallets, v_now);
  exception when sqlstate 'LH400' or sqlstate 'LH402' or sqlstate 'LH404' or sqlstate 'LH409' or sqlstate 'LH422' then
    get stacked diagnostics v_code = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
    return jsonb_build_object('error', jsonb_build_object('code', v_code, 'message', v_message, 'details', coalesce(nullif(v_detail, ''), '[]')::jsonb));
  end;

  -- The request's key names its first transfer; the rest of an atomic set get #1, #2…
  v_set_id := case when jsonb_array_length(v_plan->'transfers') > 1 then gen_random_uuid() end;
  select jsonb_agg(t.value || jsonb_build_object('id', gen_random_uuid(), 'scheme_id', v_scheme, 'request_hash', req->>'hash', 'atomic_set_id', v_set_id,
           'created_at', v_now, 'system_unique_key', case when t.n = 1 then v_key else v_key || '#' || (t.n - 1) end) order by t.n)
    into v_rows from jsonb_array_elements(v_plan->'transfers') with ordinality t(value, n);

  insert into transfers select * from jsonb_populate_recordset(null::transfers, v_rows);
  if carry is not null then
    -- In a batch the new totals are carried to the next request and written once at the end (ledger_apply_batch):
    -- a hot wallet updated by every request of a batch would otherwise grow a chain of row versions each must walk.
    return jsonb_build_object('replayed', false, 'transfers', v_rows, 'totals', v_plan->'totals',
                              'before', (select jsonb_object_agg(t.key, v_wallets->t.key) from jsonb_each(v_plan->'totals') t));
  end if;
  perform ledger_write_wallets(v_plan->'totals', v_wallets);
  return jsonb_build_object('replayed', false, 'transfers', v_rows);
end $fn$;
`;
