import { codesOf, describe as describeLine, pointsReasons, reasonOf } from './history';

describe('reasonOf', () => {
  it.each([
    ['earn', 'sale'],
    ['earn_activate', 'sale'],
    ['redeem', 'redemption'],
    ['hold_capture', 'hold'],
    ['return_expired', 'return'],
    ['referral_referred_reversal', 'referral'],
    ['mission_reward', 'mission'],
    ['expiry', 'expiry'],
    ['mint', 'adjustment'],
    ['partner_points', 'adjustment'],
    ['anything-a-client-chose', 'adjustment'],
    ['constructor', 'adjustment'],
  ])('%s → %s', (code, reason) => expect(reasonOf(code)).toBe(reason));

  it('codesOf is its inverse for every reason', () => {
    for (const reason of pointsReasons) {
      const { codes, except } = codesOf(reason);
      if (except) expect(codes.every((c) => reasonOf(c) !== 'adjustment')).toBe(true);
      else expect(codes.length > 0 && codes.every((c) => reasonOf(c) === reason)).toBe(true);
    }
  });
});

describe('describe', () => {
  it('keeps a posted description and names holds that were posted without one', () => {
    expect(describeLine({ reason: 'sale', code: 'earn', status: 'posted', description: 'Sale 4711', externalId: '4711' })).toBe('Sale 4711');
    expect(describeLine({ reason: 'hold', code: 'hold', status: 'pending', description: null, externalId: 'h-1' })).toBe('Points held h-1');
    expect(describeLine({ reason: 'hold', code: 'hold_void', status: 'voided', description: null, externalId: null })).toBe('Hold released');
    expect(describeLine({ reason: 'adjustment', code: 'mint', status: 'posted', description: null, externalId: null })).toBe('Adjustment');
  });
});
