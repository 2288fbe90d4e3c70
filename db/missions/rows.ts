import type { Matcher } from '../../domain/missions/matcher';
import type { RepetitionPeriod } from '../../domain/missions/period';
import type { ProgressState } from '../../domain/missions/progress';
import type { Mission } from '../../domain/missions/types';

export interface MissionRow {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  short_description: string | null;
  description: string | null;
  picture_url: string | null;
  type: string | null;
  tags: string[];
  active: boolean;
  valid_from: Date | null;
  valid_to: Date | null;
  event_type: string;
  matcher: Matcher | null;
  increment_by: Matcher | null;
  goal_count: string;
  max_repetitions: number;
  repetition_period: RepetitionPeriod | null;
  period_limit: number | null;
  points_accrual: string;
  ledger_account_id: string | null;
  audience_id: string | null;
  custom_attributes: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export interface ProgressRow {
  mission_id: string;
  customer_id: string;
  counter: string;
  times_achieved: number;
  period_key: string | null;
  period_completions: number;
  generation: number;
  rewards: Record<string, { key: string; points: string }>;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toMission(r: MissionRow): Mission {
  return {
    id: r.id,
    schemeId: r.scheme_id,
    code: r.code,
    name: r.name,
    shortDescription: r.short_description,
    description: r.description,
    pictureUrl: r.picture_url,
    type: r.type,
    tags: r.tags,
    active: r.active,
    validFrom: iso(r.valid_from),
    validTo: iso(r.valid_to),
    eventType: r.event_type,
    matcher: r.matcher,
    incrementBy: r.increment_by,
    goalCount: Number(r.goal_count),
    maxRepetitions: r.max_repetitions,
    repetitionPeriod: r.repetition_period,
    periodLimit: r.period_limit,
    pointsAccrual: Number(r.points_accrual),
    ledgerAccountId: r.ledger_account_id,
    audienceId: r.audience_id,
    customAttributes: r.custom_attributes,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function toState(p: ProgressRow | undefined): ProgressState {
  return { counter: BigInt(p?.counter ?? 0), timesAchieved: p?.times_achieved ?? 0, periodKey: p?.period_key ?? null, periodCompletions: p?.period_completions ?? 0 };
}

export const limitsOf = (m: MissionRow) => ({ goalCount: BigInt(m.goal_count), maxRepetitions: m.max_repetitions, periodLimit: m.period_limit });
