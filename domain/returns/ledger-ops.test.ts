import type { LedgerOp, Transfer } from '../ledger/operations';
import { planLedgerRequest, type Plan, type PlanState } from '../ledger/plan';
import { InsufficientPointsError } from '../ledger/rules';
import { available, zeroTotals, type WalletKind, type WalletTotals } from '../ledger/wallet';
import { calculateSale, GIFT_CARD, REDEMPTION, type SaleLine, type SalePayment } from '../transactions/calculate';
import type { PointRules } from '../transactions/rules';
import { recordedLines } from '../transactions/sale-result';
import { returnOfSale } from './calculate-return';
import { giftCardRefunds } from './custom-return';
import { returnLedgerOps, type GiftCardRefund, type ReturnWallets } from './ledger-ops';
import { settleReturn, type Settlement } from './settle';
import { nothingReturned, type ReturnPolicy, type ReturnSelection, type SaleForReturn } from './types';

const wallets: ReturnWallets = { accountId: 'acc', customerWalletId: 'cust', issuanceWalletId: 'iss', redemptionWalletId: 'red', expiryWalletId: 'exp' };
const tracking = { externalId: 'ret-1', description: 'Line Item: sale-1 (return ret-1)' };
const tagged = { externalId: 'ret-1', description: 'Line Item: sale-1 (return ret-1)', tags: ['return'] };
const card = (code: string, amountMinor: bigint): GiftCardRefund => ({ code, accountId: 'gcacc', walletId: `gc-${code}`, redemptionWalletId: 'gcred', amountMinor });

const settlement = (s: Partial<Settlement>): Settlement => ({
  fromPending: 0n,
  fromExpired: 0n,
  fromAvailable: 0n,
  shortfall: 0n,
  pendingAfter: 0n,
  availableBefore: 0n,
  availableAfter: 0n,
  ...s,
});

const ops = (input: { settlement: Settlement; readded?: bigint; pendingTransferId?: string | null; giftCards?: GiftCardRefund[]; allowNegative?: boolean }) =>
  returnLedgerOps({
    wallets,
    settlement: input.settlement,
    readded: input.readded ?? 0n,
    pendingTransferId: input.pendingTransferId === undefined ? 'pend-1' : input.pendingTransferId,
    giftCards: input.giftCards ?? [],
    allowNegative: input.allowNegative ?? false,
    tracking,
  });

const amountOf = (op: LedgerOp) => ('amount' in op ? op.amount : undefined);

/** Small seeded PRNG (mulberry32), so the property runs are reproducible. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const intIn = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

describe('the legs of a return', () => {
  it('pending partly voided: the pending earn is voided and re-posted smaller', () => {
    expect(ops({ settlement: settlement({ fromPending: 40n, pendingAfter: 60n }) })).toEqual([
      { type: 'void', accountId: 'acc', pendingTransferId: 'pend-1', code: 'return_void_pending', ...tagged },
      { type: 'mint', accountId: 'acc', walletId: 'cust', amount: 60n, pending: true, code: 'earn_pending', ...tagged },
    ]);
  });

  it('pending voided in full: no re-post of zero', () => {
    expect(ops({ settlement: settlement({ fromPending: 100n, pendingAfter: 0n }) })).toEqual([
      { type: 'void', accountId: 'acc', pendingTransferId: 'pend-1', code: 'return_void_pending', ...tagged },
    ]);
  });

  it('nothing taken from pending: the pending earn is left alone', () => {
    const result = ops({ settlement: settlement({ fromPending: 0n, pendingAfter: 100n, fromAvailable: 5n }) });
    expect(result.map((o) => o.type)).toEqual(['transfer']);
  });

  it('re-added points come back from the redemption wallet', () => {
    expect(ops({ settlement: settlement({}), readded: 200n })).toEqual([
      { type: 'transfer', accountId: 'acc', fromWalletId: 'red', toWalletId: 'cust', amount: 200n, code: 'return_readd', ...tagged },
    ]);
  });

  it('gift-card money goes back to each card, in its own account', () => {
    expect(ops({ settlement: settlement({}), giftCards: [card('A', 750n), card('B', 40n)] })).toEqual([
      { type: 'transfer', accountId: 'gcacc', fromWalletId: 'gcred', toWalletId: 'gc-A', amount: 750n, code: 'giftcard_refund', ...tagged },
      { type: 'transfer', accountId: 'gcacc', fromWalletId: 'gcred', toWalletId: 'gc-B', amount: 40n, code: 'giftcard_refund', ...tagged },
    ]);
  });

  it('earned points go back to issuance, without overdraft under within_balance', () => {
    expect(ops({ settlement: settlement({ fromAvailable: 120n, shortfall: 180n }), allowNegative: false })).toEqual([
      { type: 'transfer', accountId: 'acc', fromWalletId: 'cust', toWalletId: 'iss', amount: 120n, allowOverdraft: false, code: 'return_deduct', ...tagged },
    ]);
  });

  it('earned points go back to issuance with the overdraft flag under allow_negative', () => {
    expect(ops({ settlement: settlement({ fromAvailable: 300n, availableAfter: -180n }), allowNegative: true })).toEqual([
      { type: 'transfer', accountId: 'acc', fromWalletId: 'cust', toWalletId: 'iss', amount: 300n, allowOverdraft: true, code: 'return_deduct', ...tagged },
    ]);
  });

  it('all legs, in order: void, re-post, re-add, gift cards, deduct', () => {
    const result = ops({
      settlement: settlement({ fromPending: 50n, pendingAfter: 25n, fromAvailable: 70n }),
      readded: 10n,
      giftCards: [card('A', 5n), card('B', 6n)],
      allowNegative: true,
    });
    expect(result.map((o) => [o.type, o.code, amountOf(o)])).toEqual([
      ['void', 'return_void_pending', undefined],
      ['mint', 'earn_pending', 25n],
      ['transfer', 'return_readd', 10n],
      ['transfer', 'giftcard_refund', 5n],
      ['transfer', 'giftcard_refund', 6n],
      ['transfer', 'return_deduct', 70n],
    ]);
    for (const op of result) expect(op).toMatchObject(tagged);
  });

  it('nothing to do: no operations at all (no zero-amount legs)', () => {
    expect(ops({ settlement: settlement({ shortfall: 50n, pendingAfter: 80n }), readded: 0n })).toEqual([]);
    expect(ops({ settlement: settlement({}), pendingTransferId: null })).toEqual([]);
  });

  it('does not change the tracking it is given', () => {
    const t = { externalId: 'x', description: 'y' };
    returnLedgerOps({ wallets, settlement: settlement({ fromAvailable: 1n }), readded: 1n, pendingTransferId: null, giftCards: [], allowNegative: false, tracking: t });
    expect(t).toEqual({ externalId: 'x', description: 'y' });
  });
});

describe('from a settlement: no zero-amount legs, and the order holds (seeded random)', () => {
  it.each<ReturnPolicy>(['within_balance', 'allow_negative'])('%s', (policy) => {
    const rnd = mulberry32(policy === 'within_balance' ? 11 : 12);
    const order = /^(return_void_pending(,earn_pending)?)?(,?return_readd)?(,?giftcard_refund)*(,?return_deduct)?$/;
    for (let run = 0; run < 2000; run++) {
      const owed = rnd() < 0.2 ? 0n : BigInt(intIn(rnd, 0, 5_000));
      const readded = rnd() < 0.5 ? 0n : BigInt(intIn(rnd, 0, 3_000));
      const pending = rnd() < 0.4 ? 0n : BigInt(intIn(rnd, 1, 5_000));
      const s = settleReturn({ owed, readded, pending, available: BigInt(intIn(rnd, -500, 5_000)), policy });
      const refunds = Array.from({ length: intIn(rnd, 0, 4) }, () => ({
        type: rnd() < 0.6 ? GIFT_CARD : 'Cash',
        amountMinor: rnd() < 0.3 ? 0n : BigInt(intIn(rnd, 0, 10_000)),
        reference: `C${intIn(rnd, 0, 2)}`,
      }));
      const giftCards = [...giftCardRefunds(refunds)].map(([code, amountMinor]) => card(code, amountMinor));
      const result = returnLedgerOps({
        wallets,
        settlement: s,
        readded,
        pendingTransferId: pending > 0n ? 'pend-1' : null,
        giftCards,
        allowNegative: policy === 'allow_negative',
        tracking,
      });
      const ctx = `run ${run}: owed ${owed}, readded ${readded}, pending ${pending}`;
      const amounts = result.map(amountOf).filter((a): a is bigint => a !== undefined);
      expect([ctx, amounts.every((a) => a > 0n)]).toEqual([ctx, true]);
      expect([ctx, order.test(result.map((o) => o.code).join(','))]).toEqual([ctx, true]);
      const deduct = result.find((o) => o.code === 'return_deduct');
      expect([ctx, deduct ? amountOf(deduct) : 0n]).toEqual([ctx, s.fromAvailable]);
      if (deduct?.type === 'transfer') expect([ctx, deduct.allowOverdraft]).toEqual([ctx, policy === 'allow_negative']);
      expect([ctx, result.some((o) => o.type === 'void')]).toEqual([ctx, s.fromPending > 0n]);
    }
  });
});

/* ---------- The legs applied to a ledger: what the customer is left with ---------- */

interface Ledger {
  state: PlanState;
  pendingTransferId: string | null;
}

const transfer = (t: Partial<Transfer> & Pick<Transfer, 'id' | 'debitWalletId' | 'creditWalletId' | 'amount' | 'status'>): Transfer & { resolved: boolean; reversed: boolean } => ({
  accountId: 'acc',
  code: 'earn_pending',
  description: null,
  tags: [],
  externalId: null,
  externalEventDate: null,
  systemUniqueKey: 'k',
  pendingId: null,
  timeoutAt: null,
  reversalOf: null,
  atomicSetId: null,
  allowOverdraft: false,
  createdAt: '',
  resolved: false,
  reversed: false,
  ...t,
});

/** A customer with `availablePoints` (may be negative) and `pending` points of the sale still pending. */
function ledger(availablePoints: bigint, pending: bigint): Ledger {
  let n = 0;
  const w = (id: string, kind: WalletKind, accountId: string, totals: Partial<WalletTotals> = {}) => [id, { id, accountId, kind, totals: { ...zeroTotals(), ...totals } }] as const;
  const cust = availablePoints >= 0n ? { creditsPosted: availablePoints } : { debitsPosted: -availablePoints };
  const state: PlanState = {
    accounts: new Map([
      ['acc', { id: 'acc', active: true, maxSupply: null, system: { issuance: 'iss', redemption: 'red', expiry: 'exp' } }],
      ['gcacc', { id: 'gcacc', active: true, maxSupply: null, system: { issuance: 'gciss', redemption: 'gcred', expiry: 'gcexp' } }],
    ]),
    wallets: new Map([
      w('cust', 'customer', 'acc', { ...cust, creditsPending: pending }),
      w('iss', 'issuance', 'acc', { debitsPosted: availablePoints > 0n ? availablePoints : 0n, debitsPending: pending }),
      w('red', 'redemption', 'acc'),
      w('exp', 'expiry', 'acc'),
      w('gc-GC-1', 'giftcard', 'gcacc'),
      w('gciss', 'issuance', 'gcacc'),
      w('gcred', 'redemption', 'gcacc'),
      w('gcexp', 'expiry', 'gcacc'),
    ]),
    referenced: new Map(),
    now: new Date('2026-11-22T00:00:00Z'),
    newId: () => `t${++n}`,
  };
  if (pending > 0n) state.referenced.set('pend-0', transfer({ id: 'pend-0', debitWalletId: 'iss', creditWalletId: 'cust', amount: pending, status: 'pending' }));
  return { state, pendingTransferId: pending > 0n ? 'pend-0' : null };
}

/** Applies a plan as the engine would: new totals, and a resolved/new pending transfer. */
function apply(l: Ledger, plan: Plan): Ledger {
  for (const [id, totals] of plan.wallets) {
    const wallet = l.state.wallets.get(id);
    if (wallet) l.state.wallets.set(id, { ...wallet, totals });
  }
  let pendingTransferId = l.pendingTransferId;
  for (const t of plan.transfers) {
    if (t.pendingId) {
      const ref = l.state.referenced.get(t.pendingId);
      if (ref) l.state.referenced.set(t.pendingId, { ...ref, resolved: true });
      if (t.pendingId === pendingTransferId) pendingTransferId = null;
    }
    if (t.status === 'pending') {
      l.state.referenced.set(t.id, transfer({ ...t, systemUniqueKey: 'k', atomicSetId: null, createdAt: '' }));
      pendingTransferId = t.id;
    }
  }
  return { state: l.state, pendingTransferId };
}

const totalsOf = (l: Ledger, id: string) => (l.state.wallets.get(id) as { totals: WalletTotals }).totals;
/** Points outstanding: what issuance minted (posted or pending) less what came back. */
const outstanding = (l: Ledger) => {
  const t = totalsOf(l, 'iss');
  return t.debitsPosted + t.debitsPending - t.creditsPosted;
};

/** The seed's scheme: 6 points per 1.00; 100 points pay 1.00. */
const rules: PointRules = { currencyDecimals: 2, earnPerUnit: 6n, redeemPointsPerUnit: 100n, overrides: [] };

function sale(lines: SaleLine[], payments: SalePayment[], pendingTransferId: string | null): SaleForReturn {
  const calc = calculateSale(lines, payments, rules, 10n ** 9n);
  const recorded = calc.payments.map((p) => ({ type: p.type, amountMinor: p.amountMinor, reference: p.reference }));
  return {
    uniqueId: 'sale-1',
    customerId: 'cust-1',
    lines: recordedLines(calc),
    payments: recorded,
    totalMinor: calc.totalMinor,
    pointsEarned: calc.pointsEarned,
    pointsRedeemed: calc.pointsRedeemed,
    returned: nothingReturned(recorded.length),
    pendingPoints: pendingTransferId ? calc.pointsEarned : 0n,
    pendingTransferId,
    couponsUsed: false,
  };
}

/** One return end to end (pure parts only): amounts → settlement → legs → ledger plan. */
function processReturn(s: SaleForReturn, l: Ledger, selection: ReturnSelection, policy: ReturnPolicy) {
  const amounts = returnOfSale(s, selection);
  const before = available(totalsOf(l, 'cust'));
  const settled = settleReturn({ owed: amounts.pointsOwed, readded: amounts.pointsReadded, pending: s.pendingPoints, available: before, policy });
  const refunds = s.payments.map((p, i) => ({ type: p.type, reference: p.reference, amountMinor: amounts.refunds[i] as bigint }));
  const giftCards = [...giftCardRefunds(refunds)].map(([code, amountMinor]) => ({ code, accountId: 'gcacc', walletId: `gc-${code}`, redemptionWalletId: 'gcred', amountMinor }));
  const legs = returnLedgerOps({ wallets, settlement: settled, readded: amounts.pointsReadded, pendingTransferId: l.pendingTransferId, giftCards, allowNegative: policy === 'allow_negative', tracking });
  const next = legs.length > 0 ? apply(l, planLedgerRequest({ schemeId: 's', systemUniqueKey: 'k', requestHash: 'h', ops: legs }, l.state)) : l;
  const nextSale: SaleForReturn = {
    ...s,
    returned: amounts.returnedAfter,
    pendingPoints: settled.pendingAfter,
    pendingTransferId: settled.pendingAfter > 0n ? next.pendingTransferId : null,
  };
  return { amounts, settled, legs, ledger: next, sale: nextSale };
}

describe('applied to the ledger', () => {
  const lines: SaleLine[] = [{ quantity: 5, sku: 'sku-001', unitSalePrice: 10 }];
  const payments: SalePayment[] = [{ type: 'Cash', amount: 30 }, { type: REDEMPTION, amount: 10 }, { type: GIFT_CARD, amount: 10, reference: 'GC-1' }];

  it('returns inside the window, one by one: pending shrinks, redeemed points and card money come back, nothing leaves the balance', () => {
    // The sale earned 180 points (pending) and redeemed 1000; the customer has 1000 left.
    let s = sale(lines, payments, 'pend-0');
    expect(s).toMatchObject({ pointsEarned: 180n, pointsRedeemed: 1000n, pendingPoints: 180n });
    let l = ledger(1000n, 180n);
    const outstandingBefore = outstanding(l);
    const pendingSeen: bigint[] = [];
    for (let i = 0; i < 5; i++) {
      const r = processReturn(s, l, { kind: 'line_item', lines: [{ sku: 'sku-001', quantity: 1 }] }, 'within_balance');
      expect(r.settled).toMatchObject({ fromPending: 36n, fromAvailable: 0n, shortfall: 0n });
      expect(r.legs.map((o) => o.code)).toEqual(i < 4 ? ['return_void_pending', 'earn_pending', 'return_readd', 'giftcard_refund'] : ['return_void_pending', 'return_readd', 'giftcard_refund']);
      s = r.sale;
      l = r.ledger;
      pendingSeen.push(totalsOf(l, 'cust').creditsPending);
      expect(available(totalsOf(l, 'cust'))).toBe(r.settled.availableAfter);
    }
    expect(pendingSeen).toEqual([144n, 108n, 72n, 36n, 0n]);
    expect(available(totalsOf(l, 'cust'))).toBe(2000n);
    expect(totalsOf(l, 'gc-GC-1').creditsPosted).toBe(1000n);
    expect(outstanding(l)).toBe(outstandingBefore - 180n);
    expect(s.pendingTransferId).toBeNull();
  });

  it('a full return inside the window voids all pending without re-posting', () => {
    const s = sale(lines, payments, 'pend-0');
    const r = processReturn(s, ledger(1000n, 180n), { kind: 'full' }, 'within_balance');
    expect(r.legs.map((o) => o.code)).toEqual(['return_void_pending', 'return_readd', 'giftcard_refund']);
    expect(totalsOf(r.ledger, 'cust')).toMatchObject({ creditsPending: 0n });
    expect(available(totalsOf(r.ledger, 'cust'))).toBe(2000n);
  });

  it('after the window, points spent: within_balance takes the balance to zero and records the shortfall', () => {
    // 5 × 10.00 cash only: 300 points, already activated; the customer kept only 100.
    const s = sale(lines, [{ type: 'Cash' }], null);
    const r = processReturn(s, ledger(100n, 0n), { kind: 'full' }, 'within_balance');
    expect(r.settled).toMatchObject({ fromPending: 0n, fromAvailable: 100n, shortfall: 200n, availableAfter: 0n });
    expect(r.legs).toEqual([
      { type: 'transfer', accountId: 'acc', fromWalletId: 'cust', toWalletId: 'iss', amount: 100n, allowOverdraft: false, code: 'return_deduct', ...tagged },
    ]);
    expect(available(totalsOf(r.ledger, 'cust'))).toBe(0n);
  });

  it('after the window, points spent: allow_negative takes the balance below zero (the overdraft flag lets the ledger do it)', () => {
    const s = sale(lines, [{ type: 'Cash' }], null);
    const r = processReturn(s, ledger(100n, 0n), { kind: 'full' }, 'allow_negative');
    expect(r.settled).toMatchObject({ fromAvailable: 300n, shortfall: 0n, availableAfter: -200n });
    expect(available(totalsOf(r.ledger, 'cust'))).toBe(-200n);
    // Without the flag the same leg is refused by the ledger.
    const noFlag = r.legs.map((o) => (o.type === 'transfer' ? { ...o, allowOverdraft: false } : o));
    expect(() => planLedgerRequest({ schemeId: 's', systemUniqueKey: 'k', requestHash: 'h', ops: noFlag }, ledger(100n, 0n).state)).toThrow(InsufficientPointsError);
  });

  it('partly pending, partly available: the re-added points are back before the deduction is checked', () => {
    // 180 pending, but half of the sale was already activated elsewhere: here 50 pending, balance 0.
    const s = { ...sale(lines, payments, 'pend-0'), pendingPoints: 50n };
    const r = processReturn(s, ledger(0n, 50n), { kind: 'full' }, 'within_balance');
    expect(r.settled).toMatchObject({ fromPending: 50n, fromAvailable: 130n, shortfall: 0n, availableAfter: 870n });
    expect(r.legs.map((o) => o.code)).toEqual(['return_void_pending', 'return_readd', 'giftcard_refund', 'return_deduct']);
    expect(available(totalsOf(r.ledger, 'cust'))).toBe(870n);
  });

  it('random sales and returns: the ledger always accepts the legs and agrees with the settlement', () => {
    const rnd = mulberry32(31337);
    for (let run = 0; run < 150; run++) {
      const policy: ReturnPolicy = run % 2 === 0 ? 'within_balance' : 'allow_negative';
      const qty = intIn(rnd, 1, 6);
      const price = intIn(rnd, 1, 5_000);
      const total = qty * price;
      const redeemed = intIn(rnd, 0, Math.floor(total / 2));
      const giftCard = intIn(rnd, 0, total - redeemed);
      let s = sale(
        [{ quantity: qty, sku: 'x', unitPrice: price / 100 }],
        [{ type: 'Cash' }, { type: REDEMPTION, amount: redeemed / 100 }, { type: GIFT_CARD, amount: giftCard / 100, reference: 'GC-1' }],
        rnd() < 0.5 ? 'pend-0' : null,
      );
      const startAvailable = BigInt(intIn(rnd, -100, 3_000));
      let l = ledger(startAvailable, s.pendingPoints);
      let expectedAvailable = startAvailable;
      let shortfall = 0n;
      let left = qty;
      while (left > 0) {
        const n = intIn(rnd, 1, left);
        left -= n;
        const r = processReturn(s, l, { kind: 'line_item', lines: [{ sku: 'x', quantity: n }] }, policy);
        for (const op of r.legs) expect([run, amountOf(op) === undefined || (amountOf(op) as bigint) > 0n]).toEqual([run, true]);
        expectedAvailable = expectedAvailable + r.amounts.pointsReadded - r.settled.fromAvailable;
        shortfall += r.settled.shortfall;
        s = r.sale;
        l = r.ledger;
        expect([run, available(totalsOf(l, 'cust'))]).toEqual([run, r.settled.availableAfter]);
        expect([run, totalsOf(l, 'cust').creditsPending]).toEqual([run, r.settled.pendingAfter]);
      }
      expect([run, available(totalsOf(l, 'cust'))]).toEqual([run, expectedAvailable]);
      expect([run, totalsOf(l, 'cust').creditsPending, s.pendingTransferId]).toEqual([run, 0n, null]);
      expect([run, totalsOf(l, 'gc-GC-1').creditsPosted]).toEqual([run, BigInt(giftCard)]);
      if (policy === 'allow_negative') expect([run, shortfall]).toEqual([run, 0n]);
      // Every point the sale earned came back: voided, deducted, or recorded as shortfall.
      expect([run, BigInt(s.returned.pointsOwed)]).toEqual([run, s.pointsEarned]);
    }
  });
});
