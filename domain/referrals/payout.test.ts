import type { HubEvent } from '../events/hub-event';
import type { LedgerRequest } from '../ledger/operations';
import type { ReturnPolicy } from '../returns/types';
import { closeReferral, expireReferral, reverseReferral, rewardReferral } from './payout';
import type { ReferralStore, ReferralTransaction } from './ports';
import type { Referral } from './types';

const referral = (over: Partial<Referral> = {}): Referral => ({
  id: 'r-1', schemeId: 's-1', programId: 'p-1', codeId: 'c-1', code: 'FRIEND', referrerCustomerId: 'alice', referredCustomerId: 'bob', status: 'PENDING',
  terms: { eventType: 'member-purchase-order-confirmed', minPurchaseMinor: null, referrerPoints: '100', referredPoints: '50', reverseOnReturn: true },
  expiresAt: '2027-01-01T00:00:00.000Z', referrerPaid: '0', referredPaid: '0', note: null, qualifyingEventKey: null, qualifyingSaleId: null, qualifiedAt: null, closedAt: null, reversal: null, workflowId: 'w', createdAt: '2026-12-01T00:00:00.000Z',
  ...over,
});
const purchase: HubEvent = { schemeId: 's-1', key: 'sale/u-9', type: 'purchase', customerId: 'bob', occurredAt: '2026-12-02T00:00:00.000Z', payload: { uniqueId: 'u-9' } };

/** A store around one referral: slots up to `cap`, balances by wallet, what was posted and marked. */
function fakeStore(r: Referral, opts: { slotFree?: boolean; available?: Record<string, bigint>; policy?: ReturnPolicy } = {}) {
  const posted: LedgerRequest[] = [];
  const marks: Array<{ op: string; args: unknown[] }> = [];
  const tx: ReferralTransaction = {
    lock: async () => r,
    program: async () => ({ maxReferralsPerMember: '3', referrerAccountId: null, referredAccountId: null }),
    claimReferrerSlot: async () => (marks.push({ op: 'claimSlot', args: [] }), opts.slotFree ?? true),
    releaseReferrerSlot: async () => void marks.push({ op: 'releaseSlot', args: [] }),
    wallets: async (_s, _a, customerId) => ({ accountId: 'acc', customerWalletId: `w-${customerId}`, issuanceWalletId: 'w-iss' }),
    lockAvailable: async () => new Map(Object.entries(opts.available ?? {})),
    returnPolicy: async () => opts.policy ?? 'within_balance',
    post: async (req) => (posted.push(req), { transfers: [], replayed: false }),
    qualified: async (id, p) => (marks.push({ op: 'qualified', args: [p] }), { ...r, status: 'QUALIFIED', referrerPaid: String(p.referrerPaid), referredPaid: String(p.referredPaid), note: p.note }),
    reversed: async (id, rev) => (marks.push({ op: 'reversed', args: [rev] }), { ...r, status: 'REVERSED' }),
    expired: async () => (marks.push({ op: 'expired', args: [] }), { ...r, status: 'EXPIRED' }),
    closed: async () => (marks.push({ op: 'closed', args: [] }), { ...r, closedAt: 'now' }),
  };
  const store: ReferralStore = { transaction: (fn) => fn(tx) };
  return { store, posted, marks };
}

describe('rewardReferral', () => {
  it('pays both sides in one set keyed by the referral, and qualifies it with the sale', async () => {
    const f = fakeStore(referral());
    const out = await rewardReferral(f.store, 'r-1', purchase);
    expect(out).toMatchObject({ status: 'QUALIFIED', referrerPaid: '100', referredPaid: '50', note: null });
    expect(f.posted).toHaveLength(1);
    expect(f.posted[0]).toMatchObject({ systemUniqueKey: 'referral/r-1/reward', ops: [{ type: 'mint', walletId: 'w-bob', amount: 50n }, { type: 'mint', walletId: 'w-alice', amount: 100n }] });
    expect(f.marks.at(-1)).toEqual({ op: 'qualified', args: [{ referrerPaid: 100n, referredPaid: 50n, note: null, eventKey: 'sale/u-9', saleId: 'u-9' }] });
  });

  it('past the referrer cap pays the referred customer only, and says why', async () => {
    const f = fakeStore(referral(), { slotFree: false });
    const out = await rewardReferral(f.store, 'r-1', purchase);
    expect(out.referrerPaid).toBe('0');
    expect(out.note).toMatch(/maximum of 3 referrals/);
    expect(f.posted[0]?.ops).toHaveLength(1);
  });

  it('answers a referral past PENDING as it is (a retry), posting nothing', async () => {
    const f = fakeStore(referral({ status: 'QUALIFIED' }));
    expect(await rewardReferral(f.store, 'r-1', purchase)).toMatchObject({ status: 'QUALIFIED' });
    expect(f.posted).toEqual([]);
    expect(f.marks).toEqual([]);
  });
});

describe('reverseReferral', () => {
  const paid = referral({ status: 'QUALIFIED', referrerPaid: '100', referredPaid: '50' });

  it('takes back what each balance holds under within_balance, the rest as shortfall, and frees the referrer slot', async () => {
    const f = fakeStore(paid, { available: { 'w-bob': 20n, 'w-alice': 100n } });
    await reverseReferral(f.store, 'r-1', 'return/x');
    expect(f.posted[0]).toMatchObject({ systemUniqueKey: 'referral/r-1/reversal', ops: [{ fromWalletId: 'w-bob', amount: 20n, allowOverdraft: false }, { fromWalletId: 'w-alice', amount: 100n }] });
    expect(f.marks.map((m) => m.op)).toEqual(['releaseSlot', 'reversed']);
    expect(f.marks[1]?.args[0]).toEqual({ referredReversed: '20', referrerReversed: '100', shortfall: '30', returnKey: 'return/x' });
  });

  it('takes everything back under allow_negative', async () => {
    const f = fakeStore(paid, { available: {}, policy: 'allow_negative' });
    await reverseReferral(f.store, 'r-1', 'return/x');
    expect(f.posted[0]?.ops).toMatchObject([{ amount: 50n, allowOverdraft: true }, { amount: 100n, allowOverdraft: true }]);
  });

  it('keeps the referrer slot when the referrer was not paid, and does nothing to a referral not QUALIFIED', async () => {
    const f = fakeStore({ ...paid, referrerPaid: '0' }, { available: { 'w-bob': 50n } });
    await reverseReferral(f.store, 'r-1', 'return/x');
    expect(f.marks.map((m) => m.op)).toEqual(['reversed']);
    const untouched = fakeStore(referral({ status: 'EXPIRED' }));
    await reverseReferral(untouched.store, 'r-1', 'return/x');
    expect(untouched.posted).toEqual([]);
    expect(untouched.marks).toEqual([]);
  });
});

describe('expireReferral and closeReferral', () => {
  it('expire only a PENDING referral, close only an open QUALIFIED one', async () => {
    expect((await expireReferral(fakeStore(referral()).store, 'r-1')).status).toBe('EXPIRED');
    const q = fakeStore(referral({ status: 'QUALIFIED' }));
    expect((await expireReferral(q.store, 'r-1')).status).toBe('QUALIFIED');
    expect((await closeReferral(q.store, 'r-1')).closedAt).toBe('now');
    const closed = fakeStore(referral({ status: 'QUALIFIED', closedAt: 'before' }));
    await closeReferral(closed.store, 'r-1');
    expect(closed.marks).toEqual([]);
  });
});
