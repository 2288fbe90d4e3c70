/**
 * `ledger_plan`: domain/ledger/plan.ts in PL/pgSQL, rule for rule and message
 * for message (the equivalence property in test/ledger-equivalence.test.ts
 * holds them together). It reads what the engine loaded and locked and
 * returns the transfers and the touched wallets' new totals; it writes
 * nothing. A refusal is raised with SQLSTATE LH4xx, its message and its
 * details (JSON) — ledger_apply turns it into an answer.
 */
export const LEDGER_PLAN_SQL = `
create or replace function ledger_refuse(code text, message text, details jsonb default '[]') returns void
language plpgsql as $fn$
begin
  raise exception using errcode = code, message = message, detail = details::text;
end $fn$;

-- A wallet as a leg sees it: loaded, in the op's account, with the totals this request has given it so far.
create or replace function ledger_leg_wallet(wallets jsonb, totals jsonb, id text, account text) returns jsonb
language plpgsql immutable as $fn$
declare w jsonb := wallets->id;
begin
  if w is null then perform ledger_refuse('LH404', 'Wallet ' || coalesce(id, 'undefined')); end if;
  if w->>'account' <> account then
    perform ledger_refuse('LH400', 'Wallet belongs to another ledger account', jsonb_build_array(jsonb_build_object('path', 'walletId', 'message', id)));
  end if;
  return w || coalesce(totals->id, w->'totals');
end $fn$;

create or replace function ledger_leg(w jsonb, side text, amount numeric, pending boolean) returns jsonb
language sql immutable as $fn$
  select jsonb_build_object('dp', (w->>'dp')::numeric + case when side = 'debit' and not pending then amount else 0 end,
                            'cp', (w->>'cp')::numeric + case when side = 'credit' and not pending then amount else 0 end,
                            'dq', (w->>'dq')::numeric + case when side = 'debit' and pending then amount else 0 end,
                            'cq', (w->>'cq')::numeric + case when side = 'credit' and pending then amount else 0 end)
$fn$;

create or replace function ledger_plan(req jsonb, accounts jsonb, refs jsonb, wallets jsonb, now_ timestamptz) returns jsonb
language plpgsql stable as $fn$
declare
  max_amount constant numeric := 18446744073709;
  op jsonb; acc jsonb; ref jsonb; debit jsonb; credit jsonb;
  totals jsonb := '{}'; transfers jsonb := '[]'; resolved_here text[] := '{}'; reverted_here text[] := '{}';
  kind text; debit_id text; credit_id text; amount numeric; status text; extra jsonb; captured numeric; left_ numeric; outstanding numeric;
begin
  if jsonb_array_length(req->'ops') = 0 then perform ledger_refuse('LH400', 'A ledger request needs at least one operation'); end if;
  for op in select value from jsonb_array_elements(req->'ops') loop
    acc := accounts->(op->>'accountId');
    if acc is null then perform ledger_refuse('LH404', 'Ledger account'); end if;
    if not (acc->>'active')::boolean then perform ledger_refuse('LH422', 'The ledger account is not active'); end if;
    kind := op->>'type';
    extra := jsonb_build_object('pending_id', null, 'timeout_at', null, 'reversal_of', null, 'allow_overdraft', false);
    debit_id := null;

    if kind in ('transfer', 'mint', 'burn', 'revert') then
      amount := (op->>'amount')::numeric;
      status := case when coalesce((op->>'pending')::boolean, false) then 'pending' else 'posted' end;
      if kind = 'transfer' then
        debit_id := op->>'fromWalletId'; credit_id := op->>'toWalletId';
      elsif kind = 'mint' then
        debit_id := acc->>'issuance'; credit_id := op->>'walletId';
        if acc->>'maxSupply' is not null then
          debit := coalesce(totals->debit_id, wallets->debit_id->'totals');
          outstanding := (debit->>'dp')::numeric + (debit->>'dq')::numeric - (debit->>'cp')::numeric;
          if outstanding + amount > (acc->>'maxSupply')::numeric then
            perform ledger_refuse('LH422', format('Max supply reached: %s of %s issued, %s requested', outstanding, acc->>'maxSupply', amount),
                                  '[{"path": "amount", "message": "exceeds the account max supply"}]');
          end if;
        end if;
      elsif kind = 'burn' then
        debit_id := op->>'walletId'; credit_id := acc->>'redemption';
      else
        ref := refs->(op->>'transferId');
        if ref is null or ref->>'account_id' <> op->>'accountId' then perform ledger_refuse('LH404', 'Ledger transaction'); end if;
        if ref->>'status' not in ('posted', 'posted_from_pending') then perform ledger_refuse('LH422', 'Only a posted transaction can be reverted'); end if;
        if ref->>'reversal_of' is not null then perform ledger_refuse('LH422', 'A reversal cannot itself be reverted'); end if;
        if (ref->>'reversed')::boolean or (ref->>'id') = any(reverted_here) then perform ledger_refuse('LH409', 'This transaction was already reverted'); end if;
        reverted_here := reverted_here || (ref->>'id');
        amount := coalesce(amount, (ref->>'amount')::numeric);
        if amount <= 0 or amount > (ref->>'amount')::numeric then
          perform ledger_refuse('LH422', format('Reversal amount must be between 1 and the original %s', ref->>'amount'), '[{"path": "amount", "message": "out of bounds"}]');
        end if;
        debit_id := ref->>'credit_wallet_id'; credit_id := ref->>'debit_wallet_id'; status := 'posted';
        extra := extra || jsonb_build_object('reversal_of', ref->>'id');
      end if;
      if kind in ('transfer', 'burn') then
        extra := extra || jsonb_build_object('allow_overdraft', coalesce((op->>'allowOverdraft')::boolean, false), 'timeout_at', op->>'timeoutAt');
      end if;

      -- post(): the checks in the planner's order.
      if debit_id = credit_id then
        perform ledger_refuse('LH400', 'A transfer needs two different wallets', '[{"path": "toWalletId", "message": "same as fromWalletId"}]');
      end if;
      if amount <= 0 or amount > max_amount then
        perform ledger_refuse('LH400', format('Amount %s is outside what the ledger posts (1..%s)', amount, max_amount),
                              jsonb_build_array(jsonb_build_object('path', 'amount', 'message', 'must be between 1 and ' || max_amount)));
      end if;
      debit := ledger_leg_wallet(wallets, totals, debit_id, op->>'accountId');
      credit := ledger_leg_wallet(wallets, totals, credit_id, op->>'accountId');
      if debit->>'kind' in ('customer', 'giftcard') and not (extra->>'allow_overdraft')::boolean then
        left_ := (debit->>'cp')::numeric - (debit->>'dp')::numeric - (debit->>'dq')::numeric;
        if left_ < amount then
          perform ledger_refuse('LH402', format('Insufficient points: %s available, %s requested', greatest(left_, 0), amount),
                                jsonb_build_array(jsonb_build_object('path', 'amount', 'message', 'exceeds the available balance', 'available', greatest(left_, 0)::text, 'requested', amount::text)));
        end if;
      end if;
      totals := totals || jsonb_build_object(debit_id, ledger_leg(debit, 'debit', amount, status = 'pending'));
      totals := totals || jsonb_build_object(credit_id, ledger_leg(credit, 'credit', amount, status = 'pending'));
    else
      ref := refs->(op->>'pendingTransferId');
      if ref is null or ref->>'account_id' <> op->>'accountId' then perform ledger_refuse('LH404', 'Pending transfer'); end if;
      if ref->>'status' <> 'pending' then perform ledger_refuse('LH422', 'Only a pending transfer can be captured, voided or expired'); end if;
      if (ref->>'resolved')::boolean or (ref->>'id') = any(resolved_here) then
        perform ledger_refuse('LH409', 'This pending transfer was already captured, voided or expired');
      end if;
      if kind = 'capture' and ref->>'timeout_at' is not null and (ref->>'timeout_at')::timestamptz <= now_ then
        perform ledger_refuse('LH422', 'This hold has expired; it can only be voided or expired');
      end if;
      resolved_here := resolved_here || (ref->>'id');
      captured := 0;
      if kind = 'capture' then
        captured := coalesce((op->>'amount')::numeric, (ref->>'amount')::numeric);
        if captured <= 0 or captured > (ref->>'amount')::numeric then
          perform ledger_refuse('LH422', format('Capture amount must be between 1 and the %s held', ref->>'amount'), '[{"path": "captureAmount", "message": "out of bounds"}]');
        end if;
      end if;
      debit_id := ref->>'debit_wallet_id'; credit_id := ref->>'credit_wallet_id';
      debit := ledger_leg_wallet(wallets, totals, debit_id, op->>'accountId');
      credit := ledger_leg_wallet(wallets, totals, credit_id, op->>'accountId');
      amount := (ref->>'amount')::numeric;
      totals := totals || jsonb_build_object(debit_id, jsonb_build_object('dp', (debit->>'dp')::numeric + captured, 'cp', debit->'cp', 'dq', (debit->>'dq')::numeric - amount, 'cq', debit->'cq'));
      totals := totals || jsonb_build_object(credit_id, jsonb_build_object('dp', credit->'dp', 'cp', (credit->>'cp')::numeric + captured, 'dq', credit->'dq', 'cq', (credit->>'cq')::numeric - amount));
      status := case kind when 'capture' then 'posted_from_pending' when 'void' then 'voided' else 'expired' end;
      if kind = 'capture' then amount := captured; end if;
      extra := extra || jsonb_build_object('pending_id', ref->>'id');
    end if;

    transfers := transfers || jsonb_build_array(extra || jsonb_build_object(
      'account_id', op->>'accountId', 'debit_wallet_id', debit_id, 'credit_wallet_id', credit_id, 'amount', amount::text, 'status', status,
      'code', coalesce(op->>'code', kind), 'description', op->>'description', 'tags', coalesce(op->'tags', '[]'), 'metadata', coalesce(op->'metadata', '{}'),
      'external_id', op->>'externalId', 'external_event_date', op->>'externalEventDate'));
  end loop;
  return jsonb_build_object('transfers', transfers, 'totals', totals);
end $fn$;
`;
