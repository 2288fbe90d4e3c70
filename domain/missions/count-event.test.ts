import type { HubEvent } from '../events/hub-event';
import type { LedgerRequest } from '../ledger/operations';
import { countEvent, rewardKey } from './count-event';
import type { LockedProgress, MissionRule, MissionStatusChange, MissionStore, MissionTransaction } from './ports';
import type { MissionEffect } from './types';

const rule = (over: Partial<MissionRule['mission']> = {}, points = 10n, goal = 2n): MissionRule => ({
  mission: { id: 'm-1', schemeId: 's-1', code: 'VISITS', name: 'Visits', tags: ['t'], active: true, eventType: 'member-purchase-order-confirmed', goalCount: Number(goal), maxRepetitions: 3, pointsAccrual: Number(points), customAttributes: {}, createdAt: '', updatedAt: '', ...over },
  limits: { goalCount: goal, maxRepetitions: 3, periodLimit: null },
  points,
});
const event = (over: Partial<HubEvent> = {}): HubEvent => ({ schemeId: 's-1', key: 'sale/u-1', type: 'member-purchase-order-confirmed', customerId: 'c-1', occurredAt: '2026-12-02T10:00:00.000Z', payload: { uniqueId: 'u-1', returnWindowEndsAt: null, quantity: 3 }, ...over });

/** A store with one customer's progress per mission; contributions unique per (mission, event). */
function fakeStore(rules: MissionRule[], opts: { progress?: Partial<LockedProgress>; open?: boolean; audiences?: string[] } = {}) {
  const posted: LedgerRequest[] = [];
  const saved: Array<{ missionId: string; counter: bigint; rewards: LockedProgress['rewards'] }> = [];
  const contributions = new Map<string, { effect: MissionEffect; changes: MissionStatusChange[] } | null>();
  const tx: MissionTransaction = {
    timeZone: async () => 'Europe/Malta',
    openMissions: async () => rules,
    mission: async (_s, id) => {
      const r = rules.find((x) => x.mission.id === id);
      return r ? { rule: r, open: opts.open ?? true } : null;
    },
    inAudience: async (_s, audienceId) => (opts.audiences ?? []).includes(audienceId),
    lockProgress: async () => ({ state: { counter: 0n, timesAchieved: 0, periodKey: null, periodCompletions: 0 }, generation: 0, rewards: {}, ...opts.progress }),
    saveProgress: async (missionId, _c, state, rewards) => void saved.push({ missionId, counter: state.counter, rewards }),
    contribute: async (c) => {
      const key = `${c.missionId}/${c.eventKey}`;
      if (contributions.has(key)) return null;
      contributions.set(key, null);
      return key;
    },
    previousOutcome: async (missionId, _c, eventKey) => contributions.get(`${missionId}/${eventKey}`) ?? null,
    finishContribution: async (id, _keys, outcome) => void contributions.set(id, outcome),
    wallets: async () => ({ accountId: 'acc', customerWalletId: 'w-c', issuanceWalletId: 'w-i' }),
    post: async (req) => (posted.push(req), { transfers: [], replayed: false }),
    saleContributions: async () => [],
    missionById: async () => null,
    rolledBack: async () => undefined,
    returnPolicy: async () => 'within_balance',
    lockAvailable: async () => new Map(),
  };
  const store: MissionStore = { transaction: (fn) => fn(tx) };
  return { store, posted, saved };
}

describe('countEvent', () => {
  it('counts a matching event, pays each completed repetition once under its own key, and saves the progress', async () => {
    const f = fakeStore([rule({ incrementBy: { var: 'quantity' } })]);
    const out = await countEvent(f.store, event());
    expect(out.effects).toEqual([{ missionId: 'm-1', code: 'VISITS', counted: '3', counterAfter: '1', timesAchieved: 1, completed: [1], pointsAwarded: '10', capped: null }]);
    expect(out.changes).toEqual([{ missionId: 'm-1', code: 'VISITS', customerId: 'c-1', repetition: 1, status: 'completed', rewardKey: rewardKey('m-1', 'c-1', 1, 0), points: '10' }]);
    expect(f.posted).toHaveLength(1);
    expect(f.posted[0]).toMatchObject({ systemUniqueKey: 'mission/m-1/c-1/1', ops: [{ type: 'mint', amount: 10n, code: 'mission_reward', externalId: 'sale/u-1' }] });
    expect(f.saved).toEqual([{ missionId: 'm-1', counter: 1n, rewards: { '1': { key: 'mission/m-1/c-1/1', points: '10' } } }]);
  });

  it('answers a replayed event with its first outcome, changing nothing', async () => {
    const f = fakeStore([rule()]);
    const first = await countEvent(f.store, event());
    const again = await countEvent(f.store, event());
    expect(again).toEqual(first);
    expect(f.saved).toHaveLength(1);
  });

  it('skips missions whose matcher does not match, and pays nothing for a mission without points', async () => {
    const f = fakeStore([rule({ id: 'm-a', matcher: { '==': [{ var: 'quantity' }, 99] } }), rule({ id: 'm-b' }, 0n, 1n)]);
    const out = await countEvent(f.store, event());
    expect(out.effects.map((e) => e.missionId)).toEqual(['m-b']);
    expect(out.changes).toMatchObject([{ missionId: 'm-b', points: '0' }]);
    expect(f.posted).toEqual([]);
  });

  it("counts for the mission's audience only: a member outside it is skipped by events and refused by a manual increment", async () => {
    const rules = [rule({ id: 'm-a', audienceId: 'vip' }), rule({ id: 'm-b', audienceId: 'new' }), rule({ id: 'm-c' })];
    const out = await countEvent(fakeStore(rules, { audiences: ['vip'] }).store, event());
    expect(out.effects.map((e) => e.missionId)).toEqual(['m-a', 'm-c']);
    await expect(countEvent(fakeStore(rules, { audiences: ['vip'] }).store, event(), { missionId: 'm-b', amount: '1' })).rejects.toMatchObject({ type: 'business_rule_violated' });
    expect((await countEvent(fakeStore(rules, { audiences: ['new'] }).store, event(), { missionId: 'm-b', amount: '1' })).effects).toHaveLength(1);
  });

  it('answers a retried event with its first outcome even when the member has left the audience since', async () => {
    const audiences = ['vip'];
    const f = fakeStore([rule({ id: 'm-a', audienceId: 'vip' })], { audiences });
    const first = await countEvent(f.store, event());
    audiences.length = 0;
    expect(await countEvent(f.store, event())).toEqual(first);
    expect(first.effects).toHaveLength(1);
    // A manual increment retried the same way is answered, not refused; a new one is refused.
    audiences.push('vip');
    const inc = await countEvent(f.store, event({ key: 'api/inc-1' }), { missionId: 'm-a', amount: '1' });
    audiences.length = 0;
    expect(await countEvent(f.store, event({ key: 'api/inc-1' }), { missionId: 'm-a', amount: '1' })).toEqual(inc);
    await expect(countEvent(f.store, event({ key: 'api/inc-2' }), { missionId: 'm-a', amount: '1' })).rejects.toMatchObject({ type: 'business_rule_violated' });
  });

  it('a manual increment names its mission: unknown is not found, closed is refused, open counts the given amount', async () => {
    await expect(countEvent(fakeStore([]).store, event(), { missionId: 'nope', amount: '1' })).rejects.toMatchObject({ type: 'not_found' });
    await expect(countEvent(fakeStore([rule()], { open: false }).store, event(), { missionId: 'm-1', amount: '1' })).rejects.toMatchObject({ type: 'business_rule_violated' });
    const out = await countEvent(fakeStore([rule({ matcher: { '==': [1, 2] } })]).store, event(), { missionId: 'm-1', amount: '5' });
    expect(out.effects[0]).toMatchObject({ counted: '5', completed: [1, 2] });
  });

  it('keys a repetition earned again after a rollback by its generation', async () => {
    const f = fakeStore([rule({}, 10n, 1n)], { progress: { generation: 2 } });
    await countEvent(f.store, event());
    expect(f.posted[0]?.systemUniqueKey).toBe('mission/m-1/c-1/1/g2');
  });
});
