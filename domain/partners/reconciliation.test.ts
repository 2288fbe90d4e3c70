import { compareBalances, summarize } from './reconciliation';

describe('reconciliation', () => {
  it('classifies each customer', () => {
    expect(compareBalances(150n, 150n, true)).toBe('MATCHED');
    expect(compareBalances(150n, 100n, true)).toBe('DRIFTED');
    expect(compareBalances(0n, 5n, true)).toBe('DRIFTED');
    expect(compareBalances(150n, null, true)).toBe('MISSING_ON_PARTNER');
    expect(compareBalances(150n, 150n, false)).toBe('MISSING_ON_PARTNER');
  });

  it('summarises a run', () => {
    expect(summarize([{ outcome: 'MATCHED', corrected: false }, { outcome: 'DRIFTED', corrected: true }, { outcome: 'MISSING_ON_PARTNER', corrected: false }])).toEqual({ customers: 3, matched: 1, drifted: 1, missingOnPartner: 1, corrected: 1 });
  });
});
