import { ValidationError } from '../errors';
import { checkinLines, identifierKind, SPEND_SKU } from './checkin';
import { rewardState } from './settings';

describe('checkinLines', () => {
  it('sells the amount in SPEND mode and ignores units', () => {
    expect(checkinLines({ checkinMode: 'SPEND', unitSku: 'unit' }, { amount: 25.5, units: 3 })).toEqual([{ sku: SPEND_SKU, quantity: 1, unitPrice: 25.5 }]);
  });

  it('sells units of the unit SKU at no price in UNIT mode', () => {
    expect(checkinLines({ checkinMode: 'UNIT', unitSku: 'coffee' }, { amount: 25.5, units: 3 })).toEqual([{ sku: 'coffee', quantity: 3, unitPrice: 0 }]);
  });

  it("refuses a check-in without the mode's field, naming it", () => {
    expect(() => checkinLines({ checkinMode: 'SPEND', unitSku: 'unit' }, { units: 3 })).toThrow(ValidationError);
    expect(() => checkinLines({ checkinMode: 'UNIT', unitSku: 'unit' }, { amount: 1 })).toThrow('UNIT mode');
  });
});

it('tells ids from phone numbers', () => {
  expect(identifierKind('3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe('id');
  expect(identifierKind('+353123456789')).toBe('phone');
  expect(identifierKind('353123456789')).toBeNull();
  expect(identifierKind('cuid_xxx')).toBeNull();
});

it('says a reward is available from the threshold on', () => {
  expect(rewardState(99n, { rewardThreshold: 100 })).toEqual({ rewardThreshold: 100, rewardAvailable: false });
  expect(rewardState(100n, { rewardThreshold: 100 })).toEqual({ rewardThreshold: 100, rewardAvailable: true });
});
