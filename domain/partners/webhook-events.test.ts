import { hubOrigin, planWebhookEvent } from './webhook-events';

describe('planWebhookEvent', () => {
  it('reads Loyalty+ check-ins and adjustments as points for the linked customer', () => {
    expect(planWebhookEvent('loyaltyplus', 'points.awarded', { customerId: 'lp-1', pointsAwarded: 25, totalPoints: 125 }, {})).toEqual({ action: 'points', externalCustomerId: 'lp-1', points: 25n, reason: 'points.awarded' });
    expect(planWebhookEvent('loyaltyplus', 'points.adjusted', { customerId: 'lp-1', adjustment: -50, reason: 'Refund' }, {})).toEqual({ action: 'points', externalCustomerId: 'lp-1', points: -50n, reason: 'Refund' });
    expect(planWebhookEvent('loyaltyplus', 'points.adjusted', { customerId: 'lp-1', adjustment: 0 }, {})).toMatchObject({ action: 'ignore' });
    expect(planWebhookEvent('loyaltyplus', 'points.adjusted', { customerId: 'lp-1', adjustment: 1.5 }, {})).toMatchObject({ action: 'ignore' });
  });

  it('turns Coupontools stamps into points only when the connection prices a stamp', () => {
    expect(planWebhookEvent('coupontools', 'stamps.added', { userId: 'u1', amount: 2 }, { pointsPerStamp: 10 })).toEqual({ action: 'points', externalCustomerId: 'u1', points: 20n, reason: 'stamps.added' });
    expect(planWebhookEvent('coupontools', 'stamps.added', { userId: 'u1', amount: 2 }, {})).toMatchObject({ action: 'ignore' });
  });

  it('maps customer updates and blocks to hub changes', () => {
    expect(planWebhookEvent('loyaltyplus', 'customer.updated', { id: 'lp-1', name: 'Jane Doe', phone: '+353987654321', status: 'ACTIVE' }, {})).toEqual({
      action: 'customer',
      externalCustomerId: 'lp-1',
      changes: { firstName: 'Jane', lastName: 'Doe', phone: '+353987654321', status: 'ACTIVE' },
    });
    expect(planWebhookEvent('coupontools', 'customer.blocked', { userId: 'u1' }, {})).toEqual({ action: 'customer', externalCustomerId: 'u1', changes: { status: 'BLOCKED' } });
    expect(planWebhookEvent('loyale', 'customer.updated', { id: 'c1', firstName: 'Ana', email: 'ana@example.test' }, {})).toMatchObject({ changes: { firstName: 'Ana', email: 'ana@example.test' } });
  });

  it('registers a customer a partner created (its barcode kept when it sends one)', () => {
    expect(planWebhookEvent('loyaltyplus', 'customer.created', { id: 'lp-5', name: 'John Doe', phone: '+353123456789', status: 'ACTIVE' }, {})).toEqual({
      action: 'register',
      externalCustomerId: 'lp-5',
      customer: { firstName: 'John', lastName: 'Doe', phone: '+353123456789' },
    });
    expect(planWebhookEvent('loyale', 'customer.created', { id: 'c9', firstName: 'Ana', barCode: '3860358623507' }, {})).toMatchObject({ customer: { firstName: 'Ana', barcode: '3860358623507' } });
  });

  it('ignores what the hub does not keep, with a reason', () => {
    expect(planWebhookEvent('coupontools', 'reward.used', { userId: 'u1', reward_ids: [1] }, {})).toMatchObject({ action: 'ignore' });
    expect(planWebhookEvent('loyaltyplus', 'points.awarded', { pointsAwarded: 5 }, {})).toEqual({ action: 'ignore', reason: 'the event names no customer' });
  });
});

describe('hubOrigin', () => {
  it("recognises the hub's own sync reasons and an echoed origin", () => {
    expect(hubOrigin({ reason: 'Sale t-1' })).toEqual({ kind: 'sale', key: 't-1' });
    expect(hubOrigin({ reason: 'Return r/2' })).toEqual({ kind: 'return', key: 'r/2' });
    expect(hubOrigin({ origin: 'loyalty-hub' })).toBe('origin');
    expect(hubOrigin({ reason: 'Refund for cancelled order' })).toBeNull();
  });
});
