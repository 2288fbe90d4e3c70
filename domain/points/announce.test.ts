import type { Transfer } from '../ledger/operations';
import { afterPointsOperation, pointsEvent, signedPoints } from './announce';

const transfer = { id: 't1', accountId: 'a1', amount: 30n, code: 'redeem', description: 'Free Coffee', createdAt: '2026-12-04T10:00:00.000Z' } as Transfer;
const burn = { type: 'burn', accountId: 'a1', walletId: 'w1', amount: 30n, code: 'redeem' } as const;
const mint = { ...burn, type: 'mint', code: 'topup' } as const;
const event = pointsEvent({ schemeId: 's1', systemUniqueKey: 'pos-redeem/k', customerId: 'c1', op: burn, transfer });

describe('points announcements', () => {
  it('signs the customer side: a mint adds, a burn takes', () => {
    expect(signedPoints(mint, transfer)).toBe(30n);
    expect(signedPoints(burn, transfer)).toBe(-30n);
  });

  it('is one ledger-transaction-created event per operation key', () => {
    expect(event).toEqual({
      schemeId: 's1',
      key: 'points/pos-redeem/k',
      type: 'ledger-transaction-created',
      customerId: 'c1',
      occurredAt: transfer.createdAt,
      payload: { systemUniqueKey: 'pos-redeem/k', transferId: 't1', accountId: 'a1', code: 'redeem', points: '-30', reason: 'Free Coffee' },
    });
  });

  it('follows up with the partner sync when connected and the event when listened for, on the customer lane', () => {
    const at = (connected: Array<'sale' | 'adjustment'>, listening: boolean) => afterPointsOperation({ event, connected, listening, systemUniqueKey: 'pos-redeem/k' });
    expect(at(['sale'], false)).toBeNull();
    expect(at(['adjustment'], false)).toEqual({
      schemeId: 's1',
      key: 'points/pos-redeem/k',
      lane: 'c1',
      steps: [{ kind: 'partnerSync', schemeId: 's1', sync: 'adjustment', operationKey: 'pos-redeem/k', customerId: 'c1' }],
    });
    expect(at([], true)?.steps).toEqual([{ kind: 'hubEvent', event }]);
    expect(at(['adjustment'], true)?.steps.map((s) => s.kind)).toEqual(['partnerSync', 'hubEvent']);
  });
});
