import { NotFoundError } from '../../domain/errors';
import type { ReferralStore, ReferralTransaction } from '../../domain/referrals/ports';
import { queryIn, type LedgerEngine } from '../ledger/ledger-engine';
import { walletsFor } from '../ledger/customer-wallets';
import { lockAvailable } from '../ledger/wallet-locks';
import type { Orm } from '../orm';
import { schemeSettings } from '../returns/return-state';
import { referralSelect, toReferral, type ReferralRow } from './rows';

/** A referral's payout reads and writes in one transaction; `domain/referrals/payout.ts` decides. */
export class PgReferralStore implements ReferralStore {
  constructor(
    private readonly orm: Orm,
    private readonly ledger: LedgerEngine,
  ) {}

  transaction<T>(fn: (tx: ReferralTransaction) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional(async (em) => {
      const q = queryIn(em);
      /** The referral after an update, with its code (the update's RETURNING has no join). */
      const after = async (sql: string, params: unknown[], code: string) => {
        const [row] = await q<ReferralRow>(sql, params);
        return toReferral({ ...(row as ReferralRow), code });
      };
      const codeOf = new Map<string, string>();
      const tx: ReferralTransaction = {
        lock: async (referralId) => {
          await q("set local lock_timeout = '3s'");
          const [row] = await q<ReferralRow>(`${referralSelect} where r.id = ? for update of r`, [referralId]);
          if (!row) throw new NotFoundError('Referral');
          codeOf.set(row.id, row.code ?? '');
          return toReferral(row);
        },
        program: async (programId) => {
          const [p] = await q<{ max_referrals_per_member: string; referrer_account_id: string | null; referred_account_id: string | null }>(
            'select max_referrals_per_member, referrer_account_id, referred_account_id from referral_programs where id = ?',
            [programId],
          );
          return { maxReferralsPerMember: String(p?.max_referrals_per_member), referrerAccountId: p?.referrer_account_id ?? null, referredAccountId: p?.referred_account_id ?? null };
        },
        claimReferrerSlot: async (programId, customerId, max) => {
          const [slot] = await q(
            `insert into referral_referrers (program_id, customer_id, rewarded) values (?, ?, 1)
             on conflict (program_id, customer_id) do update set rewarded = referral_referrers.rewarded + 1 where referral_referrers.rewarded < ? returning rewarded`,
            [programId, customerId, max],
          );
          return slot !== undefined;
        },
        releaseReferrerSlot: async (programId, customerId) => {
          await q('update referral_referrers set rewarded = rewarded - 1 where program_id = ? and customer_id = ? and rewarded > 0', [programId, customerId]);
        },
        wallets: (schemeId, accountId, customerId) => walletsFor(q, schemeId, accountId, customerId),
        lockAvailable: (schemeId, walletIds) => lockAvailable(q, schemeId, walletIds),
        returnPolicy: async (schemeId) => (await schemeSettings(q, schemeId)).policy,
        post: (req) => this.ledger.applyWithin(em, req),
        qualified: (referralId, p) =>
          after(
            `update referrals set status = 'QUALIFIED', qualified_at = now(), referrer_paid = ?, referred_paid = ?, note = ?, qualifying_event_key = ?, qualifying_sale_id = ?
              where id = ? returning *`,
            [p.referrerPaid.toString(), p.referredPaid.toString(), p.note, p.eventKey, p.saleId, referralId],
            codeOf.get(referralId) as string,
          ),
        reversed: (referralId, reversal) =>
          after(`update referrals set status = 'REVERSED', closed_at = now(), reversal = ?::jsonb where id = ? returning *`, [JSON.stringify(reversal), referralId], codeOf.get(referralId) as string),
        expired: async (referral) => {
          await q('update referral_codes set uses = uses - 1 where id = ? and uses > 0', [referral.codeId]);
          return after(`update referrals set status = 'EXPIRED', closed_at = now() where id = ? returning *`, [referral.id], referral.code);
        },
        closed: (referralId) => after('update referrals set closed_at = now() where id = ? returning *', [referralId], codeOf.get(referralId) as string),
      };
      return fn(tx);
    });
  }
}
