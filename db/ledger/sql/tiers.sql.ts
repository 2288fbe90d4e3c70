import { quietDelivery } from '../../../domain/events/hub-event';
import { LEDGER_TRACK_LOTS_SQL, TRACK_LOTS_STEP } from './lots.sql';

const QUIET = `'${JSON.stringify(quietDelivery)}'::jsonb`;

/**
 * Tiers, judged where accrual moves: an AFTER INSERT trigger on `transfers`
 * re-evaluates every customer whose points moved to or from the issuance
 * wallet of the scheme's main account (an earn, an activation, a return, a
 * reversal, a manual mint or burn through the ledger API), inside that
 * posting's transaction, once the scheme has a tier. So a tier change commits
 * with the posting that caused it, or not at all; two sales crossing a
 * threshold at once queue on the customer's wallet and tier row, and the
 * second finds the tier already set: one change, one history row, one event.
 *
 * The rule (domain/tiers/decide.ts is the same in TypeScript; test/tiers.test.ts holds them together):
 * - accrual: points credited from issuance to the customer's main wallet, less points debited back to it,
 *   within the scheme's `tierWindowMonths` (null: lifetime); a return counts on the date of the sale it returns;
 * - the tier: of the active tiers whose `minRequiredPoints` the accrual reaches, the highest `tierOrder`;
 *   none reached → the active default tier, else none;
 * - a tier set by hand holds until its `expiresAt` (forever without one); then accrual decides again.
 */
export const TIERS_SQL = `
create or replace function tier_accrual(p_wallet uuid, p_since timestamptz) returns bigint
language sql stable as $fn$
  -- Two range scans (by wallet and time), not an OR over the wallet columns.
  select coalesce((select sum(t.amount) from transfers t join wallets o on o.id = t.debit_wallet_id and o.owner_key = 'system:issuance'
                    where t.credit_wallet_id = p_wallet and t.created_at >= coalesce(p_since, '-infinity')
                      and t.status in ('posted', 'posted_from_pending')), 0)::bigint
       - coalesce((select sum(t.amount) from transfers t join wallets o on o.id = t.credit_wallet_id and o.owner_key = 'system:issuance'
                    where t.debit_wallet_id = p_wallet and t.status = 'posted'
                      and t.created_at >= coalesce(p_since, '-infinity') - interval '5 years'
                      -- A return counts on the date of the sale it returns.
                      and coalesce(case when t.metadata ? 'saleUniqueId' then
                            (select min(e.created_at) from transfers e where e.credit_wallet_id = p_wallet and e.external_id = t.metadata->>'saleUniqueId') end,
                          t.created_at) >= coalesce(p_since, '-infinity')), 0)::bigint
$fn$;

-- The scheme's tier window in months: its rules' (null: lifetime), 12 when it has no rules yet.
create or replace function tier_window_months(p_scheme uuid) returns integer
language sql stable as $fn$
  select case when exists (select 1 from point_rules where scheme_id = p_scheme)
              then (select tier_window_months from point_rules where scheme_id = p_scheme) else 12 end
$fn$;

-- The customer's accrual as of p_now, over the scheme's window.
create or replace function tier_customer_accrual(p_scheme uuid, p_customer uuid, p_now timestamptz) returns bigint
language plpgsql stable as $fn$
declare v_months integer := tier_window_months(p_scheme); v_wallet uuid;
begin
  select w.id into v_wallet from wallets w
    join ledger_accounts a on a.id = w.account_id and a.is_default
    join ledgers l on l.id = a.ledger_id and l.is_default
   where w.customer_id = p_customer and w.scheme_id = p_scheme;
  if v_wallet is null then return 0; end if;
  return tier_accrual(v_wallet, case when v_months is null then null else p_now - make_interval(months => v_months) end);
end $fn$;

-- Records a change of tier (history row and event), once per change.
create or replace function tier_record(p_scheme uuid, p_customer uuid, p_from uuid, p_to uuid, p_reason text, p_accrual bigint, p_now timestamptz) returns void
language plpgsql as $fn$
declare v_change uuid;
begin
  insert into tier_changes (scheme_id, customer_id, from_tier_id, to_tier_id, reason, accrual, changed_at)
  values (p_scheme, p_customer, p_from, p_to, p_reason, p_accrual, p_now) returning id into v_change;
  insert into hub_events (id, scheme_id, key, type, customer_id, payload, occurred_at, status, effects, source, tags, created_at)
  values (gen_random_uuid(), p_scheme, 'tier/' || p_customer || '/' || v_change,
          case when p_to is null then 'member-tier-removed' else 'member-tier-set' end, p_customer,
          jsonb_build_object('loyaltyTierId', p_to, 'previousLoyaltyTierId', p_from, 'reason', p_reason, 'accrual', p_accrual::text,
                             'tierName', (select name from loyalty_tiers where id = p_to)),
          p_now, 'success', ${QUIET}, 'hub', '["tier"]', now());
end $fn$;

-- Judges the customer's tier now; a change is written (tier, history, event) in the caller's transaction.
create or replace function tier_evaluate(p_scheme uuid, p_customer uuid, p_reason text, p_now timestamptz) returns jsonb
language plpgsql as $fn$
declare v_cur customer_tiers; v_accrual bigint; v_to uuid;
begin
  if not exists (select 1 from loyalty_tiers where scheme_id = p_scheme) then return null; end if;
  insert into customer_tiers (customer_id, scheme_id, tier_id, source, updated_at) values (p_customer, p_scheme, null, 'accrual', p_now)
  on conflict (customer_id) do nothing;
  select * into v_cur from customer_tiers where customer_id = p_customer for update;
  if v_cur.source = 'manual' and (v_cur.expires_at is null or v_cur.expires_at > p_now) then
    return jsonb_build_object('changed', false, 'held', true, 'tierId', v_cur.tier_id);
  end if;
  v_accrual := tier_customer_accrual(p_scheme, p_customer, p_now);
  select id into v_to from loyalty_tiers where scheme_id = p_scheme and active and min_required_points <= v_accrual order by tier_order desc limit 1;
  if v_to is null then select id into v_to from loyalty_tiers where scheme_id = p_scheme and active and is_default; end if;
  if v_to is not distinct from v_cur.tier_id and v_cur.source = 'accrual' then
    return jsonb_build_object('changed', false, 'tierId', v_to, 'accrual', v_accrual::text);
  end if;
  update customer_tiers set tier_id = v_to, source = 'accrual', expires_at = null, updated_at = p_now where customer_id = p_customer;
  if v_to is distinct from v_cur.tier_id then
    perform tier_record(p_scheme, p_customer, v_cur.tier_id, v_to, p_reason, v_accrual, p_now);
  end if;
  return jsonb_build_object('changed', v_to is distinct from v_cur.tier_id, 'tierId', v_to, 'previousTierId', v_cur.tier_id, 'accrual', v_accrual::text);
end $fn$;

-- A tier set by hand (the seed's "set member tier"): held until p_expires (null: until set again). Null tier: none.
create or replace function tier_set_manual(p_scheme uuid, p_customer uuid, p_tier uuid, p_expires timestamptz, p_now timestamptz) returns jsonb
language plpgsql as $fn$
declare v_from uuid;
begin
  insert into customer_tiers (customer_id, scheme_id, tier_id, source, updated_at) values (p_customer, p_scheme, null, 'accrual', p_now)
  on conflict (customer_id) do nothing;
  select tier_id into v_from from customer_tiers where customer_id = p_customer for update;
  update customer_tiers set tier_id = p_tier, source = 'manual', expires_at = p_expires, updated_at = p_now where customer_id = p_customer;
  if p_tier is distinct from v_from then
    perform tier_record(p_scheme, p_customer, v_from, p_tier, 'manual', null, p_now);
  end if;
  return jsonb_build_object('changed', p_tier is distinct from v_from, 'tierId', p_tier, 'previousTierId', v_from);
end $fn$;

-- The customers whose accrual one insert's transfers moved, judged again.
create or replace function tier_apply(p_rows transfers[]) returns void
language plpgsql set jit = off as $fn$
declare c record;
begin
  for c in select distinct w.scheme_id, w.customer_id
             from unnest(p_rows) n
             join ledger_accounts a on a.id = n.account_id and a.is_default
             join ledgers l on l.id = a.ledger_id and l.is_default
             join wallets w on w.id in (n.debit_wallet_id, n.credit_wallet_id) and w.kind = 'customer'
             join wallets o on o.id in (n.debit_wallet_id, n.credit_wallet_id) and o.owner_key = 'system:issuance'
            where n.status in ('posted', 'posted_from_pending')
              and exists (select 1 from loyalty_tiers lt where lt.scheme_id = n.scheme_id and lt.active)
            order by w.customer_id loop
    perform tier_evaluate(c.scheme_id, c.customer_id, 'accrual', now());
  end loop;
end $fn$;

-- The ledger's bookkeeping trigger (lots.sql.ts), now judging tiers too: lots first (a return's lots move before its
-- tier is judged), each behind its guard.
create or replace function ledger_track() returns trigger
language plpgsql set jit = off as $fn$
begin${TRACK_LOTS_STEP}
  if exists (select 1 from loyalty_tiers lt where lt.scheme_id in (select scheme_id from new_transfers) and lt.active) then
    perform tier_apply(array(select n::transfers from new_transfers n));
  end if;
  return null;
end $fn$;

-- The daily sweep's part: customers whose earned points left the window since the last sweep (the scheme keeps how
-- far it got; two days back the first time), and tiers set by hand whose time is up (the timers' backstop), judged
-- again — a page of them after p_after, each under its wallet's lock taken in the ledger's order (wallet id) before its
-- tier row, as a posting takes them. The page's last call moves the scheme's mark to p_cutoff.
create or replace function tier_sweep(p_scheme uuid, p_cutoff timestamptz, p_after uuid, p_max integer) returns jsonb
language plpgsql set jit = off as $fn$
declare v_months integer := tier_window_months(p_scheme); v_from timestamptz; v_account uuid; c record; v_n integer := 0; v_changed integer := 0; v_last uuid; v_r jsonb;
begin
  if not exists (select 1 from loyalty_tiers where scheme_id = p_scheme) then return jsonb_build_object('evaluated', 0, 'changed', 0); end if;
  select coalesce(tiers_swept_until, p_cutoff - interval '2 days') into v_from from schemes where id = p_scheme;
  select a.id into v_account from ledger_accounts a join ledgers l on l.id = a.ledger_id and l.is_default where a.scheme_id = p_scheme and a.is_default;
  for c in select w.id as wallet_id, w.customer_id from wallets w
            where w.account_id = v_account and w.kind = 'customer' and w.id > coalesce(p_after, '00000000-0000-0000-0000-000000000000')
              and w.customer_id in (
                select cw.customer_id from transfers t join wallets cw on cw.id = t.credit_wallet_id and cw.kind = 'customer'
                 where v_months is not null and t.account_id = v_account and t.status in ('posted', 'posted_from_pending')
                   and t.created_at >= v_from - make_interval(months => v_months) and t.created_at < p_cutoff - make_interval(months => v_months)
                union
                select customer_id from customer_tiers where scheme_id = p_scheme and source = 'manual' and expires_at <= p_cutoff)
            order by w.id limit p_max loop
    perform 1 from wallets where id = c.wallet_id for no key update;
    v_r := tier_evaluate(p_scheme, c.customer_id, 'window', p_cutoff);
    v_n := v_n + 1;
    v_last := c.wallet_id;
    if (v_r->>'changed')::boolean then v_changed := v_changed + 1; end if;
  end loop;
  if v_n < p_max then update schemes set tiers_swept_until = greatest(coalesce(tiers_swept_until, p_cutoff), p_cutoff) where id = p_scheme; end if;
  return jsonb_build_object('evaluated', v_n, 'changed', v_changed, 'last', v_last);
end $fn$;
`;

export const TIERS_DROP_SQL = `
${LEDGER_TRACK_LOTS_SQL}
drop function if exists tier_sweep(uuid, timestamptz, uuid, integer), tier_apply(transfers[]), tier_set_manual(uuid, uuid, uuid, timestamptz, timestamptz),
  tier_evaluate(uuid, uuid, text, timestamptz), tier_record(uuid, uuid, uuid, uuid, text, bigint, timestamptz),
  tier_customer_accrual(uuid, uuid, timestamptz), tier_window_months(uuid), tier_accrual(uuid, timestamptz);
`;
