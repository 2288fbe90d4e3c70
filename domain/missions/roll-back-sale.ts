import type { HubEvent, ReturnPayload } from '../events/hub-event';
import type { LedgerOp } from '../ledger/operations';
import { reversalOf } from '../referrals/rules';
import { keyHash } from './count-event';
import type { MissionOutcome, MissionStatusChange, MissionStore, MissionTransaction, SaleContribution } from './ports';
import { rollBack } from './progress';
import type { MissionEffect } from './types';

/**
 * A sale came back in full: what it counted toward each mission is taken
 * back, in one transaction. Inside the sale's return window the repetitions
 * that no longer hold are undone and their rewards reversed (per the scheme's
 * return policy); after it, completed repetitions stand. Each contribution is
 * rolled back once; a retry answers what the first did.
 */
export function rollBackSale(store: MissionStore, event: HubEvent): Promise<MissionOutcome> {
  return store.transaction(async (tx) => {
    const outcome: MissionOutcome = { effects: [], changes: [] };
    const payload = event.payload as Partial<ReturnPayload>;
    if (!payload.fullyReturned || !payload.saleUniqueId) return outcome;
    const contributions = await tx.saleContributions(event.schemeId, event.customerId, payload.saleUniqueId);
    if (contributions.length === 0) return outcome;
    const policy = await tx.returnPolicy(event.schemeId);
    for (const c of contributions) {
      const done = c.rolledBack === null ? await rollBackOne(tx, c, event, policy) : c.rolledBack === 'without-answer' ? null : c.rolledBack;
      if (!done) continue;
      outcome.effects.push(done.effect);
      outcome.changes.push(...done.changes);
    }
    return outcome;
  });
}

async function rollBackOne(tx: MissionTransaction, c: SaleContribution, event: HubEvent, policy: Awaited<ReturnType<MissionTransaction['returnPolicy']>>): Promise<{ effect: MissionEffect; changes: MissionStatusChange[] } | null> {
  const rule = await tx.missionById(c.missionId);
  if (!rule) return null;
  const m = rule.mission;
  const progress = await tx.lockProgress(event.schemeId, m.id, event.customerId);
  const inside = c.reversibleUntil !== null && new Date(event.occurredAt).getTime() < new Date(c.reversibleUntil).getTime();
  const { state, undone } = rollBack(progress.state, rule.limits, c.amount, inside);
  const rewards = { ...progress.rewards };
  const changes: MissionStatusChange[] = [];
  let reversed = 0n;
  for (const repetition of undone) {
    const reward = rewards[String(repetition)];
    delete rewards[String(repetition)];
    if (!reward || BigInt(reward.points) === 0n) continue;
    const w = await tx.wallets(event.schemeId, m.ledgerAccountId ?? null, event.customerId);
    // Locked before reading the balance the policy decides on.
    const available = await tx.lockAvailable(event.schemeId, [w.customerWalletId, w.issuanceWalletId]);
    const take = reversalOf(BigInt(reward.points), available.get(w.customerWalletId) ?? 0n, policy);
    if (take.amount > 0n) {
      const ops: LedgerOp[] = [{ type: 'transfer', accountId: w.accountId, fromWalletId: w.customerWalletId, toWalletId: w.issuanceWalletId, amount: take.amount, allowOverdraft: policy === 'allow_negative', code: 'mission_reward_reversal', externalId: event.key, description: `mission ${m.code} #${repetition} reversed`, tags: ['mission'] }];
      await tx.post({ schemeId: event.schemeId, systemUniqueKey: `${reward.key}/reversal`, requestHash: keyHash(`${reward.key}/reversal`), ops });
    }
    reversed += take.amount;
    changes.push({ missionId: m.id, code: m.code, customerId: event.customerId, repetition, status: 'reversed', rewardKey: reward.key, points: take.amount.toString() });
  }
  await tx.saveProgress(m.id, event.customerId, state, rewards, progress.generation + (undone.length > 0 ? 1 : 0));
  const effect: MissionEffect = {
    missionId: m.id,
    code: m.code,
    counted: '0',
    counterAfter: state.counter.toString(),
    timesAchieved: state.timesAchieved,
    completed: [],
    pointsAwarded: '0',
    capped: null,
    rolledBack: { amount: c.amount.toString(), undone, pointsReversed: reversed.toString() },
  };
  await tx.rolledBack(c.id, { effect, changes });
  return { effect, changes };
}
