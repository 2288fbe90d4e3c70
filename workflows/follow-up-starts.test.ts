import type { Referral } from '../domain/referrals/types';
import { followUpStart } from './follow-up-starts';

const event = { schemeId: 's1', key: 'customer/c1/created', type: 'member-created', customerId: 'c1', occurredAt: 't', payload: {} };
const referral = { id: 'r1', schemeId: 's1', referredCustomerId: 'c1', code: 'ABCD', workflowId: 'referral/s1/p1/c1', expiresAt: 'later', terms: {} } as unknown as Referral;

describe('followUpStart', () => {
  it('starts each follow-up under the id its workflow has always had, so a second start finds the first', () => {
    expect(followUpStart({ kind: 'pendingWindow', schemeId: 's1', uniqueId: 'u1', customerId: 'c1', activateAt: 't' })).toMatchObject({ workflowType: 'activatePendingPoints', workflowId: 'sale/s1/u1/pending-points' });
    expect(followUpStart({ kind: 'partnerSync', schemeId: 's1', sync: 'sale', operationKey: 'u1', customerId: 'c1' })).toMatchObject({ workflowType: 'dispatchPartnerSync', workflowId: 'sync-dispatch/s1/sale/u1' });
    expect(followUpStart({ kind: 'hubEvent', event })).toMatchObject({ workflowType: 'deliverHubEvent', workflowId: 'event/s1/customer/c1/created', args: [event] });
    expect(followUpStart({ kind: 'referral', referral })).toMatchObject({ workflowType: 'referral', workflowId: 'referral/s1/p1/c1' });
    expect(followUpStart({ kind: 'holdTimeout', schemeId: 's1', accountId: 'a1', transferId: 't1', timeoutAt: 'T' })).toMatchObject({ workflowType: 'expireLedgerHold', workflowId: 'ledger-hold/s1/t1/expiry', args: [{ schemeId: 's1', accountId: 'a1', transferId: 't1', timeoutAt: 'T' }] });
  });
});
