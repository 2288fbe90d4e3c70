import { BusinessRuleError, ValidationError } from '../errors';
import { MAX_AMOUNT } from '../ledger/amount';
import { adjustmentKey, adjustmentOp, assertHolder, storedValueTopUpOp, topUpKey, topUpOp } from './adjustment';

const target = { accountId: 'acc', walletId: 'wal' };
const actor = { keyId: 'key-1', requestId: 'req-1' };

describe('adjustmentOp', () => {
  it('mints a positive adjustment and burns a negative one, the reason as the description and the actor in the metadata', () => {
    expect(adjustmentOp(50n, ' Goodwill ', target, actor)).toEqual({ type: 'mint', ...target, amount: 50n, code: 'adjustment', description: 'Goodwill', metadata: { actor } });
    expect(adjustmentOp(-50n, 'Refund for cancelled order', target, actor)).toEqual({ type: 'burn', ...target, amount: 50n, code: 'adjustment', description: 'Refund for cancelled order', metadata: { actor } });
  });

  it('never asks the ledger for an overdraft: a deduction below zero is the ledger’s refusal', () => {
    expect(adjustmentOp(-1n, 'x', target, actor)).not.toHaveProperty('allowOverdraft');
  });

  it.each([
    [0n, ValidationError],
    [MAX_AMOUNT + 1n, ValidationError],
    [-(MAX_AMOUNT + 1n), ValidationError],
  ])('refuses %s points', (points, error) => {
    expect(() => adjustmentOp(points, 'r', target, actor)).toThrow(error);
  });

  it('takes the bounds themselves', () => {
    expect(adjustmentOp(MAX_AMOUNT, 'r', target, actor)).toMatchObject({ type: 'mint', amount: MAX_AMOUNT });
    expect(adjustmentOp(-MAX_AMOUNT, 'r', target, actor)).toMatchObject({ type: 'burn', amount: MAX_AMOUNT });
  });

  it('refuses a blank reason', () => {
    expect(() => adjustmentOp(5n, '   ', target, actor)).toThrow(BusinessRuleError);
  });
});

describe('topUpOp', () => {
  it('mints coded topup', () => {
    expect(topUpOp(200n, undefined, target, actor)).toEqual({ type: 'mint', ...target, amount: 200n, code: 'topup', description: 'Top-up at the till', metadata: { actor } });
    expect(topUpOp(1n, 'Birthday', target, actor)).toMatchObject({ description: 'Birthday' });
  });

  it.each([0n, -1n, MAX_AMOUNT + 1n])('refuses %s points', (points) => {
    expect(() => topUpOp(points, undefined, target, actor)).toThrow(ValidationError);
  });

  it('keys each operation apart, so a top-up and an adjustment with the same till id never replay each other', () => {
    expect(topUpKey('t-1')).toBe('topup/t-1');
    expect(adjustmentKey('t-1')).toBe('adjustment/t-1');
  });
});

describe('storedValueTopUpOp', () => {
  const card = { ...target, code: 'GC-1' };
  it('mints minor units on the card, coded giftcard_topup', () => {
    expect(storedValueTopUpOp(2500n, undefined, card, actor)).toEqual({ type: 'mint', ...target, amount: 2500n, code: 'giftcard_topup', description: 'Stored value top-up on GC-1', metadata: { actor } });
  });

  it.each([0n, -100n, MAX_AMOUNT + 1n])('refuses %s minor units', (minor) => {
    expect(() => storedValueTopUpOp(minor, undefined, card, actor)).toThrow(ValidationError);
  });

  it("refuses another customer's card", () => {
    expect(() => assertHolder('c-1', 'c-1')).not.toThrow();
    expect(() => assertHolder('c-1', 'c-2')).toThrow(BusinessRuleError);
  });
});
