import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubEvent, PurchasePayload } from '../../domain/events/hub-event';
import { BusinessRuleError, NotFoundError } from '../../domain/errors';
import { incrementOf, matches } from '../../domain/missions/matcher';
import { periodKey } from '../../domain/missions/period';
import type { MissionOutcome, MissionStatusChange } from '../../domain/missions/ports';
import type { MissionEffect } from '../../domain/missions/types';
import { applyIncrement } from '../../domain/missions/progress';
import { walletsFor } from '../ledger/customer-wallets';
import { queryIn, type LedgerEngine } from '../ledger/ledger-engine';
import { keyHash, lockProgress, rewardKey, saveProgress } from './progress-row';
import { limitsOf, toState, type MissionRow } from './rows';

const openAt = 'active and (valid_from is null or valid_from <= ?) and (valid_to is null or valid_to > ?)';

/**
 * Counts one event toward the scheme's missions in one transaction. Missions
 * are visited in id order, so concurrent events of one customer lock progress
 * rows in the same order. The contribution row (unique per mission, customer
 * and event) is what makes a replayed event change nothing.
 */
export async function applyEventIn(em: EntityManager, ledger: LedgerEngine, event: HubEvent, target?: { missionId: string; amount: string }): Promise<MissionOutcome> {
  const q = queryIn(em);
  await q("set local lock_timeout = '3s'");
  const at = new Date(event.occurredAt);
  const [scheme] = await q<{ time_zone: string }>('select time_zone from schemes where id = ?', [event.schemeId]);
  let missions: MissionRow[];
  if (target) {
    missions = await q<MissionRow>('select * from missions where scheme_id = ? and id = ?', [event.schemeId, target.missionId]);
    if (missions.length === 0) throw new NotFoundError('Mission');
    const [open] = await q(`select 1 from missions where id = ? and ${openAt}`, [target.missionId, at, at]);
    if (!open) throw new BusinessRuleError('The mission is not active or not within its validity dates', [{ path: 'params.missionId', message: target.missionId }]);
  } else {
    missions = await q<MissionRow>(`select * from missions where scheme_id = ? and event_type = ? and ${openAt} order by id`, [event.schemeId, event.type, at, at]);
  }
  const purchase = event.type === 'member-purchase-order-confirmed' ? (event.payload as Partial<PurchasePayload>) : null;
  const outcome: MissionOutcome = { effects: [], changes: [] };

  for (const m of missions) {
    if (!target && !matches(m.matcher, event.payload)) continue;
    const amount = target ? BigInt(target.amount) : incrementOf(m.increment_by, event.payload);
    const row = await lockProgress(q, event.schemeId, m.id, event.customerId);
    const period = m.repetition_period ? periodKey(at, m.repetition_period, scheme?.time_zone ?? 'UTC') : null;
    const step = applyIncrement(toState(row), limitsOf(m), amount, period);
    const [contribution] = await q<{ id: string }>(
      `insert into mission_contributions (id, scheme_id, mission_id, customer_id, event_key, amount, completed, reward_keys, sale_unique_id, reversible_until, created_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, '[]'::jsonb, ?, ?, now()) on conflict (mission_id, customer_id, event_key) do nothing returning id`,
      [randomUUID(), event.schemeId, m.id, event.customerId, event.key, step.counted.toString(), JSON.stringify(step.completed), purchase?.uniqueId ?? null, purchase?.returnWindowEndsAt ?? null],
    );
    if (!contribution) {
      // Counted before (a retried activity, a replayed event): nothing changes, and the answer is the first one.
      const [seen] = await q<{ outcome: { effect: MissionEffect; changes: MissionStatusChange[] } | null }>(
        'select outcome from mission_contributions where mission_id = ? and customer_id = ? and event_key = ?',
        [m.id, event.customerId, event.key],
      );
      if (seen?.outcome) {
        outcome.effects.push(seen.outcome.effect);
        outcome.changes.push(...seen.outcome.changes);
      }
      continue;
    }

    const rewards = { ...row.rewards };
    const points = BigInt(m.points_accrual);
    const changes: MissionStatusChange[] = [];
    for (const repetition of step.completed) {
      const key = rewardKey(m.id, event.customerId, repetition, row.generation);
      if (points > 0n) {
        const w = await walletsFor(q, event.schemeId, m.ledger_account_id, event.customerId);
        await ledger.applyWithin(em, {
          schemeId: event.schemeId,
          systemUniqueKey: key,
          requestHash: keyHash(key),
          ops: [{ type: 'mint', accountId: w.accountId, walletId: w.customerWalletId, amount: points, code: 'mission_reward', externalId: event.key, description: `mission ${m.code} #${repetition}`, tags: ['mission', ...m.tags] }],
        });
      }
      rewards[String(repetition)] = { key, points: points.toString() };
      changes.push({ missionId: m.id, code: m.code, customerId: event.customerId, repetition, status: 'completed', rewardKey: key, points: points.toString() });
    }
    await saveProgress(q, row, step.state, { rewards });
    const effect: MissionEffect = {
      missionId: m.id,
      code: m.code,
      counted: step.counted.toString(),
      counterAfter: step.state.counter.toString(),
      timesAchieved: step.state.timesAchieved,
      completed: step.completed,
      pointsAwarded: (points * BigInt(step.completed.length)).toString(),
      capped: step.capped,
    };
    await q('update mission_contributions set reward_keys = ?::jsonb, outcome = ?::jsonb where id = ?', [
      JSON.stringify(step.completed.map((r) => rewards[String(r)]?.key)),
      JSON.stringify({ effect, changes }),
      contribution.id,
    ]);
    outcome.effects.push(effect);
    outcome.changes.push(...changes);
  }
  return outcome;
}
