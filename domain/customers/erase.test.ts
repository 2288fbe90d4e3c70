import { BARCODE } from '../customer';
import { eraseChanges, erasedBarcode } from './erase';

describe('eraseChanges', () => {
  const id = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

  it('empties every personal field, blocks and marks the customer erased', () => {
    expect(eraseChanges(id)).toEqual({ firstName: null, lastName: null, email: null, phone: null, notes: null, barcode: `erased-${id}`, status: 'BLOCKED', erased: true });
  });

  it('gives a barcode a till could still type, derived from the id alone', () => {
    expect(erasedBarcode(id)).toMatch(BARCODE);
  });
});
