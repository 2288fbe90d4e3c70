import { isSelfReferral, programClosedReason, programProblems, qualifies, reversalOf } from './rules';
import { generatedCode, normalizeCode, CODE_PATTERN } from './codes';
import type { ReferralProgramInput } from './types';

const program: ReferralProgramInput = {
  name: 'Bring a friend',
  code: 'FRIENDS',
  active: true,
  maxPerCode: 5,
  maxReferralsPerMember: 10,
  eventType: 'member-purchase-order-confirmed',
  referrerPointsAccrual: 100,
  referredPointsAccrual: 50,
  qualifyWithinSeconds: 3600,
  reverseOnReturn: true,
  tags: [],
  customAttributes: {},
};

describe('programClosedReason', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  it('is open when active with no dates', () => expect(programClosedReason(program, now)).toBeNull());
  it('is closed when inactive', () => expect(programClosedReason({ ...program, active: false }, now)).toMatch(/not active/));
  it('opens exactly at validFromDate', () => {
    expect(programClosedReason({ ...program, validFromDate: '2026-06-15T12:00:00.001Z' }, now)).toMatch(/starts/);
    expect(programClosedReason({ ...program, validFromDate: '2026-06-15T12:00:00Z' }, now)).toBeNull();
  });
  it('closes exactly at validToDate', () => {
    expect(programClosedReason({ ...program, validToDate: '2026-06-15T12:00:00Z' }, now)).toMatch(/ended/);
    expect(programClosedReason({ ...program, validToDate: '2026-06-15T12:00:00.001Z' }, now)).toBeNull();
  });
});

describe('isSelfReferral', () => {
  const ada = { id: 'a', email: 'ada@example.com', phone: '+35699000001' };
  it('refuses the same customer', () => expect(isSelfReferral(ada, ada)).toBe(true));
  it('refuses a second account with the same email', () => expect(isSelfReferral(ada, { id: 'b', email: 'ada@example.com', phone: null })).toBe(true));
  it('refuses a second account with the same phone', () => expect(isSelfReferral(ada, { id: 'b', email: null, phone: '+35699000001' })).toBe(true));
  it('accepts someone else', () => expect(isSelfReferral(ada, { id: 'b', email: 'bob@example.com', phone: '+35699000002' })).toBe(false));
  it('does not match two missing emails or phones', () => {
    expect(isSelfReferral({ id: 'a', email: null, phone: null }, { id: 'b', email: null, phone: null })).toBe(false);
  });
});

describe('qualifies', () => {
  const purchase = (totalMinor: string) => ({ type: 'member-purchase-order-confirmed' as const, payload: { totalMinor } });
  it('needs the programme event type', () => {
    expect(qualifies({ eventType: 'member-created', minPurchaseMinor: null }, purchase('100'))).toBe(false);
    expect(qualifies({ eventType: 'member-created', minPurchaseMinor: null }, { type: 'member-created', payload: {} })).toBe(true);
  });
  it('takes any purchase without a minimum', () => expect(qualifies({ eventType: 'member-purchase-order-confirmed', minPurchaseMinor: null }, purchase('1'))).toBe(true));
  it('takes a purchase at the minimum, not one unit below', () => {
    const terms = { eventType: 'member-purchase-order-confirmed' as const, minPurchaseMinor: '2000' };
    expect(qualifies(terms, purchase('2000'))).toBe(true);
    expect(qualifies(terms, purchase('1999'))).toBe(false);
  });
  it('does not take a purchase without a total when a minimum is set', () => {
    expect(qualifies({ eventType: 'member-purchase-order-confirmed', minPurchaseMinor: '1' }, { type: 'member-purchase-order-confirmed', payload: {} })).toBe(false);
  });
  it('compares beyond 2^53 exactly', () => {
    const terms = { eventType: 'member-purchase-order-confirmed' as const, minPurchaseMinor: '9007199254740993' };
    expect(qualifies(terms, purchase('9007199254740992'))).toBe(false);
    expect(qualifies(terms, purchase('9007199254740993'))).toBe(true);
  });
});

describe('reversalOf', () => {
  it('takes everything under allow_negative', () => expect(reversalOf(100n, 10n, 'allow_negative')).toEqual({ amount: 100n, shortfall: 0n }));
  it('takes what is available under within_balance', () => expect(reversalOf(100n, 30n, 'within_balance')).toEqual({ amount: 30n, shortfall: 70n }));
  it('takes all when enough is available', () => expect(reversalOf(100n, 100n, 'within_balance')).toEqual({ amount: 100n, shortfall: 0n }));
  it('takes nothing from a negative balance', () => expect(reversalOf(100n, -5n, 'within_balance')).toEqual({ amount: 0n, shortfall: 100n }));
  it('has nothing to reverse when nothing was paid', () => expect(reversalOf(0n, 50n, 'allow_negative')).toEqual({ amount: 0n, shortfall: 0n }));
});

describe('programProblems', () => {
  it('accepts a sound programme', () => expect(programProblems(program)).toEqual([]));
  it('refuses validTo before validFrom', () => {
    expect(programProblems({ ...program, validFromDate: '2026-02-01T00:00:00Z', validToDate: '2026-01-01T00:00:00Z' })[0]?.path).toBe('body.validToDate');
  });
  it('refuses a minimum purchase on a sign-up programme', () => {
    expect(programProblems({ ...program, eventType: 'member-created', minPurchaseMinor: 100 })[0]?.path).toBe('body.minPurchaseMinor');
  });
  it('refuses a programme that rewards nobody', () => {
    expect(programProblems({ ...program, referrerPointsAccrual: 0, referredPointsAccrual: 0 })).toHaveLength(1);
  });
});

describe('referral codes', () => {
  it('generates 12 symbols in groups of four from the unambiguous alphabet', () => {
    const code = generatedCode(Uint8Array.from({ length: 12 }, (_, i) => i * 23));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(CODE_PATTERN.test(code)).toBe(true);
  });
  it('uses every symbol of the alphabet for the 32 low-bit values', () => {
    const seen = new Set<string>();
    for (let b = 0; b < 32; b += 12) {
      const code = generatedCode(Uint8Array.from({ length: 12 }, (_, i) => b + i)).replace(/-/g, '');
      for (const ch of code) seen.add(ch);
    }
    expect(seen.size).toBe(32);
    for (const ch of 'ILOU') expect(seen.has(ch)).toBe(false);
  });
  it('needs 12 random bytes', () => expect(() => generatedCode(new Uint8Array(11))).toThrow());
  it('normalises case and spaces', () => expect(normalizeCode('  ab12-cd ')).toBe('AB12-CD'));
  it('accepts readable custom codes and refuses odd ones', () => {
    expect(CODE_PATTERN.test('ADA2026')).toBe(true);
    expect(CODE_PATTERN.test('-ADA')).toBe(false);
    expect(CODE_PATTERN.test('AD')).toBe(false);
    expect(CODE_PATTERN.test('ADA 2026')).toBe(false);
  });
});
