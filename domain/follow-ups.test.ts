import { afterRegistration, afterReturn, partnerSyncStep, returnEvent } from './follow-ups';
import type { Referral } from './referrals/types';

const event = { schemeId: 's1', key: 'customer/c1/created', type: 'member-created', customerId: 'c1', occurredAt: 't', payload: {} };
const referral = { id: 'r1', schemeId: 's1', referredCustomerId: 'c1', code: 'ABCD', workflowId: 'referral/s1/p1/c1', expiresAt: 'later', terms: {} } as unknown as Referral;

describe('follow-ups', () => {
  it('a registration: the referral first (it must listen before the event reaches it), then the sync, then the event', () => {
    const batch = afterRegistration({ schemeId: 's1', customerId: 'c1', referral, connected: ['customer'], event, listening: true });
    expect(batch).toMatchObject({ key: 'customer/c1/created', lane: 'c1' });
    expect(batch?.steps.map((s) => s.kind)).toEqual(['referral', 'partnerSync', 'hubEvent']);
  });

  it('a registration from a partner is not synced back to it; a quiet one with nothing connected has no follow-ups', () => {
    const batch = afterRegistration({ schemeId: 's1', customerId: 'c1', referral: null, connected: ['customer'], originConnectionId: 'conn1', event, listening: false });
    expect(batch?.steps).toEqual([{ kind: 'partnerSync', schemeId: 's1', sync: 'customer', operationKey: 'c1:created', customerId: 'c1', exceptConnectionId: 'conn1' }]);
    expect(afterRegistration({ schemeId: 's1', customerId: 'c1', referral: null, connected: [], event, listening: false })).toBeNull();
  });

  it('a return is always delivered (rollbacks listen for it), and synced when a connection forwards returns', () => {
    const e = returnEvent({ schemeId: 's1', returnUniqueId: 'r1', saleUniqueId: 'u1', customerId: 'c1', pointsDeducted: 60, fullyReturned: true, occurredAt: 't' });
    expect(e).toMatchObject({ key: 'return/r1', type: 'member-purchase-order-returned', payload: { pointsDeducted: '60', fullyReturned: true } });
    expect(returnEvent({ schemeId: 's1', returnUniqueId: 'r1', saleUniqueId: 'u1', customerId: 'c1', pointsDeducted: 6, fullyReturned: false, occurredAt: 't' }).type).toBe('member-purchase-order-partially-returned');
    expect(afterReturn({ schemeId: 's1', returnUniqueId: 'r1', customerId: 'c1', connected: [], event: e })?.steps.map((s) => s.kind)).toEqual(['hubEvent']);
    expect(afterReturn({ schemeId: 's1', returnUniqueId: 'r1', customerId: 'c1', connected: ['return'], event: e })?.steps.map((s) => s.kind)).toEqual(['partnerSync', 'hubEvent']);
  });

  it('syncs only what a connection forwards', () => {
    expect(partnerSyncStep(['sale'], { schemeId: 's1', sync: 'return', operationKey: 'x', customerId: 'c1' })).toEqual([]);
  });
});
