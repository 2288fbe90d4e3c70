import { randomUUID } from 'node:crypto';
import type { AttachTransaction } from '../../domain/referrals/ports';
import { inAudienceNow } from '../audiences/membership';
import type { Query } from '../ledger/ledger-engine';
import { referralSelect, toProgram, toReferral, type CodeRow, type ProgramRow, type ReferralRow } from './rows';

/** Making a referral's reads and writes on the caller's transaction (`domain/referrals/attach.ts` decides). */
export function attachTransactionIn(q: Query): AttachTransaction {
  return {
    code: async (schemeId, code) => {
      const [found] = await q<CodeRow>('select * from referral_codes where scheme_id = ? and code = ?', [schemeId, code]);
      return found ? { id: found.id, programId: found.program_id, customerId: found.customer_id } : null;
    },
    program: async (programId) => {
      const [row] = await q<ProgramRow>('select * from referral_programs where id = ? for share', [programId]);
      return toProgram(row as ProgramRow);
    },
    inAudience: (schemeId, audienceId, customerId) => inAudienceNow(q, schemeId, audienceId, customerId),
    referralOf: async (schemeId, referredCustomerId) => {
      const [row] = await q<ReferralRow>(`${referralSelect} where r.scheme_id = ? and r.referred_customer_id = ?`, [schemeId, referredCustomerId]);
      return row ? toReferral(row) : null;
    },
    hasPurchased: async (schemeId, customerId) => (await q('select 1 from sales where scheme_id = ? and customer_id = ? limit 1', [schemeId, customerId])).length > 0,
    people: (schemeId, ids) => q('select id, email, phone, status from customers where scheme_id = ? and id in (?, ?)', [schemeId, ids[0], ids[1]]),
    rewardedCount: async (programId, customerId) => {
      const [stats] = await q<{ rewarded: string }>('select rewarded from referral_referrers where program_id = ? and customer_id = ?', [programId, customerId]);
      return BigInt(stats?.rewarded ?? 0);
    },
    takeCodeUse: async (codeId, maxPerCode) => (await q('update referral_codes set uses = uses + 1 where id = ? and uses < ? returning uses', [codeId, maxPerCode])).length > 0,
    insertReferral: async (r) => {
      const [row] = await q<ReferralRow>(
        `insert into referrals (id, scheme_id, program_id, code_id, referrer_customer_id, referred_customer_id, status, terms, expires_at, workflow_id, created_at)
         values (?, ?, ?, ?, ?, ?, 'PENDING', ?::jsonb, now() + make_interval(secs => ?), ?, now())
         on conflict (scheme_id, referred_customer_id) do nothing returning *`,
        [randomUUID(), r.schemeId, r.programId, r.codeId, r.referrerCustomerId, r.referredCustomerId, JSON.stringify(r.terms), r.qualifyWithinSeconds, r.workflowId],
      );
      return row ? toReferral({ ...row, code: r.code }) : null;
    },
  };
}
