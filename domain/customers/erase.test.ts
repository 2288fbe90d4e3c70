import { BARCODE } from '../customer';
import { eraseChanges, erasedBarcode, scrubMap, uniqueIdentifiers } from './erase';

describe('eraseChanges', () => {
  const id = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

  it('empties every personal field, blocks and marks the customer erased', () => {
    expect(eraseChanges(id)).toEqual({ firstName: null, lastName: null, email: null, phone: null, notes: null, customAttributes: {}, barcode: `erased-${id}`, status: 'BLOCKED', erased: true });
  });

  it('gives a barcode a till could still type, derived from the id alone', () => {
    expect(erasedBarcode(id)).toMatch(BARCODE);
  });
});

describe('scrubMap', () => {
  const person = { barcode: '7998860967928', email: 'ada@example.com', phone: '+353123456789', firstName: 'Ada', lastName: 'Lovelace' };
  const id = '0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b';

  it('replaces the barcode by the erased one and the rest, names included, by null', () => {
    expect(scrubMap(id, person)).toEqual({
      'ada@example.com': null,
      '+353123456789': null,
      Ada: null,
      Lovelace: null,
      'Ada Lovelace': null,
      '7998860967928': `erased-${id}`,
    });
  });

  it('finds rows of the whole scheme by what names one person only', () => {
    expect(uniqueIdentifiers(id, person)).toEqual(['7998860967928', 'ada@example.com', '+353123456789']);
  });

  it('skips empty fields, and is empty for a customer already erased (a repeated erasure changes nothing)', () => {
    const erased = { barcode: `erased-${id}`, email: null, phone: '  ', firstName: null, lastName: null };
    expect(scrubMap(id, erased)).toEqual({});
    expect(uniqueIdentifiers(id, erased)).toEqual([]);
    expect(scrubMap(id, { ...person, firstName: null })).toMatchObject({ Lovelace: null });
  });
});
