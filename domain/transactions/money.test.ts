import { fromMinorUnits, toMinorUnits } from './money';

describe('toMinorUnits', () => {
  it.each([
    [12, 1200n],
    [12.0, 1200n],
    [8.47, 847n],
    [0.1, 10n],
    ['19.9', 1990n],
    [-3.5, -350n],
    [2.5, 250n],
  ])('%j → %s', (v, minor) => expect(toMinorUnits(v, 2, 'x')).toBe(minor));

  it.each([1.005, '1e3', 1e21, NaN, Infinity, '', '12,50', '0x10'])('refuses %j', (v) => {
    expect(() => toMinorUnits(v as number, 2, 'x')).toThrow(expect.objectContaining({ type: 'validation_failed' }));
  });

  it('accepts trailing zeros beyond the currency decimals', () => {
    expect(toMinorUnits('10.500', 2, 'x')).toBe(1050n);
  });
});

describe('fromMinorUnits', () => {
  it.each([
    [2500n, 25],
    [847n, 8.47],
    [5n, 0.05],
    [-350n, -3.5],
    [0n, 0],
  ])('%s → %s', (minor, value) => expect(fromMinorUnits(minor, 2)).toBe(value));
});
