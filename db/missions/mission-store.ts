import { randomUUID } from 'node:crypto';
import type { MissionEffect } from '../../domain/missions/types';
import type { MissionRule, MissionStatusChange, MissionStore, MissionTransaction } from '../../domain/missions/ports';
import { inAudienceNow } from '../audiences/membership';
import { walletsFor } from '../ledger/customer-wallets';
import { queryIn, type LedgerEngine } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { lockAvailable } from '../ledger/wallet-locks';
import { schemeSettings } from '../returns/return-state';
import { lockProgress, saveProgress } from './progress-row';
import { limitsOf, toMission, toState, type MissionRow, type ProgressRow } from './rows';

interface ContributionRow {
  id: string;
  mission_id: string;
  amount: string;
  reversible_until: Date | null;
  rolled_back_at: Date | null;
  outcome: { rollback?: { effect: MissionEffect; changes: MissionStatusChange[] } } | null;
}

const openAt = 'active and (valid_from is null or valid_from <= ?) and (valid_to is null or valid_to > ?)';
const ruleOf = (m: MissionRow): MissionRule => ({ mission: toMission(m), limits: limitsOf(m), points: BigInt(m.points_accrual) });

/** Counting an event's reads and writes in one transaction; `domain/missions/count-event.ts` decides. */
export class PgMissionStore implements MissionStore {
  constructor(
    private readonly orm: Orm,
    private readonly ledger: LedgerEngine,
  ) {}

  transaction<T>(fn: (tx: MissionTransaction) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional(async (em) => {
      const q = queryIn(em);
      await q("set local lock_timeout = '3s'");
      const locked = new Map<string, ProgressRow>();
      const tx: MissionTransaction = {
        timeZone: async (schemeId) => (await q<{ time_zone: string }>('select time_zone from schemes where id = ?', [schemeId]))[0]?.time_zone ?? 'UTC',
        openMissions: async (schemeId, eventType, at) =>
          (await q<MissionRow>(`select * from missions where scheme_id = ? and event_type = ? and ${openAt} order by id`, [schemeId, eventType, at, at])).map(ruleOf),
        mission: async (schemeId, missionId, at) => {
          const [m] = await q<MissionRow & { open: boolean }>(`select *, (${openAt}) as open from missions where scheme_id = ? and id = ?`, [at, at, schemeId, missionId]);
          return m ? { rule: ruleOf(m), open: m.open } : null;
        },
        inAudience: (schemeId, audienceId, customerId) => inAudienceNow(q, schemeId, audienceId, customerId),
        lockProgress: async (schemeId, missionId, customerId) => {
          const row = await lockProgress(q, schemeId, missionId, customerId);
          locked.set(`${missionId}/${customerId}`, row);
          return { state: toState(row), generation: row.generation, rewards: row.rewards };
        },
        saveProgress: (missionId, customerId, state, rewards, generation) => saveProgress(q, locked.get(`${missionId}/${customerId}`) as ProgressRow, state, { rewards, generation }),
        contribute: async (c) => {
          const [row] = await q<{ id: string }>(
            `insert into mission_contributions (id, scheme_id, mission_id, customer_id, event_key, amount, completed, reward_keys, sale_unique_id, reversible_until, created_at)
             values (?, ?, ?, ?, ?, ?, ?::jsonb, '[]'::jsonb, ?, ?, now()) on conflict (mission_id, customer_id, event_key) do nothing returning id`,
            [randomUUID(), c.schemeId, c.missionId, c.customerId, c.eventKey, c.counted.toString(), JSON.stringify(c.completed), c.saleUniqueId, c.reversibleUntil],
          );
          return row?.id ?? null;
        },
        previousOutcome: async (missionId, customerId, eventKey) => {
          const [seen] = await q<{ outcome: { effect: MissionEffect; changes: MissionStatusChange[] } | null }>(
            'select outcome from mission_contributions where mission_id = ? and customer_id = ? and event_key = ?',
            [missionId, customerId, eventKey],
          );
          return seen?.outcome ?? null;
        },
        finishContribution: async (id, rewardKeys, outcome) => {
          await q('update mission_contributions set reward_keys = ?::jsonb, outcome = ?::jsonb where id = ?', [JSON.stringify(rewardKeys), JSON.stringify(outcome), id]);
        },
        wallets: (schemeId, accountId, customerId) => walletsFor(q, schemeId, accountId, customerId),
        post: (req) => this.ledger.applyWithin(em, req),
        saleContributions: async (schemeId, customerId, saleUniqueId) => {
          const rows = await q<ContributionRow>(
            `select id, mission_id, amount, reversible_until, rolled_back_at, outcome from mission_contributions
              where scheme_id = ? and customer_id = ? and sale_unique_id = ? order by mission_id for update`,
            [schemeId, customerId, saleUniqueId],
          );
          return rows.map((c) => ({
            id: c.id,
            missionId: c.mission_id,
            amount: BigInt(c.amount),
            reversibleUntil: c.reversible_until ? new Date(c.reversible_until).toISOString() : null,
            rolledBack: c.rolled_back_at ? (c.outcome?.rollback ?? 'without-answer') : null,
          }));
        },
        missionById: async (missionId) => {
          const [m] = await q<MissionRow>('select * from missions where id = ?', [missionId]);
          return m ? ruleOf(m) : null;
        },
        rolledBack: async (id, outcome) => {
          await q(`update mission_contributions set rolled_back_at = now(), outcome = coalesce(outcome, '{}'::jsonb) || ?::jsonb where id = ?`, [JSON.stringify({ rollback: outcome }), id]);
        },
        returnPolicy: async (schemeId) => (await schemeSettings(q, schemeId)).policy,
        lockAvailable: (schemeId, walletIds) => lockAvailable(q, schemeId, walletIds),
      };
      return fn(tx);
    });
  }
}
