import { IdempotencyKeyReusedError } from '../errors';
import { calculateSale } from '../transactions/calculate';
import { recordedLines } from '../transactions/sale-result';
import type { LedgerRequest } from '../ledger/operations';
import type { ReturnRequest, ReturnStore, ReturnTransaction } from './ports';
import { processReturn } from './process-return';
import type { ReturnResult } from './result';
import { nothingReturned, type SaleForReturn } from './types';

/** The seed's scheme: 6 points per 1.00; a sale of 2 × 12.50 earned 150 points. */
function soldSale(): SaleForReturn {
  const calc = calculateSale([{ sku: 'mug', quantity: 2, unitPrice: 12.5 }], [], { currencyDecimals: 2, earnPerUnit: 6n, redeemPointsPerUnit: 100n, overrides: [] }, 10n ** 12n);
  const payments = calc.payments.map((p) => ({ type: p.type, amountMinor: p.amountMinor, reference: p.reference }));
  return { uniqueId: 'sale-1', customerId: 'cust-1', lines: recordedLines(calc), payments, totalMinor: 2500n, pointsEarned: 150n, pointsRedeemed: 0n, returned: nothingReturned(payments.length), pendingPoints: 0n, pendingTransferId: null, couponsUsed: true };
}

/** A store that keeps what the use case asked of it, with the customer holding `available` points. */
function fakeStore(opts: { previous?: { requestHash: string; result: ReturnResult }; available?: bigint; expired?: bigint } = {}) {
  const calls: string[] = [];
  const posted: LedgerRequest[] = [];
  const writes: Array<{ op: string; args: unknown[] }> = [];
  const tx: ReturnTransaction = {
    previous: async () => (calls.push('previous'), opts.previous ?? null),
    settings: async () => ({ decimals: 2, rules: { earnPerUnit: '6', redeemPointsPerUnit: '100', overrides: [], returnWindowSeconds: 0, returnPolicy: 'within_balance' }, policy: 'within_balance' }),
    customer: async () => 'cust-1',
    assertOutlet: async () => undefined,
    sale: async (_s, _u, _d, lock) => (calls.push(lock ? 'sale locked' : 'sale read'), { id: 'sale-row-1', forReturn: soldSale() }),
    wallets: async () => ({ accountId: 'acc', customerWalletId: 'w-cust', issuanceWalletId: 'w-iss', redemptionWalletId: 'w-red', expiryWalletId: 'w-exp' }),
    expiredShare: async () => opts.expired ?? 0n,
    giftCards: async () => [],
    lockWallets: async (_s, _ids, _c, lock) => (calls.push(lock ? 'wallets locked' : 'wallets read'), opts.available ?? 1000n),
    post: async (req) => (posted.push(req), { transfers: [], replayed: false }),
    record: async (...args) => void writes.push({ op: 'record', args }),
    updateSale: async (...args) => void writes.push({ op: 'updateSale', args }),
    releaseCoupons: async (...args) => void writes.push({ op: 'releaseCoupons', args }),
    now: async () => '2026-12-02T12:00:00.000Z',
    connectedEvents: async () => [],
    followUps: async (batch) => void writes.push({ op: 'followUps', args: [batch] }),
  };
  const store: ReturnStore = { transaction: (fn) => fn(tx) };
  return { store, calls, posted, writes };
}

const full = (over: Partial<ReturnRequest> = {}): ReturnRequest => ({ schemeId: 's-1', uniqueId: 'ret-1', requestHash: 'h-1', kind: 'full', saleUniqueId: 'sale-1', selection: { kind: 'full' }, custom: null, request: {}, announce: true, ...over });

describe('processReturn', () => {
  it('simulates on unlocked state and writes nothing', async () => {
    const f = fakeStore();
    const result = await processReturn(f.store, full(), 'simulate');
    expect(result).toMatchObject({ status: 'SIMULATED', pointsDeducted: 150, saleFullyReturned: true });
    expect(f.calls).toEqual(['sale read', 'wallets read']);
    expect(f.posted).toEqual([]);
    expect(f.writes).toEqual([]);
  });

  it('commits a full return: legs keyed by the return, the return recorded, the sale updated, its coupons freed, the event announced', async () => {
    const f = fakeStore();
    const result = await processReturn(f.store, full(), 'commit');
    expect(result).toMatchObject({ status: 'COMPLETED', pointsDeducted: 150, saleFullyReturned: true });
    expect(f.calls).toEqual(['previous', 'sale locked', 'wallets locked']);
    expect(f.posted).toHaveLength(1);
    expect(f.posted[0]).toMatchObject({ schemeId: 's-1', systemUniqueKey: 'return/ret-1', requestHash: 'h-1' });
    expect(f.writes.map((w) => w.op)).toEqual(['record', 'updateSale', 'releaseCoupons', 'followUps']);
    expect(f.writes[1]?.args).toEqual(['sale-row-1', expect.objectContaining({ pointsOwed: '150' }), null, 0n]);
  });

  it("takes a sale's expired points back from breakage, not from the customer a second time", async () => {
    const f = fakeStore({ expired: 100n, available: 500n });
    const result = await processReturn(f.store, full(), 'commit');
    // 150 owed: 100 had expired (breakage gives them back through the customer's wallet), 50 come from the balance.
    expect(result).toMatchObject({ pointsDeducted: 50, pointsBefore: 500, pointsAfter: 450 });
    expect(f.posted[0]?.ops).toEqual([
      expect.objectContaining({ type: 'transfer', code: 'return_expired', fromWalletId: 'w-exp', toWalletId: 'w-cust', amount: 100n, metadata: { saleUniqueId: 'sale-1' } }),
      expect.objectContaining({ type: 'transfer', code: 'return_deduct', fromWalletId: 'w-cust', toWalletId: 'w-iss', amount: 150n, metadata: { saleUniqueId: 'sale-1' } }),
    ]);
  });

  it('answers a repeated uniqueId with its first result, writing nothing; another body under it is refused', async () => {
    const first = { ...(await processReturn(fakeStore().store, full(), 'commit')) };
    const again = fakeStore({ previous: { requestHash: 'h-1', result: first } });
    expect(await processReturn(again.store, full(), 'commit')).toEqual(first);
    expect(again.calls).toEqual(['previous']);
    expect(again.writes).toEqual([]);
    await expect(processReturn(fakeStore({ previous: { requestHash: 'other', result: first } }).store, full(), 'commit')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('takes only what the customer still has under within_balance, recording the rest as shortfall', async () => {
    const f = fakeStore({ available: 40n });
    const result = await processReturn(f.store, full(), 'commit');
    expect(result).toMatchObject({ pointsDeducted: 40, shortfall: 110 });
  });

  it('does not announce when the caller starts the follow-ups itself (executions from before)', async () => {
    const f = fakeStore();
    await processReturn(f.store, full({ announce: undefined }), 'commit');
    expect(f.writes.map((w) => w.op)).toEqual(['record', 'updateSale', 'releaseCoupons']);
  });
});
