import { formatAmount, MAX_AMOUNT, parseAmount } from './amount';

describe('parseAmount', () => {
  it.each([
    [1, 1n],
    ['42', 42n],
    [18446744073709, MAX_AMOUNT],
    ['18446744073709', MAX_AMOUNT],
  ])('accepts %j', (input, expected) => expect(parseAmount(input)).toBe(expected));

  it.each([0, -1, 1.5, '1.5', '1e3', ' 1', '', '18446744073710', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, null, true, '0x10', NaN])('refuses %j', (input) => {
    expect(() => parseAmount(input)).toThrow(expect.objectContaining({ type: 'validation_failed' }));
  });

  it('formats as a decimal string, exactly', () => {
    expect(formatAmount(MAX_AMOUNT)).toBe('18446744073709');
  });
});
