import { randomUUID } from 'node:crypto';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../domain/errors';
import { normalizeCode } from '../../domain/referrals/codes';
import { referralWorkflowId } from '../../domain/referrals/ids';
import { isSelfReferral, programClosedReason, type Person } from '../../domain/referrals/rules';
import type { Referral, ReferralTerms } from '../../domain/referrals/types';
import type { Query } from '../ledger/ledger-engine';
import { referralSelect, toProgram, toReferral, type CodeRow, type ProgramRow, type ReferralRow } from './rows';

const path = 'body.referralCode';

/**
 * Makes a referral inside the caller's transaction: the registration's (so a
 * refused code creates no customer) or its own. The limits are decided by the
 * rows, not by reads: the code's use count moves only by a conditional update
 * against `max_per_code`, one referral per referred customer is a unique
 * constraint, and any refusal rolls the whole transaction back.
 */
export async function attachReferralIn(q: Query, input: { schemeId: string; referredCustomerId: string; code: string; atRegistration: boolean }): Promise<Referral> {
  const { schemeId, referredCustomerId } = input;
  const code = normalizeCode(input.code);
  const [found] = await q<CodeRow>('select * from referral_codes where scheme_id = ? and code = ?', [schemeId, code]);
  if (!found) throw new BusinessRuleError('Unknown referral code', [{ path, message: code }]);
  // Shared lock: a programme edit waits for the referrals being made under its current terms.
  const [programRow] = await q<ProgramRow>('select * from referral_programs where id = ? for share', [found.program_id]);
  const program = toProgram(programRow as ProgramRow);

  // A retried attach finds its own referral; another code for a referred customer is refused (the unique constraint decides the race).
  const [existing] = await q<ReferralRow>(`${referralSelect} where r.scheme_id = ? and r.referred_customer_id = ?`, [schemeId, referredCustomerId]);
  if (existing) {
    if (existing.code_id === found.id) return toReferral(existing);
    throw new ConflictError('The customer has already been referred', [{ path, message: 'one referrer per customer' }]);
  }

  const closed = programClosedReason(program, new Date());
  if (closed) throw new BusinessRuleError(closed, [{ path, message: code }]);
  if (!input.atRegistration) {
    if (program.eventType === 'member-created') {
      throw new ConflictError('This programme rewards sign-up: its code must be given when the customer registers', [{ path: 'body.code', message: 'too late' }]);
    }
    const [bought] = await q('select 1 from sales where scheme_id = ? and customer_id = ? limit 1', [schemeId, referredCustomerId]);
    if (bought) throw new ConflictError('The customer has already made a purchase; a referral must come before it', [{ path: 'body.code', message: 'too late' }]);
  }

  const people = await q<Person & { status: string }>('select id, email, phone, status from customers where scheme_id = ? and id in (?, ?)', [schemeId, found.customer_id, referredCustomerId]);
  const referrer = people.find((p) => p.id === found.customer_id);
  const referred = people.find((p) => p.id === referredCustomerId);
  if (!referred) throw new NotFoundError('Customer');
  if (!referrer || referrer.status !== 'ACTIVE') throw new BusinessRuleError('The referrer cannot refer customers (blocked or removed)', [{ path, message: code }]);
  if (isSelfReferral(referrer, referred)) throw new BusinessRuleError('A customer cannot refer themselves (same customer, email or phone)', [{ path, message: code }]);

  // Only a hint, since rewards can only grow: the limit itself is enforced when a reward is paid.
  const [stats] = await q<{ rewarded: string }>('select rewarded from referral_referrers where program_id = ? and customer_id = ?', [program.id, referrer.id]);
  if (stats && BigInt(stats.rewarded) >= BigInt(program.maxReferralsPerMember)) {
    throw new ConflictError(`The referrer has reached the programme's limit of ${program.maxReferralsPerMember} rewarded referrals`, [{ path, message: 'maxReferralsPerMember' }]);
  }
  const [taken] = await q<{ uses: number }>('update referral_codes set uses = uses + 1 where id = ? and uses < ? returning uses', [found.id, program.maxPerCode]);
  if (!taken) throw new ConflictError(`The referral code has been used the maximum ${program.maxPerCode} times`, [{ path, message: 'maxPerCode' }]);

  const terms: ReferralTerms = {
    eventType: program.eventType,
    minPurchaseMinor: program.minPurchaseMinor == null ? null : String(program.minPurchaseMinor),
    referrerPoints: String(program.referrerPointsAccrual),
    referredPoints: String(program.referredPointsAccrual),
    reverseOnReturn: program.reverseOnReturn,
  };
  const [row] = await q<ReferralRow>(
    `insert into referrals (id, scheme_id, program_id, code_id, referrer_customer_id, referred_customer_id, status, terms, expires_at, workflow_id, created_at)
     values (?, ?, ?, ?, ?, ?, 'PENDING', ?::jsonb, now() + make_interval(secs => ?), ?, now())
     on conflict (scheme_id, referred_customer_id) do nothing returning *`,
    [randomUUID(), schemeId, program.id, found.id, referrer.id, referredCustomerId, JSON.stringify(terms), program.qualifyWithinSeconds,
      referralWorkflowId(schemeId, program.id, referredCustomerId)],
  );
  if (!row) throw new ConflictError('The customer has already been referred', [{ path, message: 'one referrer per customer' }]);
  return toReferral({ ...row, code });
}
