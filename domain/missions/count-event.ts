import { createHash } from 'node:crypto';
import { BusinessRuleError, NotFoundError } from '../errors';
import type { HubEvent, PurchasePayload } from '../events/hub-event';
import { incrementOf, matches } from './matcher';
import { periodKey } from './period';
import type { MissionOutcome, MissionRule, MissionStatusChange, MissionStore, MissionTransaction } from './ports';
import { applyIncrement } from './progress';
import type { MissionEffect } from './types';

/** The ledger key of a repetition's reward: (mission, customer, repetition), plus the generation once a repetition was undone and earned again. */
export function rewardKey(missionId: string, customerId: string, repetition: number, generation: number): string {
  return `mission/${missionId}/${customerId}/${repetition}${generation > 0 ? `/g${generation}` : ''}`;
}

/** A ledger request's hash for a derived key (the ledger stores 64 hex characters). */
export const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Counts one event toward the scheme's missions (or only `target`: a manual
 * increment) in one transaction; a mission with an audience counts for its
 * members only, judged as the event is first counted. The contribution row (unique per mission,
 * customer and event) is what makes a replayed event change nothing: it
 * answers what it answered the first time.
 */
export function countEvent(store: MissionStore, event: HubEvent, target?: { missionId: string; amount: string }): Promise<MissionOutcome> {
  return store.transaction(async (tx) => {
    const at = new Date(event.occurredAt);
    const timeZone = await tx.timeZone(event.schemeId);
    const rules = target ? [await targeted(tx, event.schemeId, target.missionId, at)] : await tx.openMissions(event.schemeId, event.type, at);
    const outcome: MissionOutcome = { effects: [], changes: [] };
    for (const rule of rules) {
      if (!target && !matches(rule.mission.matcher, event.payload)) continue;
      if (rule.mission.audienceId) {
        // Counted before (a retried activity): the first answer stands, whatever the member's audience is now — the
        // count's own reward may have moved them out of it.
        const first = await tx.previousOutcome(rule.mission.id, event.customerId, event.key);
        if (first) {
          outcome.effects.push(first.effect);
          outcome.changes.push(...first.changes);
          continue;
        }
        if (!(await tx.inAudience(event.schemeId, rule.mission.audienceId, event.customerId))) {
          // A manual increment names the mission: saying why it counted nothing beats a silent no-op.
          if (target) throw new BusinessRuleError("The customer is not in the mission's audience", [{ path: 'params.customerId', message: event.customerId }]);
          continue;
        }
      }
      const amount = target ? BigInt(target.amount) : incrementOf(rule.mission.incrementBy, event.payload);
      const counted = await countOne(tx, rule, event, amount, at, timeZone);
      if (!counted) continue;
      outcome.effects.push(counted.effect);
      outcome.changes.push(...counted.changes);
    }
    return outcome;
  });
}

/** A manual increment names its mission: it must be the scheme's and open now. */
async function targeted(tx: MissionTransaction, schemeId: string, missionId: string, at: Date): Promise<MissionRule> {
  const found = await tx.mission(schemeId, missionId, at);
  if (!found) throw new NotFoundError('Mission');
  if (!found.open) throw new BusinessRuleError('The mission is not active or not within its validity dates', [{ path: 'params.missionId', message: missionId }]);
  return found.rule;
}

/** One mission: lock the progress, record the contribution (or answer the first), pay each completed repetition, save. */
async function countOne(tx: MissionTransaction, rule: MissionRule, event: HubEvent, amount: bigint, at: Date, timeZone: string): Promise<{ effect: MissionEffect; changes: MissionStatusChange[] } | null> {
  const m = rule.mission;
  const progress = await tx.lockProgress(event.schemeId, m.id, event.customerId);
  const period = m.repetitionPeriod ? periodKey(at, m.repetitionPeriod, timeZone) : null;
  const step = applyIncrement(progress.state, rule.limits, amount, period);
  const purchase = event.type === 'member-purchase-order-confirmed' ? (event.payload as Partial<PurchasePayload>) : null;
  const contribution = await tx.contribute({ schemeId: event.schemeId, missionId: m.id, customerId: event.customerId, eventKey: event.key, counted: step.counted, completed: step.completed, saleUniqueId: purchase?.uniqueId ?? null, reversibleUntil: purchase?.returnWindowEndsAt ?? null });
  // Counted before (a retried activity, a replayed event): nothing changes, and the answer is the first one.
  if (!contribution) return tx.previousOutcome(m.id, event.customerId, event.key);

  const rewards = { ...progress.rewards };
  const changes: MissionStatusChange[] = [];
  for (const repetition of step.completed) {
    const key = rewardKey(m.id, event.customerId, repetition, progress.generation);
    if (rule.points > 0n) {
      const w = await tx.wallets(event.schemeId, m.ledgerAccountId ?? null, event.customerId);
      await tx.post({ schemeId: event.schemeId, systemUniqueKey: key, requestHash: keyHash(key), ops: [{ type: 'mint', accountId: w.accountId, walletId: w.customerWalletId, amount: rule.points, code: 'mission_reward', externalId: event.key, description: `mission ${m.code} #${repetition}`, tags: ['mission', ...m.tags] }] });
    }
    rewards[String(repetition)] = { key, points: rule.points.toString() };
    changes.push({ missionId: m.id, code: m.code, customerId: event.customerId, repetition, status: 'completed', rewardKey: key, points: rule.points.toString() });
  }
  await tx.saveProgress(m.id, event.customerId, step.state, rewards);
  const effect: MissionEffect = {
    missionId: m.id,
    code: m.code,
    counted: step.counted.toString(),
    counterAfter: step.state.counter.toString(),
    timesAchieved: step.state.timesAchieved,
    completed: step.completed,
    pointsAwarded: (rule.points * BigInt(step.completed.length)).toString(),
    capped: step.capped,
  };
  await tx.finishContribution(contribution, step.completed.map((r) => rewards[String(r)]?.key), { effect, changes });
  return { effect, changes };
}
