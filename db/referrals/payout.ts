import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubEvent, PurchasePayload } from '../../domain/events/hub-event';
import { NotFoundError } from '../../domain/errors';
import type { LedgerOp } from '../../domain/ledger/operations';
import { reversalOf } from '../../domain/referrals/rules';
import type { Referral } from '../../domain/referrals/types';
import { queryIn, type LedgerEngine, type Query } from '../ledger/ledger-engine';
import { walletsFor, type SideWallets } from '../ledger/customer-wallets';
import { lockAvailable } from '../ledger/wallet-locks';
import { schemeSettings } from '../returns/return-state';
import { referralSelect, toReferral, type ReferralRow } from './rows';

async function lockReferral(q: Query, referralId: string): Promise<ReferralRow> {
  await q("set local lock_timeout = '3s'");
  const [row] = await q<ReferralRow>(`${referralSelect} where r.id = ? for update of r`, [referralId]);
  if (!row) throw new NotFoundError('Referral');
  return row;
}

/**
 * Qualifies a PENDING referral and pays both sides in one atomic ledger set
 * keyed `referral/<id>/reward`, in the same transaction as the status change.
 * The referrer's slot is a conditional upsert against the programme's
 * `max_referrals_per_member`: past it the referred customer is still paid, the
 * referrer is not, and the referral says why.
 */
export async function rewardIn(em: EntityManager, ledger: LedgerEngine, referralId: string, event: HubEvent): Promise<Referral> {
  const q = queryIn(em);
  const row = await lockReferral(q, referralId);
  if (row.status !== 'PENDING') return toReferral(row);
  const [program] = await q<{ max_referrals_per_member: string; referrer_account_id: string | null; referred_account_id: string | null }>(
    'select max_referrals_per_member, referrer_account_id, referred_account_id from referral_programs where id = ?',
    [row.program_id],
  );
  let referrerPoints = BigInt(row.terms.referrerPoints);
  let note: string | null = null;
  if (referrerPoints > 0n) {
    const [slot] = await q(
      `insert into referral_referrers (program_id, customer_id, rewarded) values (?, ?, 1)
       on conflict (program_id, customer_id) do update set rewarded = referral_referrers.rewarded + 1 where referral_referrers.rewarded < ? returning rewarded`,
      [row.program_id, row.referrer_customer_id, program?.max_referrals_per_member],
    );
    if (!slot) {
      referrerPoints = 0n;
      note = `The referrer had already been rewarded for the programme's maximum of ${program?.max_referrals_per_member} referrals`;
    }
  }
  const referredPoints = BigInt(row.terms.referredPoints);
  const tracking = { externalId: event.key, description: `referral ${row.id}`, tags: ['referral'] };
  const ops: LedgerOp[] = [];
  if (referredPoints > 0n) {
    const w = await walletsFor(q, row.scheme_id, program?.referred_account_id ?? null, row.referred_customer_id);
    ops.push({ type: 'mint', accountId: w.accountId, walletId: w.customerWalletId, amount: referredPoints, code: 'referral_referred', ...tracking });
  }
  if (referrerPoints > 0n) {
    const w = await walletsFor(q, row.scheme_id, program?.referrer_account_id ?? null, row.referrer_customer_id);
    ops.push({ type: 'mint', accountId: w.accountId, walletId: w.customerWalletId, amount: referrerPoints, code: 'referral_referrer', ...tracking });
  }
  if (ops.length > 0) await ledger.applyWithin(em, { schemeId: row.scheme_id, systemUniqueKey: `referral/${row.id}/reward`, requestHash: row.id, ops });
  const payload = event.payload as Partial<PurchasePayload>;
  const [updated] = await q<ReferralRow>(
    `update referrals set status = 'QUALIFIED', qualified_at = now(), referrer_paid = ?, referred_paid = ?, note = ?, qualifying_event_key = ?, qualifying_sale_id = ?
      where id = ? returning *`,
    [referrerPoints.toString(), referredPoints.toString(), note, event.key, payload.uniqueId ?? null, row.id],
  );
  return toReferral({ ...(updated as ReferralRow), code: row.code });
}

/**
 * Takes both rewards back (keyed `referral/<id>/reversal`): each side's
 * points go back to issuance, all of them under `allow_negative`, what the
 * balance holds under `within_balance` (the rest recorded as shortfall).
 */
export async function reverseIn(em: EntityManager, ledger: LedgerEngine, referralId: string, returnKey: string): Promise<Referral> {
  const q = queryIn(em);
  const row = await lockReferral(q, referralId);
  if (row.status !== 'QUALIFIED') return toReferral(row);
  const { policy } = await schemeSettings(q, row.scheme_id);
  const [program] = await q<{ referrer_account_id: string | null; referred_account_id: string | null }>('select referrer_account_id, referred_account_id from referral_programs where id = ?', [row.program_id]);
  const sides = [
    { customerId: row.referred_customer_id, accountId: program?.referred_account_id ?? null, paid: BigInt(row.referred_paid), code: 'referral_referred_reversal' },
    { customerId: row.referrer_customer_id, accountId: program?.referrer_account_id ?? null, paid: BigInt(row.referrer_paid), code: 'referral_referrer_reversal' },
  ];
  const wallets = await Promise.all(sides.map((s) => walletsFor(q, row.scheme_id, s.accountId, s.customerId)));
  // Locked before reading the balances the policy decides on.
  const availableNow = await lockAvailable(q, row.scheme_id, wallets.flatMap((w) => [w.customerWalletId, w.issuanceWalletId]));
  const ops: LedgerOp[] = [];
  const taken: bigint[] = [];
  let shortfall = 0n;
  sides.forEach((side, i) => {
    const w = wallets[i] as SideWallets;
    const r = reversalOf(side.paid, availableNow.get(w.customerWalletId) ?? 0n, policy);
    taken.push(r.amount);
    shortfall += r.shortfall;
    if (r.amount > 0n) {
      ops.push({ type: 'transfer', accountId: w.accountId, fromWalletId: w.customerWalletId, toWalletId: w.issuanceWalletId, amount: r.amount, allowOverdraft: policy === 'allow_negative',
        code: side.code, externalId: returnKey, description: `referral ${row.id} reversed`, tags: ['referral'] });
    }
  });
  if (ops.length > 0) await ledger.applyWithin(em, { schemeId: row.scheme_id, systemUniqueKey: `referral/${row.id}/reversal`, requestHash: row.id, ops });
  // The referrer's rewarded count gives the slot back only when the referrer was paid for this one.
  if (BigInt(row.referrer_paid) > 0n) await q('update referral_referrers set rewarded = rewarded - 1 where program_id = ? and customer_id = ? and rewarded > 0', [row.program_id, row.referrer_customer_id]);
  const reversal = { referredReversed: String(taken[0]), referrerReversed: String(taken[1]), shortfall: shortfall.toString(), returnKey };
  const [updated] = await q<ReferralRow>(`update referrals set status = 'REVERSED', closed_at = now(), reversal = ?::jsonb where id = ? returning *`, [JSON.stringify(reversal), row.id]);
  return toReferral({ ...(updated as ReferralRow), code: row.code });
}

/** No qualifying event before the deadline: the referral lapses and its code use is given back. */
export async function expireIn(em: EntityManager, referralId: string): Promise<Referral> {
  const q = queryIn(em);
  const row = await lockReferral(q, referralId);
  if (row.status !== 'PENDING') return toReferral(row);
  await q('update referral_codes set uses = uses - 1 where id = ? and uses > 0', [row.code_id]);
  const [updated] = await q<ReferralRow>(`update referrals set status = 'EXPIRED', closed_at = now() where id = ? returning *`, [row.id]);
  return toReferral({ ...(updated as ReferralRow), code: row.code });
}

/** The qualifying sale's return window closed: nothing can reverse the referral any more. */
export async function closeIn(em: EntityManager, referralId: string): Promise<Referral> {
  const q = queryIn(em);
  const row = await lockReferral(q, referralId);
  if (row.status !== 'QUALIFIED' || row.closed_at) return toReferral(row);
  const [updated] = await q<ReferralRow>('update referrals set closed_at = now() where id = ? returning *', [row.id]);
  return toReferral({ ...(updated as ReferralRow), code: row.code });
}
