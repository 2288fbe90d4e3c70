import { log } from '@temporalio/activity';
import type { HubEvent } from '../domain/events/hub-event';
import type { ReferralRepository, ReferralStore } from '../domain/referrals/ports';
import { closeReferral, expireReferral, reverseReferral, rewardReferral } from '../domain/referrals/payout';
import type { Referral } from '../domain/referrals/types';
import { NotFoundError } from '../domain/errors';
import type { ReferCustomerInput } from '../workflows/contracts/referrals';
import { withFailureMapping } from './failures';

export interface ReferralActivityDeps {
  referrals: ReferralRepository;
  referralStore: ReferralStore;
}

/** Each step is one transaction whose outcome is a row state, so a retried step answers what the first did. */
export function createReferralActivities({ referrals, referralStore }: ReferralActivityDeps) {
  return {
    attachReferral: withFailureMapping(async (input: ReferCustomerInput): Promise<Referral> => {
      const referral = await referrals.attach(input.schemeId, input.customerId, input.code);
      log.info('referral attached', { referralId: referral.id, programId: referral.programId });
      return referral;
    }),
    referralOf: withFailureMapping(async (input: { schemeId: string; customerId: string }): Promise<Referral | null> => referrals.forCustomer(input.schemeId, input.customerId)),
    rewardReferral: withFailureMapping(async (input: { referralId: string; event: HubEvent }): Promise<Referral> => {
      const referral = await rewardReferral(referralStore, input.referralId, input.event);
      log.info('referral rewarded', { referralId: referral.id, referrerPaid: referral.referrerPaid, referredPaid: referral.referredPaid });
      return referral;
    }),
    expireReferral: withFailureMapping(async (input: { referralId: string }): Promise<Referral> => expireReferral(referralStore, input.referralId)),
    reverseReferral: withFailureMapping(async (input: { referralId: string; returnKey: string }): Promise<Referral> => {
      const referral = await reverseReferral(referralStore, input.referralId, input.returnKey);
      log.info('referral reversed', { referralId: referral.id, reversal: referral.reversal });
      return referral;
    }),
    closeReferral: withFailureMapping(async (input: { referralId: string }): Promise<Referral> => closeReferral(referralStore, input.referralId)),
    getReferral: withFailureMapping(async (input: { referralId: string }): Promise<Referral> => {
      const found = await referrals.get(input.referralId);
      if (!found) throw new NotFoundError('Referral');
      return found;
    }),
  };
}

export type ReferralActivities = ReturnType<typeof createReferralActivities>;
