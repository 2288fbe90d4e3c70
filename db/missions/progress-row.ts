import type { ProgressState } from '../../domain/missions/progress';
import type { Query } from '../ledger/ledger-engine';
import type { ProgressRow } from './rows';

/** The customer's progress row in a mission, created on first use and locked for this transaction. */
export async function lockProgress(q: Query, schemeId: string, missionId: string, customerId: string): Promise<ProgressRow> {
  await q(
    `insert into mission_progress (mission_id, customer_id, scheme_id, counter, times_achieved, period_completions, generation, rewards, updated_at)
     values (?, ?, ?, 0, 0, 0, 0, '{}'::jsonb, now()) on conflict (mission_id, customer_id) do nothing`,
    [missionId, customerId, schemeId],
  );
  const [row] = await q<ProgressRow>('select * from mission_progress where mission_id = ? and customer_id = ? for update', [missionId, customerId]);
  return row as ProgressRow;
}

export async function saveProgress(q: Query, row: ProgressRow, state: ProgressState, extra: { generation?: number; rewards: ProgressRow['rewards'] }): Promise<void> {
  await q(
    `update mission_progress set counter = ?, times_achieved = ?, period_key = ?, period_completions = ?, generation = ?, rewards = ?::jsonb, updated_at = now()
      where mission_id = ? and customer_id = ?`,
    [state.counter.toString(), state.timesAchieved, state.periodKey, state.periodCompletions, extra.generation ?? row.generation, JSON.stringify(extra.rewards), row.mission_id, row.customer_id],
  );
}

export { keyHash, rewardKey } from '../../domain/missions/count-event';
