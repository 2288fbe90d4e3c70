import { BusinessRuleError, ConflictError, NotFoundError } from '../errors';
import { normalizeCode } from './codes';
import { referralWorkflowId } from './ids';
import type { AttachTransaction } from './ports';
import { isSelfReferral, notInAudience, programClosedReason } from './rules';
import type { Referral, ReferralTerms } from './types';

const path = 'body.referralCode';

/**
 * Makes a referral: the code, the programme's state, the customer's
 * eligibility, the referrer's standing, then the code's use and the referral
 * row — each limit decided by the database (see AttachTransaction). Any
 * refusal throws, and the caller's transaction rolls everything back.
 */
export async function attachReferral(tx: AttachTransaction, input: { schemeId: string; referredCustomerId: string; code: string; atRegistration: boolean }, now = new Date()): Promise<Referral> {
  const { schemeId, referredCustomerId } = input;
  const code = normalizeCode(input.code);
  const found = await tx.code(schemeId, code);
  if (!found) throw new BusinessRuleError('Unknown referral code', [{ path, message: code }]);
  const program = await tx.program(found.programId);

  // A retried attach finds its own referral; another code for a referred customer is refused.
  const existing = await tx.referralOf(schemeId, referredCustomerId);
  if (existing) {
    if (existing.codeId === found.id) return existing;
    throw new ConflictError('The customer has already been referred', [{ path, message: 'one referrer per customer' }]);
  }

  const closed = programClosedReason(program, now);
  if (closed) throw new BusinessRuleError(closed, [{ path, message: code }]);
  if (!input.atRegistration) {
    if (program.eventType === 'member-created') throw new ConflictError('This programme rewards sign-up: its code must be given when the customer registers', [{ path: 'body.code', message: 'too late' }]);
    if (await tx.hasPurchased(schemeId, referredCustomerId)) throw new ConflictError('The customer has already made a purchase; a referral must come before it', [{ path: 'body.code', message: 'too late' }]);
  }

  const people = await tx.people(schemeId, [found.customerId, referredCustomerId]);
  const referrer = people.find((p) => p.id === found.customerId);
  const referred = people.find((p) => p.id === referredCustomerId);
  if (!referred) throw new NotFoundError('Customer');
  if (!referrer || referrer.status !== 'ACTIVE') throw new BusinessRuleError('The referrer cannot refer customers (blocked or removed)', [{ path, message: code }]);
  if (isSelfReferral(referrer, referred)) throw new BusinessRuleError('A customer cannot refer themselves (same customer, email or phone)', [{ path, message: code }]);
  // Judged as the code is taken: a referrer who left the audience since the code was made cannot bring anyone in.
  if (program.audienceId && !(await tx.inAudience(schemeId, program.audienceId, referrer.id))) throw notInAudience(path);

  // Only a hint, since rewards can only grow: the limit itself is enforced when a reward is paid.
  if ((await tx.rewardedCount(program.id, referrer.id)) >= BigInt(program.maxReferralsPerMember)) {
    throw new ConflictError(`The referrer has reached the programme's limit of ${program.maxReferralsPerMember} rewarded referrals`, [{ path, message: 'maxReferralsPerMember' }]);
  }
  if (!(await tx.takeCodeUse(found.id, program.maxPerCode))) throw new ConflictError(`The referral code has been used the maximum ${program.maxPerCode} times`, [{ path, message: 'maxPerCode' }]);

  const terms: ReferralTerms = {
    eventType: program.eventType,
    minPurchaseMinor: program.minPurchaseMinor == null ? null : String(program.minPurchaseMinor),
    referrerPoints: String(program.referrerPointsAccrual),
    referredPoints: String(program.referredPointsAccrual),
    reverseOnReturn: program.reverseOnReturn,
  };
  const made = await tx.insertReferral({ schemeId, programId: program.id, codeId: found.id, code, referrerCustomerId: referrer.id, referredCustomerId, terms, qualifyWithinSeconds: program.qualifyWithinSeconds, workflowId: referralWorkflowId(schemeId, program.id, referredCustomerId) });
  if (!made) throw new ConflictError('The customer has already been referred', [{ path, message: 'one referrer per customer' }]);
  return made;
}
