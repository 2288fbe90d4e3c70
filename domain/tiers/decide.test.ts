import { manualHolds, nextTier, tierFor } from './decide';
import type { Tier } from './types';

const tier = (id: string, min: number, order: number, extra: Partial<Tier> = {}): Tier => ({
  id,
  name: id,
  active: true,
  minRequiredPoints: String(min),
  tierOrder: order,
  isDefault: false,
  customAttributes: {},
  pictureUrl: null,
  earnMultiplierPercent: 100,
  createdAt: '',
  updatedAt: '',
  ...extra,
});

const bronze = tier('bronze', 0, 1, { isDefault: true });
const silver = tier('silver', 1000, 2);
const gold = tier('gold', 5000, 3);
const all = [gold, bronze, silver];

describe('tierFor', () => {
  it.each([
    [0n, 'bronze'],
    [999n, 'bronze'],
    [1000n, 'silver'],
    [4999n, 'silver'],
    [5000n, 'gold'],
    [10n ** 15n, 'gold'],
    [-50n, 'bronze'], // a return can take accrual below zero: the default still holds
  ])('accrual %s → %s', (accrual, expected) => {
    expect(tierFor(all, accrual)?.id).toBe(expected);
  });

  it('skips inactive tiers, falling to the next one reached', () => {
    expect(tierFor([bronze, { ...silver, active: false }, gold], 2000n)?.id).toBe('bronze');
  });

  it('decides by order, not by threshold, when thresholds overlap', () => {
    const vip = tier('vip', 100, 9);
    expect(tierFor([...all, vip], 6000n)?.id).toBe('vip');
  });

  it('is none without a default when nothing is reached', () => {
    expect(tierFor([silver, gold], 10n)).toBeNull();
    expect(tierFor([], 10n)).toBeNull();
  });

  it('keeps the default only while it is active', () => {
    expect(tierFor([{ ...bronze, active: false, minRequiredPoints: '100' }, silver], 10n)).toBeNull();
  });
});

describe('nextTier', () => {
  it('names the next tier up and the points it needs', () => {
    expect(nextTier(all, 400n)).toEqual({ tier: silver, pointsNeeded: '600' });
    expect(nextTier(all, 1000n)).toEqual({ tier: gold, pointsNeeded: '4000' });
    expect(nextTier(all, 5000n)).toBeNull();
  });
});

describe('manualHolds', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  it.each([
    ['manual', null, true],
    ['manual', '2026-12-03T10:00:01Z', true],
    ['manual', '2026-12-03T10:00:00Z', false],
    ['accrual', null, false],
  ] as const)('%s until %s → %s', (source, until, holds) => {
    expect(manualHolds(source, until, now)).toBe(holds);
  });
});
