import type { HoldStatus } from './contracts/holds';
import { checkRedeem, checkRemove, holdView } from './hold-rules';

const input = { schemeId: 's', uniqueId: 'h-1', requestHash: 'x', outletId: 'o', expiresInSeconds: 60 };
const viewIn = (status: HoldStatus, pointsHeld = '300') => {
  const { view, set } = holdView(input);
  set({ status, pointsHeld });
  return view;
};
const typeOf = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as { type?: string }).type;
  }
};

describe('checkRedeem', () => {
  it('lets a held hold be redeemed for 1 … the points held, or all', () => {
    expect(typeOf(() => checkRedeem(viewIn('HELD'), null, undefined))).toBe('ok');
    expect(typeOf(() => checkRedeem(viewIn('HELD'), null, '1'))).toBe('ok');
    expect(typeOf(() => checkRedeem(viewIn('HELD'), null, '300'))).toBe('ok');
    for (const bad of ['0', '301', '-1', '1.5', 'abc', '9999999999999999']) expect(typeOf(() => checkRedeem(viewIn('HELD'), null, bad))).toBe('business_rule_violated');
  });

  it('passes a repeat of the redeem in progress or done, and refuses any other as a conflict', () => {
    expect(typeOf(() => checkRedeem(viewIn('REDEEMING'), '100', '100'))).toBe('ok');
    expect(typeOf(() => checkRedeem(viewIn('REDEEMED'), 'all', undefined))).toBe('ok');
    expect(typeOf(() => checkRedeem(viewIn('REDEEMED'), '100', '5'))).toBe('conflict');
    for (const status of ['PLACING', 'REMOVING', 'REMOVED', 'EXPIRING', 'EXPIRED', 'REFUSED'] as HoldStatus[]) expect(typeOf(() => checkRedeem(viewIn(status), null, undefined))).toBe('conflict');
  });
});

describe('checkRemove', () => {
  it('lets a held hold be removed, and a removal be repeated; a redeemed or expired one is a conflict', () => {
    for (const status of ['HELD', 'REMOVING', 'REMOVED'] as HoldStatus[]) expect(typeOf(() => checkRemove(viewIn(status)))).toBe('ok');
    for (const status of ['REDEEMING', 'REDEEMED', 'EXPIRING', 'EXPIRED', 'REFUSED'] as HoldStatus[]) expect(typeOf(() => checkRemove(viewIn(status)))).toBe('conflict');
  });
});
