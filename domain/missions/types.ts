import type { Matcher } from './matcher';
import type { RepetitionPeriod } from './period';

export interface MissionInput {
  name: string;
  shortDescription?: string | null;
  description?: string | null;
  pictureUrl?: string | null;
  type?: string | null;
  tags: string[];
  code: string;
  active: boolean;
  validFrom?: string | null;
  validTo?: string | null;
  /** The event type it counts: a hub event, `member-generic-event`, or a custom type's `apiCode`. */
  eventType: string;
  /** A JSON Logic rule over the event payload; none counts every event of the type. */
  matcher?: Matcher | null;
  /** A JSON Logic rule giving the increment (e.g. a quantity); none counts 1 per event. */
  incrementBy?: Matcher | null;
  goalCount: number;
  maxRepetitions: number;
  repetitionPeriod?: RepetitionPeriod | null;
  periodLimit?: number | null;
  pointsAccrual: number;
  ledgerAccountId?: string | null;
  /** Counts only for members of this audience when the event is counted (seed 004 `audienceId`); everyone when absent. */
  audienceId?: string | null;
  customAttributes: Record<string, unknown>;
}

export interface Mission extends MissionInput {
  id: string;
  schemeId: string;
  createdAt: string;
  updatedAt: string;
}

/** A mission as one customer sees it (the seed's member mission). */
export interface CustomerMission {
  mission: Mission;
  counter: string;
  timesAchieved: number;
  /** Can still be completed: active, within its dates, repetitions left. */
  available: boolean;
  /** Started and not achieved yet in the current repetition (even if achieved before). */
  inProgress: boolean;
  /** Completions left in the current repetition period (null: no period cap). */
  periodCompletionsLeft: number | null;
}

/** What one event did to one mission. */
export interface MissionEffect {
  missionId: string;
  code: string;
  counted: string;
  counterAfter: string;
  timesAchieved: number;
  completed: number[];
  pointsAwarded: string;
  capped: 'max_repetitions' | 'period_limit' | null;
  /** A return took back what the returned sale had counted. */
  rolledBack?: { amount: string; undone: number[]; pointsReversed: string };
}
