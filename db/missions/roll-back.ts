import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubEvent, ReturnPayload } from '../../domain/events/hub-event';
import type { LedgerOp } from '../../domain/ledger/operations';
import type { MissionOutcome, MissionStatusChange } from '../../domain/missions/ports';
import type { MissionEffect } from '../../domain/missions/types';
import { rollBack } from '../../domain/missions/progress';
import { reversalOf } from '../../domain/referrals/rules';
import { walletsFor } from '../ledger/customer-wallets';
import { queryIn, type LedgerEngine } from '../ledger/ledger-engine';
import { lockAvailable } from '../ledger/wallet-locks';
import { schemeSettings } from '../returns/return-state';
import { keyHash, lockProgress, saveProgress } from './progress-row';
import { limitsOf, toState, type MissionRow } from './rows';

interface ContributionRow {
  id: string;
  mission_id: string;
  amount: string;
  reversible_until: Date | null;
  rolled_back_at: Date | null;
  outcome: { rollback?: { effect: MissionEffect; changes: MissionStatusChange[] } } | null;
}

/**
 * A sale came back in full: what it counted toward each mission is taken
 * back. Inside the sale's return window the repetitions that no longer hold
 * are undone and their rewards reversed (per the scheme's return policy);
 * after it, completed repetitions stand. Each contribution is rolled back once
 * (`rolled_back_at`), in the same transaction as the progress and the ledger.
 */
export async function rollBackSaleIn(em: EntityManager, ledger: LedgerEngine, event: HubEvent): Promise<MissionOutcome> {
  const q = queryIn(em);
  await q("set local lock_timeout = '3s'");
  const outcome: MissionOutcome = { effects: [], changes: [] };
  const payload = event.payload as Partial<ReturnPayload>;
  if (!payload.fullyReturned || !payload.saleUniqueId) return outcome;
  const contributions = await q<ContributionRow>(
    `select id, mission_id, amount, reversible_until, rolled_back_at, outcome from mission_contributions
      where scheme_id = ? and customer_id = ? and sale_unique_id = ? order by mission_id for update`,
    [event.schemeId, event.customerId, payload.saleUniqueId],
  );
  if (contributions.length === 0) return outcome;
  const { policy } = await schemeSettings(q, event.schemeId);
  const at = new Date(event.occurredAt).getTime();

  for (const c of contributions) {
    if (c.rolled_back_at) {
      // Rolled back before (a retried activity): the answer is the first one.
      if (c.outcome?.rollback) {
        outcome.effects.push(c.outcome.rollback.effect);
        outcome.changes.push(...c.outcome.rollback.changes);
      }
      continue;
    }
    const [m] = await q<MissionRow>('select * from missions where id = ?', [c.mission_id]);
    if (!m) continue;
    const row = await lockProgress(q, event.schemeId, m.id, event.customerId);
    const inside = c.reversible_until !== null && at < new Date(c.reversible_until).getTime();
    const { state, undone } = rollBack(toState(row), limitsOf(m), BigInt(c.amount), inside);
    const rewards = { ...row.rewards };
    const changes: MissionStatusChange[] = [];
    let reversed = 0n;
    for (const repetition of undone) {
      const reward = rewards[String(repetition)];
      delete rewards[String(repetition)];
      if (!reward || BigInt(reward.points) === 0n) continue;
      const w = await walletsFor(q, event.schemeId, m.ledger_account_id, event.customerId);
      // Locked before reading the balance the policy decides on.
      const availableNow = await lockAvailable(q, event.schemeId, [w.customerWalletId, w.issuanceWalletId]);
      const take = reversalOf(BigInt(reward.points), availableNow.get(w.customerWalletId) ?? 0n, policy);
      if (take.amount > 0n) {
        const ops: LedgerOp[] = [{ type: 'transfer', accountId: w.accountId, fromWalletId: w.customerWalletId, toWalletId: w.issuanceWalletId, amount: take.amount,
          allowOverdraft: policy === 'allow_negative', code: 'mission_reward_reversal', externalId: event.key, description: `mission ${m.code} #${repetition} reversed`, tags: ['mission'] }];
        await ledger.applyWithin(em, { schemeId: event.schemeId, systemUniqueKey: `${reward.key}/reversal`, requestHash: keyHash(`${reward.key}/reversal`), ops });
      }
      reversed += take.amount;
      changes.push({ missionId: m.id, code: m.code, customerId: event.customerId, repetition, status: 'reversed', rewardKey: reward.key, points: take.amount.toString() });
    }
    await saveProgress(q, row, state, { rewards, generation: row.generation + (undone.length > 0 ? 1 : 0) });
    const effect: MissionEffect = {
      missionId: m.id,
      code: m.code,
      counted: '0',
      counterAfter: state.counter.toString(),
      timesAchieved: state.timesAchieved,
      completed: [],
      pointsAwarded: '0',
      capped: null,
      rolledBack: { amount: c.amount, undone, pointsReversed: reversed.toString() },
    };
    await q(`update mission_contributions set rolled_back_at = now(), outcome = coalesce(outcome, '{}'::jsonb) || ?::jsonb where id = ?`, [JSON.stringify({ rollback: { effect, changes } }), c.id]);
    outcome.effects.push(effect);
    outcome.changes.push(...changes);
  }
  return outcome;
}
