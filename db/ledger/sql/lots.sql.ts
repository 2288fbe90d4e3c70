import { quietDelivery } from '../../../domain/events/hub-event';

/**
 * Expiry lots, kept by the ledger itself: an AFTER INSERT trigger on
 * `transfers` (one statement-level call per insert, so a request's atomic set
 * or a batch's request is one call) turns every posting into an account with
 * `expires_in_months > 0` into lot changes, inside the posting's transaction
 * and under the wallet lock the posting already holds. Whatever writes a
 * transfer — the SQL ledger, its batches, the TypeScript reference path —
 * keeps the lots, so for every holder wallet of an expiring account
 *
 *     sum(lots.remaining) − debt = available  (posted credits − posted and pending debits).
 *
 * The rules (domain/ledger/lots.ts models them; test/ledger-lots.test.ts holds the two together):
 * - a posted credit to a holder forms a lot: earned now, expiring at the end of the month `expires_in_months`
 *   later in the scheme's time zone (ledger_lot_expiry); a pending credit forms none until it is captured;
 * - a debit from a holder — a burn, a transfer out, a hold when it is placed (a hold reserves, so the expiry
 *   never takes held points) — takes from its preferred lots first, then from the first to expire;
 *   preferred: the lot named by `metadata.lotId` (an expiry), the lot the reverted credit formed, or the lots
 *   formed by the sale named in `metadata.saleUniqueId` (a return deducting that sale's points);
 * - a credit that gives back — a void or expired hold, the uncaptured part of a capture, a reversal of a
 *   debit, a return re-adding the points a sale redeemed — restores what was taken, latest taking first, to
 *   the lots it came from (they keep their dates; one already past its date expires at the next sweep);
 * - a credit from the breakage wallet naming a sale (a return of a sale whose points expired) un-expires
 *   that sale's lots, so the return's deduction that follows takes them and not the customer's other points;
 * - what no lot holds is debt (an allowed overdraft), paid by the next credit before any lot grows.
 */
/** The trigger's lots step: only when one of the insert's transfers is in an account whose points expire. */
export const TRACK_LOTS_STEP = `
  if exists (select 1 from new_transfers n join ledger_accounts a on a.id = n.account_id and a.expires_in_months > 0) then
    perform ledger_lots_apply(array(select n::transfers from new_transfers n));
  end if;`;

export const LEDGER_TRACK_LOTS_SQL = `
-- One trigger for the ledger's own bookkeeping, with a cheap guard: a posting into an account that never expires
-- pays one indexed look-up (measured: two unguarded triggers cost a mint ≈ 0.13 ms of PostgreSQL CPU, this ≈ 0.04).
-- The tiers migration (tiers.sql.ts) replaces it with one that also judges tiers.
create or replace function ledger_track() returns trigger
language plpgsql set jit = off as $fn$
begin${TRACK_LOTS_STEP}
  return null;
end $fn$;
`;

export const LEDGER_LOTS_SQL = `
-- End of the month that is 'months' after the month of 'earned', in the scheme's zone: the first instant of the
-- month after it (exclusive). 2026-01-15 + 12 → 2027-02-01 00:00 local.
create or replace function ledger_lot_expiry(earned timestamptz, months integer, tz text) returns timestamptz
language sql immutable as $fn$
  select (date_trunc('month', earned at time zone tz) + make_interval(months => months + 1)) at time zone tz
$fn$;

-- Gives back up to 'amount' of what the transfers 'sources' took from the wallet's lots, latest taking first
-- (and, un-expiring, counts it expired no more). Returns what it could not give back.
create or replace function ledger_lots_restore(p_wallet uuid, p_sources uuid[], p_amount bigint, p_unexpire boolean default false) returns bigint
language plpgsql as $fn$
declare c record; take bigint; left_ bigint := p_amount;
begin
  if left_ <= 0 or p_sources is null then return greatest(left_, 0); end if;
  for c in select lc.id, lc.lot_id, lc.amount from lot_consumptions lc join point_lots l on l.id = lc.lot_id
            where lc.transfer_id = any(p_sources) and l.wallet_id = p_wallet and lc.amount > 0
            order by lc.id desc loop
    exit when left_ = 0;
    take := least(left_, c.amount);
    update lot_consumptions set amount = amount - take where id = c.id;
    update point_lots set remaining = remaining + take, expired = expired - case when p_unexpire then take else 0 end where id = c.lot_id;
    left_ := left_ - take;
  end loop;
  return left_;
end $fn$;

-- A credit of 'amount' to a holder: its debt first, then back to what 'sources' took, the rest a new lot.
create or replace function ledger_lots_credit(p_scheme uuid, p_wallet uuid, p_transfer uuid, p_sources uuid[], p_amount bigint,
                                              p_at timestamptz, p_expires timestamptz, p_unexpire boolean default false) returns void
language plpgsql as $fn$
declare left_ bigint := p_amount; debt bigint;
begin
  select amount into debt from lot_debts where wallet_id = p_wallet and amount > 0;
  if found then
    update lot_debts set amount = amount - least(amount, left_) where wallet_id = p_wallet;
    left_ := left_ - least(debt, left_);
  end if;
  left_ := ledger_lots_restore(p_wallet, p_sources, left_, p_unexpire);
  if left_ > 0 then
    insert into point_lots (scheme_id, wallet_id, transfer_id, amount, remaining, earned_at, expires_at)
    values (p_scheme, p_wallet, p_transfer, left_, left_, p_at, p_expires);
  end if;
end $fn$;

-- A debit of 'amount' from a holder: preferred lots first, then the first to expire; the rest is debt.
create or replace function ledger_lots_consume(p_wallet uuid, p_transfer uuid, p_preferred uuid[], p_amount bigint, p_expiry boolean) returns void
language plpgsql as $fn$
declare l record; take bigint; left_ bigint := p_amount;
begin
  for l in select id, remaining from point_lots where wallet_id = p_wallet and remaining > 0
            order by id = any(coalesce(p_preferred, '{}')) desc, expires_at, earned_at, id loop
    exit when left_ = 0;
    take := least(left_, l.remaining);
    update point_lots set remaining = remaining - take, expired = expired + case when p_expiry then take else 0 end,
                          expiries = expiries + case when p_expiry then 1 else 0 end where id = l.id;
    insert into lot_consumptions (lot_id, transfer_id, amount) values (l.id, p_transfer, take);
    left_ := left_ - take;
  end loop;
  if left_ > 0 then
    insert into lot_debts (wallet_id, amount) values (p_wallet, left_)
    on conflict (wallet_id) do update set amount = lot_debts.amount + excluded.amount;
  end if;
end $fn$;

-- The lot changes of one insert's transfers (passed by the trigger below), in the request's order.
create or replace function ledger_lots_apply(p_rows transfers[]) returns void
language plpgsql set jit = off as $fn$
declare t record; v_sources uuid[]; v_preferred uuid[]; v_held bigint; v_sale_lots uuid[]; v_unexpire boolean;
begin
  for t in select n.*, a.expires_in_months as months, s.time_zone as tz,
                  dw.kind in ('customer', 'giftcard') as d_holder, cw.kind in ('customer', 'giftcard') as c_holder, cw.kind as c_kind, dw.kind as d_kind
             from unnest(p_rows) n
             join ledger_accounts a on a.id = n.account_id and a.expires_in_months > 0
             join schemes s on s.id = n.scheme_id
             join wallets dw on dw.id = n.debit_wallet_id
             join wallets cw on cw.id = n.credit_wallet_id
            order by n.created_at, length(n.system_unique_key), n.system_unique_key loop
    if t.status in ('voided', 'expired') then
      -- A released hold gives back all it reserved; a voided pending credit never formed a lot.
      if t.d_holder then
        select amount into v_held from transfers where id = t.pending_id;
        perform ledger_lots_credit(t.scheme_id, t.debit_wallet_id, t.id, array[t.pending_id], v_held, t.created_at, ledger_lot_expiry(t.created_at, t.months, t.tz));
      end if;
      continue;
    end if;
    if t.status = 'posted_from_pending' then
      if t.d_holder then
        -- A captured hold: its reservation stands for what was captured; the rest goes back.
        select amount into v_held from transfers where id = t.pending_id;
        if v_held > t.amount then
          perform ledger_lots_credit(t.scheme_id, t.debit_wallet_id, t.id, array[t.pending_id], v_held - t.amount, t.created_at, ledger_lot_expiry(t.created_at, t.months, t.tz));
        end if;
      end if;
      if t.c_holder then
        -- Pending points become a lot when they activate.
        perform ledger_lots_credit(t.scheme_id, t.credit_wallet_id, t.id, null, t.amount, t.created_at, ledger_lot_expiry(t.created_at, t.months, t.tz));
      end if;
      continue;
    end if;
    -- posted, or pending (a hold reserves from the debit side; a pending credit waits for its capture)
    v_sale_lots := case when t.metadata ? 'saleUniqueId' then array(
      -- The lots a sale formed: its earn, the activation of its pending earn, a re-posted pending earn of a return of it.
      select l.id from point_lots l join transfers o on o.id = l.transfer_id left join transfers p on p.id = o.pending_id
       where l.wallet_id in (t.debit_wallet_id, t.credit_wallet_id) and o.code <> 'return_readd'
         and t.metadata->>'saleUniqueId' in (o.external_id, p.external_id, o.metadata->>'saleUniqueId', p.metadata->>'saleUniqueId')) end;
    if t.d_holder then
      v_preferred := case
        when t.metadata ? 'lotId' then array[(t.metadata->>'lotId')::uuid]
        when t.reversal_of is not null then array(select id from point_lots where transfer_id = t.reversal_of)
        else v_sale_lots
      end;
      -- An expiry is a move to the breakage wallet naming its lot (only the sweep writes those).
      perform ledger_lots_consume(t.debit_wallet_id, t.id, v_preferred, t.amount, t.c_kind = 'expiry' and t.metadata ? 'lotId');
    end if;
    if t.c_holder and t.status = 'posted' then
      if t.reversal_of is not null then
        -- A reversal gives back what its original took (a hold's reservation stands under the hold), un-expiring
        -- when the original was an expiry.
        v_sources := array(select unnest(array[o.id, o.pending_id]) from transfers o where o.id = t.reversal_of);
        v_unexpire := exists (select 1 from transfers o join wallets x on x.id = o.credit_wallet_id and x.kind = 'expiry'
                               where o.id = t.reversal_of and o.metadata ? 'lotId');
      elsif t.d_kind = 'expiry' and v_sale_lots is not null then
        -- Un-expiry (a return of a sale whose points expired): back to what the sweep's expiries took from the sale's lots.
        v_sources := array(select distinct lc.transfer_id from lot_consumptions lc
                              join transfers x on x.id = lc.transfer_id and x.metadata ? 'lotId'
                              join wallets xw on xw.id = x.credit_wallet_id and xw.kind = 'expiry'
                             where lc.lot_id = any(v_sale_lots));
        v_unexpire := true;
      elsif t.metadata ? 'saleUniqueId' then
        -- Points a return re-adds: back to the lots the sale's redemption (or its hold) took them from.
        v_sources := array(select unnest(array[o.id, o.pending_id]) from transfers o
                            where o.debit_wallet_id = t.credit_wallet_id and o.external_id = t.metadata->>'saleUniqueId');
        v_unexpire := false;
      else
        v_sources := null;
        v_unexpire := false;
      end if;
      perform ledger_lots_credit(t.scheme_id, t.credit_wallet_id, t.id, v_sources, t.amount, t.created_at, ledger_lot_expiry(t.created_at, t.months, t.tz), v_unexpire);
    end if;
  end loop;
end $fn$;

${LEDGER_TRACK_LOTS_SQL}
drop trigger if exists transfers_track on transfers;
create trigger transfers_track after insert on transfers referencing new table as new_transfers
  for each statement execute function ledger_track();
`;

/**
 * The expiry sweep's two statements (db/ledger/lot-store.ts runs them, one batch per call):
 *
 * `ledger_expire_due(scheme, cutoff, max_wallets)` — for up to `max_wallets` wallets with lots due by `cutoff`:
 * the wallets locked first (as a posting locks them, so their lots stand still), then each due lot's remaining
 * points moved to the account's expiry (breakage) wallet — one ledger request per lot under the key
 * `expiry/<lot>/<times it expired before>` (a counter that only grows: an un-expired lot that expires again gets a
 * new key) with `metadata.lotId` (the trigger takes exactly that lot), all through
 * ledger_apply_batch (group commit: the breakage wallet's slice written once, not once per lot) — and a
 * `points-expired` hub event under the same key. Burn, lot and event commit together, so a rerun, a sweep
 * killed half-way or two sweeps at once find nothing left to expire twice; the key says so to the ledger too.
 *
 * `ledger_notice_expiring(scheme, horizon, max_wallets)` — one `points-expiring` event per wallet and date for
 * lots due by `horizon` not yet announced, keyed by wallet and date; returns how many lots it announced.
 */
const QUIET = `'${JSON.stringify(quietDelivery)}'::jsonb`;

export const LEDGER_EXPIRY_SQL = `
create or replace function ledger_expire_due(p_scheme uuid, p_cutoff timestamptz, p_max integer) returns jsonb
language plpgsql set jit = off as $fn$
declare v_wallets uuid[]; v_lots jsonb; v_answers jsonb; v_refused jsonb;
begin
  select array_agg(wallet_id order by wallet_id) into v_wallets from (
    -- An inactive account refuses every posting: its lots wait until it is active again, without holding up the rest.
    select distinct l.wallet_id from point_lots l join wallets w on w.id = l.wallet_id join ledger_accounts a on a.id = w.account_id and a.active
     where l.scheme_id = p_scheme and l.remaining > 0 and l.expires_at <= p_cutoff order by l.wallet_id limit p_max) d;
  if v_wallets is null then return jsonb_build_object('wallets', 0, 'lots', 0, 'points', '0'); end if;
  -- The wallets first, in the ledger's lock order, as a posting takes them: under these locks their lots stand still.
  perform 1 from wallets where id = any(v_wallets)
    order by case when customer_id is not null then 0 when kind = 'giftcard' then 1 else 2 end, id for no key update;
  select jsonb_agg(jsonb_build_object('lot', l.id, 'wallet', l.wallet_id, 'account', w.account_id, 'customer', w.customer_id, 'expiry', x.id,
                                      'remaining', l.remaining::text, 'expiries', l.expiries, 'expiresAt', l.expires_at)
                   order by l.wallet_id, l.expires_at, l.earned_at, l.id)
    into v_lots
    from point_lots l join wallets w on w.id = l.wallet_id join wallets x on x.account_id = w.account_id and x.owner_key = 'system:expiry'
    join ledger_accounts a on a.id = w.account_id and a.active
   where l.wallet_id = any(v_wallets) and l.remaining > 0 and l.expires_at <= p_cutoff;
  -- Another sweep expired them while this one waited for the locks.
  if v_lots is null then return jsonb_build_object('wallets', 0, 'lots', 0, 'points', '0'); end if;
  -- One ledger request per lot, all as one group-committed batch: each wallet, and the breakage wallet, written once.
  v_answers := ledger_apply_batch((select jsonb_agg(jsonb_build_object('schemeId', p_scheme, 'key', 'expiry/' || (x->>'lot') || '/' || (x->>'expiries'), 'hash', 'expiry',
      'ops', jsonb_build_array(jsonb_build_object('type', 'transfer', 'accountId', x->'account', 'fromWalletId', x->'wallet', 'toWalletId', x->'expiry',
                                                  'amount', x->'remaining', 'code', 'expiry', 'description', 'Points expired',
                                                  'metadata', jsonb_build_object('lotId', x->'lot', 'expiresAt', x->'expiresAt')))) order by n)
    from jsonb_array_elements(v_lots) with ordinality e(x, n)));
  select a into v_refused from jsonb_array_elements(v_answers) a where a ? 'error' limit 1;
  if v_refused is not null then raise exception 'expiry refused: %', v_refused; end if;
  -- Journalled (delivered to nobody yet: nothing on the bus listens for expiries), as the hub journals a quiet sale.
  insert into hub_events (id, scheme_id, key, type, customer_id, payload, occurred_at, status, effects, source, tags, created_at)
  select gen_random_uuid(), p_scheme, 'points-expired/' || (x->>'lot') || '/' || (x->>'expiries'), 'points-expired', (x->>'customer')::uuid,
         jsonb_build_object('accountId', x->'account', 'walletId', x->'wallet', 'lotId', x->'lot', 'amount', x->'remaining',
                            'expiresAt', x->'expiresAt', 'transferId', a->'transfers'->0->'id'),
         (x->>'expiresAt')::timestamptz, 'success', ${QUIET}, 'hub', '["expiry"]', now()
    from jsonb_array_elements(v_lots) with ordinality e(x, n) join jsonb_array_elements(v_answers) with ordinality r(a, m) on m = n
   where x->>'customer' is not null
  on conflict (scheme_id, key) do nothing;
  return jsonb_build_object('wallets', (select count(distinct x->>'wallet') from jsonb_array_elements(v_lots) x), 'lots', jsonb_array_length(v_lots),
                            'points', (select sum((x->>'remaining')::numeric) from jsonb_array_elements(v_lots) x)::text);
end $fn$;

create or replace function ledger_notice_expiring(p_scheme uuid, p_horizon timestamptz, p_max integer) returns integer
language sql as $fn$
  with due as (
    -- Lots a posting holds are skipped (noticed on a later run), so the notice never waits on a till or deadlocks with one.
    select l.id, l.wallet_id, l.expires_at, l.remaining from point_lots l
     where l.scheme_id = p_scheme and l.remaining > 0 and l.noticed_at is null and l.expires_at <= p_horizon
       and l.wallet_id in (select distinct wallet_id from point_lots where scheme_id = p_scheme and remaining > 0 and noticed_at is null
                             and expires_at <= p_horizon order by wallet_id limit p_max)
     for update skip locked
  ), noticed as (
    update point_lots l set noticed_at = now() from due where l.id = due.id returning l.id
  ), grouped as (
    select due.wallet_id, due.expires_at, sum(due.remaining) as amount, min(due.id::text) as first_lot from due group by due.wallet_id, due.expires_at
  ), events as (
    insert into hub_events (id, scheme_id, key, type, customer_id, payload, occurred_at, status, effects, source, tags, created_at)
    -- Keyed by wallet, date and the group's first lot: lots earned later for the same date get their own notice.
    select gen_random_uuid(), p_scheme, 'points-expiring/' || g.wallet_id || '/' || to_char(g.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '/' || g.first_lot,
           'points-expiring', w.customer_id,
           jsonb_build_object('accountId', w.account_id, 'walletId', g.wallet_id, 'amount', g.amount::text, 'expiresAt', g.expires_at),
           now(), 'success', ${QUIET}, 'hub', '["expiry"]', now()
      from grouped g join wallets w on w.id = g.wallet_id and w.customer_id is not null
    on conflict (scheme_id, key) do nothing returning 1
  )
  select (select count(*) from noticed)::integer + 0 * (select count(*) from events)::integer
$fn$;
`;

/** Accounts that expired before lots existed: each holder's balance becomes one lot earned now (a negative one, debt). */
export const OPEN_EXISTING_LOTS_SQL = `
with holders as (
  select w.id, w.scheme_id, w.credits_posted - w.debits_posted - w.debits_pending as available, a.expires_in_months as months, s.time_zone as tz
    from wallets w join ledger_accounts a on a.id = w.account_id and a.expires_in_months > 0 join schemes s on s.id = w.scheme_id
   where w.kind in ('customer', 'giftcard')
), opened as (
  insert into point_lots (scheme_id, wallet_id, transfer_id, amount, remaining, earned_at, expires_at)
  select scheme_id, id, null, available, available, now(), ledger_lot_expiry(now(), months, tz) from holders where available > 0 returning 1
)
insert into lot_debts (wallet_id, amount) select id, -available from holders where available < 0;
`;

export const LEDGER_LOTS_DROP_SQL = `
drop function if exists ledger_expire_due(uuid, timestamptz, integer), ledger_notice_expiring(uuid, timestamptz, integer);
drop trigger if exists transfers_track on transfers;
drop function if exists ledger_track(), ledger_lots_apply(transfers[]), ledger_lots_consume(uuid, uuid, uuid[], bigint, boolean),
  ledger_lots_credit(uuid, uuid, uuid, uuid[], bigint, timestamptz, timestamptz, boolean), ledger_lots_restore(uuid, uuid[], bigint, boolean),
  ledger_lot_expiry(timestamptz, integer, text);
`;
