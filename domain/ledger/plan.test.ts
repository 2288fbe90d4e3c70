import type { LedgerOp } from './operations';
import { planLedgerRequest, walletsToLock, type PlanState } from './plan';
import { available, zeroTotals } from './wallet';

const ACC = 'acc';
function state(): PlanState {
  let n = 0;
  const w = (id: string, kind: 'customer' | 'issuance' | 'redemption' | 'expiry', credits = 0n) => [
    id,
    { id, accountId: ACC, kind, totals: { ...zeroTotals(), creditsPosted: credits } },
  ] as const;
  return {
    accounts: new Map([[ACC, { id: ACC, active: true, maxSupply: null, system: { issuance: 'iss', redemption: 'red', expiry: 'exp' } }]]),
    wallets: new Map([w('a', 'customer', 100n), w('b', 'customer'), w('iss', 'issuance'), w('red', 'redemption'), w('exp', 'expiry')]),
    referenced: new Map(),
    now: new Date('2026-11-22T00:00:00Z'),
    newId: () => `t${++n}`,
  };
}
const plan = (ops: LedgerOp[], s = state()) => planLedgerRequest({ schemeId: 's', systemUniqueKey: 'k', requestHash: 'h', ops }, s);

it('locks every wallet an operation touches, system wallets included, in id order', () => {
  const s = state();
  expect(walletsToLock([{ type: 'mint', accountId: ACC, walletId: 'b', amount: 1n }, { type: 'burn', accountId: ACC, walletId: 'a', amount: 1n }], s.accounts, new Map())).toEqual([
    'a',
    'b',
    'iss',
    'red',
  ]);
});

it('lets later operations of a batch see the earlier ones', () => {
  const p = plan([
    { type: 'transfer', accountId: ACC, fromWalletId: 'a', toWalletId: 'b', amount: 100n },
    { type: 'burn', accountId: ACC, walletId: 'b', amount: 100n },
  ]);
  expect(available(p.wallets.get('b') ?? zeroTotals())).toBe(0n);
  expect(p.transfers.map((t) => t.status)).toEqual(['posted', 'posted']);
});

it('refuses the whole batch when one operation breaks a rule', () => {
  expect(() =>
    plan([
      { type: 'transfer', accountId: ACC, fromWalletId: 'a', toWalletId: 'b', amount: 60n },
      { type: 'transfer', accountId: ACC, fromWalletId: 'a', toWalletId: 'b', amount: 60n },
    ]),
  ).toThrow(/Insufficient points: 40 available, 60 requested/);
});

it('refuses to resolve one hold twice in a batch', () => {
  const s = state();
  s.referenced.set('p', {
    id: 'p', accountId: ACC, debitWalletId: 'a', creditWalletId: 'red', amount: 10n, status: 'pending', code: 'burn', description: null, tags: [],
    externalId: null, externalEventDate: null, systemUniqueKey: 'x', pendingId: null, timeoutAt: null, reversalOf: null, atomicSetId: null,
    allowOverdraft: false, createdAt: '', resolved: false, reversed: false,
  });
  s.wallets.set('a', { id: 'a', accountId: ACC, kind: 'customer', totals: { ...zeroTotals(), creditsPosted: 100n, debitsPending: 10n } });
  s.wallets.set('red', { id: 'red', accountId: ACC, kind: 'redemption', totals: { ...zeroTotals(), creditsPending: 10n } });
  expect(() => plan([{ type: 'capture', accountId: ACC, pendingTransferId: 'p' }, { type: 'void', accountId: ACC, pendingTransferId: 'p' }], s)).toThrow(
    /already captured, voided or expired/,
  );
});

it('refuses a transfer to the same wallet and a wallet of another account', () => {
  expect(() => plan([{ type: 'transfer', accountId: ACC, fromWalletId: 'a', toWalletId: 'a', amount: 1n }])).toThrow(/two different wallets/);
  const s = state();
  s.wallets.set('z', { id: 'z', accountId: 'other', kind: 'customer', totals: zeroTotals() });
  expect(() => plan([{ type: 'transfer', accountId: ACC, fromWalletId: 'a', toWalletId: 'z', amount: 1n }], s)).toThrow(/another ledger account/);
});

it('refuses an amount the ledger cannot post, computed or sent, as a validation error', () => {
  expect(() => plan([{ type: 'mint', accountId: ACC, walletId: 'b', amount: 18_446_744_073_710n }])).toThrow(/outside what the ledger posts/);
  expect(() => plan([{ type: 'burn', accountId: ACC, walletId: 'a', amount: 0n }])).toThrow(/outside what the ledger posts/);
  expect(() => plan([{ type: 'mint', accountId: ACC, walletId: 'b', amount: 18_446_744_073_709n }])).not.toThrow();
});

it('reverts a transfer at most once within one request as well as across requests', () => {
  const s = state();
  s.referenced.set('t0', {
    id: 't0', accountId: ACC, debitWalletId: 'iss', creditWalletId: 'a', amount: 50n, status: 'posted', code: 'mint', description: null, tags: [],
    externalId: null, externalEventDate: null, systemUniqueKey: 'k0', pendingId: null, timeoutAt: null, reversalOf: null, atomicSetId: null,
    allowOverdraft: false, createdAt: '2026-11-21T00:00:00Z', resolved: false, reversed: false,
  });
  const revert = { type: 'revert', accountId: ACC, transferId: 't0', amount: 10n } as const;
  expect(plan([revert], s).transfers).toHaveLength(1);
  expect(() => plan([revert, revert], s)).toThrow('This transaction was already reverted');
});
