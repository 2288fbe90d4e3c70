import { BusinessRuleError } from '../errors';
import { assignmentRefusal, assignmentSize, memberRoom } from './usage';

describe('assignmentSize', () => {
  it('is numberOfCodes, the named codes, or the keys, with one key per code', () => {
    expect(assignmentSize({ systemUniqueKeys: ['a', 'b'] })).toBe(2);
    expect(assignmentSize({ numberOfCodes: 1, systemUniqueKeys: ['a'] })).toBe(1);
    expect(assignmentSize({ codes: ['X1', 'X2', 'X3'], systemUniqueKeys: ['a', 'b', 'c'] })).toBe(3);
  });

  it('refuses a key count that does not match and repeated keys', () => {
    expect(() => assignmentSize({ numberOfCodes: 2, systemUniqueKeys: ['a'] })).toThrow(BusinessRuleError);
    expect(() => assignmentSize({ codes: ['X1'], systemUniqueKeys: ['a', 'b'] })).toThrow(/needs 1 systemUniqueKeys/);
    expect(() => assignmentSize({ systemUniqueKeys: ['a', 'a'] })).toThrow(/distinct/);
  });
});

describe('assignmentRefusal', () => {
  it.each([
    [3, 3, true, null],
    [3, 5, true, null],
    [3, 2, true, 'has 2 code(s) left, not the 3 asked for (strict mode)'],
    [3, 2, false, null],
    [1, 0, false, 'has no code left to assign'],
    [1, 0, true, 'has no code left to assign'],
  ] as const)('wanting %i with %i free (strict %s): %s', (wanted, available, strict, why) => {
    expect(assignmentRefusal(wanted, available, strict)).toBe(why);
  });
});

describe('memberRoom', () => {
  it('is unbounded without a cap, else what is left of it, never negative', () => {
    expect(memberRoom(null, 99)).toBeNull();
    expect(memberRoom(2, 0)).toBe(2);
    expect(memberRoom(2, 2)).toBe(0);
    expect(memberRoom(2, 5)).toBe(0);
  });
});
