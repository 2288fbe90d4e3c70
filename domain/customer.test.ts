import { barcodeFromDigits, BARCODE, E164, ean13CheckDigit, normalizeEmail, normalizeNewCustomer } from './customer';

describe('ean13CheckDigit', () => {
  it.each([
    // Real EAN-13 codes: the check digit is the 13th digit.
    ['400638133393', 1],
    ['590123412345', 7],
    ['978020137962', 4],
    ['000000000000', 0],
  ])('%s → %i', (digits, check) => {
    expect(ean13CheckDigit([...digits].map(Number))).toBe(check);
  });

  it('catches every single-digit typo', () => {
    const digits = [...'590123412345'].map(Number);
    const check = ean13CheckDigit(digits);
    for (let i = 0; i < digits.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (d === digits[i]) continue;
        const typo = [...digits];
        typo[i] = d;
        expect(ean13CheckDigit(typo)).not.toBe(check);
      }
    }
  });
});

describe('barcodeFromDigits', () => {
  it('appends the check digit', () => {
    expect(barcodeFromDigits([...'590123412345'].map(Number))).toBe('5901234123457');
  });

  it.each([[[1, 2, 3]], [Array(12).fill(10)], [Array(12).fill(1.5)], [Array(13).fill(1)]])('rejects %j', (digits) => {
    expect(() => barcodeFromDigits(digits)).toThrow(RangeError);
  });

  it('produces codes the API accepts as barcodes', () => {
    expect(BARCODE.test(barcodeFromDigits(Array(12).fill(9)))).toBe(true);
  });
});

describe('E164', () => {
  it.each(['+35699123456', '+14155552671', '+4420794600'])('accepts %s', (p) => expect(E164.test(p)).toBe(true));
  it.each(['35699123456', '+0123456789', '+1234', '+1234567890123456', '+356 9912 3456', '00356991234'])('rejects %s', (p) =>
    expect(E164.test(p)).toBe(false),
  );
});

describe('normalization', () => {
  it('lower-cases and trims emails so uniqueness is case-insensitive', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it('trims names and keeps null and absent apart', () => {
    expect(normalizeNewCustomer({ firstName: ' Ada ', lastName: null, email: 'A@B.C' })).toEqual({
      firstName: 'Ada',
      lastName: null,
      email: 'a@b.c',
    });
    expect(normalizeNewCustomer({})).toEqual({ email: undefined, firstName: undefined, lastName: undefined });
  });
});
