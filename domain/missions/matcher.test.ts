import { incrementOf, matcherProblem, matches, type Matcher } from './matcher';
import { missionProblems } from './rules';

const sale = {
  totalMinor: '2450',
  outletId: 'o-1',
  lines: [
    { sku: 'ESP', category: 'Coffee', quantity: 2 },
    { sku: 'CRO', category: 'Bakery', quantity: 1 },
  ],
  quantity: 3,
};

describe('matches', () => {
  it('matches everything without a matcher', () => {
    expect(matches(null, sale)).toBe(true);
    expect(matches(undefined, {})).toBe(true);
  });
  it('compares totals (strings from the bus are coerced as numbers)', () => {
    expect(matches({ '>=': [{ var: 'totalMinor' }, 2000] }, sale)).toBe(true);
    expect(matches({ '>=': [{ var: 'totalMinor' }, 2451] }, sale)).toBe(false);
    expect(matches({ '>=': [{ var: 'totalMinor' }, 2450] }, sale)).toBe(true);
  });
  it('finds a line in a category', () => {
    expect(matches({ some: [{ var: 'lines' }, { '==': [{ var: 'category' }, 'Coffee'] }] }, sale)).toBe(true);
    expect(matches({ some: [{ var: 'lines' }, { '==': [{ var: 'category' }, 'Tea'] }] }, sale)).toBe(false);
  });
  it('checks an outlet list', () => {
    expect(matches({ in: [{ var: 'outletId' }, ['o-1', 'o-2']] }, sale)).toBe(true);
    expect(matches({ in: [{ var: 'outletId' }, ['o-3']] }, sale)).toBe(false);
  });
  it('combines conditions', () => {
    expect(matches({ and: [{ in: [{ var: 'outletId' }, ['o-1']] }, { '<': [{ var: 'totalMinor' }, 1000] }] }, sale)).toBe(false);
    expect(matches({ or: [{ in: [{ var: 'outletId' }, ['o-9']] }, { '>': [{ var: 'quantity' }, 2] }] }, sale)).toBe(true);
  });
  it('treats a missing field as no match', () => {
    expect(matches({ '>=': [{ var: 'missing' }, 1] }, sale)).toBe(false);
    expect(matches({ '==': [{ var: 'lines.5.sku' }, 'ESP'] }, sale)).toBe(false);
  });
});

describe('incrementOf', () => {
  it('is 1 without a rule', () => expect(incrementOf(null, sale)).toBe(1n));
  it('reads a payload quantity', () => expect(incrementOf({ var: 'quantity' }, sale)).toBe(3n));
  it('sums quantities of matching lines', () => {
    const coffees: Matcher = { reduce: [{ filter: [{ var: 'lines' }, { '==': [{ var: 'category' }, 'Coffee'] }] }, { '+': [{ var: 'accumulator' }, { var: 'current.quantity' }] }, 0] } as Matcher;
    expect(incrementOf(coffees, sale)).toBe(2n);
  });
  it('counts nothing for negative, fractional or non-numeric results', () => {
    expect(incrementOf({ '-': [0, 2] }, sale)).toBe(0n);
    expect(incrementOf({ '/': [3, 2] }, sale)).toBe(0n);
    expect(incrementOf({ var: 'outletId' }, sale)).toBe(0n);
    expect(incrementOf({ var: 'missing' }, sale)).toBe(0n);
  });
  it('accepts whole numbers given as strings', () => expect(incrementOf({ var: 'totalMinor' }, sale)).toBe(2450n));
});

describe('matcherProblem', () => {
  it('accepts a rule', () => expect(matcherProblem({ '>=': [{ var: 'totalMinor' }, 1] })).toBeNull());
  it('refuses an unknown operation', () => expect(matcherProblem({ regex: [{ var: 'x' }, '.*'] })).toMatch(/Unrecognized operation/));
  it('refuses non-objects', () => {
    expect(matcherProblem('x')).toMatch(/object/);
    expect(matcherProblem([1])).toMatch(/object/);
    expect(matcherProblem(null)).toMatch(/object/);
  });
});

describe('missionProblems', () => {
  const base = { name: 'Coffee x3', code: 'C3', active: true, eventType: 'member-purchase-order-confirmed', goalCount: 3, maxRepetitions: 2, pointsAccrual: 100, tags: [], customAttributes: {} };
  it('accepts a sound mission', () => expect(missionProblems(base)).toEqual([]));
  it('needs periodLimit and repetitionPeriod together', () => {
    expect(missionProblems({ ...base, periodLimit: 1 })[0]?.path).toBe('body.periodLimit');
    expect(missionProblems({ ...base, repetitionPeriod: 'week' })[0]?.path).toBe('body.periodLimit');
    expect(missionProblems({ ...base, repetitionPeriod: 'week', periodLimit: 1 })).toEqual([]);
  });
  it('refuses a bad matcher or increment rule', () => {
    expect(missionProblems({ ...base, matcher: { nope: [1] } as unknown as Matcher })[0]?.path).toBe('body.matcher');
    expect(missionProblems({ ...base, incrementBy: { nope: [1] } as unknown as Matcher })[0]?.path).toBe('body.incrementBy');
  });
  it('refuses dates in the wrong order and the manual-increment type', () => {
    expect(missionProblems({ ...base, validFrom: '2026-02-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' })[0]?.path).toBe('body.validTo');
    expect(missionProblems({ ...base, eventType: 'mission-counter-incremented' })[0]?.path).toBe('body.eventType');
  });
});
