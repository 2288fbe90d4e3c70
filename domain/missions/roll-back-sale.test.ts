import type { HubEvent } from '../events/hub-event';
import type { LedgerRequest } from '../ledger/operations';
import type { ReturnPolicy } from '../returns/types';
import type { MissionRule, MissionStore, MissionTransaction, SaleContribution } from './ports';
import { rollBackSale } from './roll-back-sale';

const rule: MissionRule = {
  mission: { id: 'm-1', schemeId: 's-1', code: 'VISITS', name: 'Visits', tags: [], active: true, eventType: 'member-purchase-order-confirmed', goalCount: 1, maxRepetitions: 5, pointsAccrual: 10, customAttributes: {}, createdAt: '', updatedAt: '' },
  limits: { goalCount: 1n, maxRepetitions: 5, periodLimit: null },
  points: 10n,
};
const returned = (over: Record<string, unknown> = {}): HubEvent => ({ schemeId: 's-1', key: 'return/r-1', type: 'member-purchase-order-returned', customerId: 'c-1', occurredAt: '2026-12-02T10:00:00.000Z', payload: { saleUniqueId: 'u-1', fullyReturned: true, ...over } });
/** The sale counted 1 and completed repetition 1 (10 points paid under its key). */
const contribution = (over: Partial<SaleContribution> = {}): SaleContribution => ({ id: 'k-1', missionId: 'm-1', amount: 1n, reversibleUntil: '2026-12-10T00:00:00.000Z', rolledBack: null, ...over });

function fakeStore(contributions: SaleContribution[], opts: { available?: bigint; policy?: ReturnPolicy } = {}) {
  const posted: LedgerRequest[] = [];
  const saved: Array<{ counter: bigint; timesAchieved: number; generation?: number; rewards: Record<string, unknown> }> = [];
  const marked: string[] = [];
  const tx: Partial<MissionTransaction> = {
    saleContributions: async () => contributions,
    returnPolicy: async () => opts.policy ?? 'within_balance',
    missionById: async (id) => (id === 'm-1' ? rule : null),
    inAudience: async () => true,
    lockProgress: async () => ({ state: { counter: 0n, timesAchieved: 1, periodKey: null, periodCompletions: 0 }, generation: 0, rewards: { '1': { key: 'mission/m-1/c-1/1', points: '10' } } }),
    wallets: async () => ({ accountId: 'acc', customerWalletId: 'w-c', issuanceWalletId: 'w-i' }),
    lockAvailable: async () => new Map([['w-c', opts.available ?? 100n]]),
    post: async (req) => (posted.push(req), { transfers: [], replayed: false }),
    saveProgress: async (_m, _c, state, rewards, generation) => void saved.push({ counter: state.counter, timesAchieved: state.timesAchieved, generation, rewards }),
    rolledBack: async (id) => void marked.push(id),
  };
  const store: MissionStore = { transaction: (fn) => fn(tx as MissionTransaction) };
  return { store, posted, saved, marked };
}

describe('rollBackSale', () => {
  it('inside the return window undoes the repetition, reverses its reward under the reward key, and moves the generation on', async () => {
    const f = fakeStore([contribution()]);
    const out = await rollBackSale(f.store, returned());
    expect(out.effects[0]).toMatchObject({ missionId: 'm-1', timesAchieved: 0, rolledBack: { amount: '1', undone: [1], pointsReversed: '10' } });
    expect(out.changes).toEqual([{ missionId: 'm-1', code: 'VISITS', customerId: 'c-1', repetition: 1, status: 'reversed', rewardKey: 'mission/m-1/c-1/1', points: '10' }]);
    expect(f.posted[0]).toMatchObject({ systemUniqueKey: 'mission/m-1/c-1/1/reversal', ops: [{ type: 'transfer', fromWalletId: 'w-c', toWalletId: 'w-i', amount: 10n, allowOverdraft: false }] });
    expect(f.saved).toEqual([{ counter: 0n, timesAchieved: 0, generation: 1, rewards: {} }]);
    expect(f.marked).toEqual(['k-1']);
  });

  it('takes back only what the balance holds under within_balance', async () => {
    const f = fakeStore([contribution()], { available: 4n });
    const out = await rollBackSale(f.store, returned());
    expect(out.changes[0]?.points).toBe('4');
  });

  it('after the window keeps completed repetitions (nothing reversed, generation unchanged)', async () => {
    const f = fakeStore([contribution({ reversibleUntil: '2026-12-01T00:00:00.000Z' })]);
    const out = await rollBackSale(f.store, returned());
    expect(out.changes).toEqual([]);
    expect(f.posted).toEqual([]);
    expect(f.saved[0]).toMatchObject({ timesAchieved: 1, generation: 0 });
  });

  it('answers a contribution rolled back before with its first answer, and ignores partial returns', async () => {
    const first = { effect: { missionId: 'm-1', code: 'VISITS', counted: '0', counterAfter: '0', timesAchieved: 0, completed: [], pointsAwarded: '0', capped: null }, changes: [] };
    const f = fakeStore([contribution({ rolledBack: first }), contribution({ id: 'k-2', rolledBack: 'without-answer' })]);
    expect(await rollBackSale(f.store, returned())).toEqual({ effects: [first.effect], changes: [] });
    expect(f.posted).toEqual([]);
    expect(f.marked).toEqual([]);
    expect(await rollBackSale(fakeStore([contribution()]).store, returned({ fullyReturned: false }))).toEqual({ effects: [], changes: [] });
  });
});
