import type { LedgerRequest, LedgerResult } from '../ledger/operations';
import type { Page, PageRequest } from '../pagination';
import type { SideWallets } from '../referrals/ports';
import type { ReturnPolicy } from '../returns/types';
import type { MissionLimits, ProgressState } from './progress';
import type { CustomerMission, Mission, MissionEffect, MissionInput } from './types';

export interface MissionFilter {
  type?: string;
  codes?: string[];
  tags?: string[];
}

export interface CustomerMissionFilter extends MissionFilter {
  minTimesAchieved?: number;
  minCounterCount?: number;
  available?: boolean;
  inProgress?: boolean;
  active?: boolean;
}

export interface EventTypeView {
  id: string;
  apiCode: string;
  name: string;
  description: string | null;
  active: boolean;
  createdAt: string;
}

/** A completion or an undone repetition, to announce as `mission-status-updated`. */
export interface MissionStatusChange {
  missionId: string;
  code: string;
  customerId: string;
  repetition: number;
  status: 'completed' | 'reversed';
  rewardKey: string;
  points: string;
}

export interface MissionOutcome {
  effects: MissionEffect[];
  changes: MissionStatusChange[];
}

/**
 * Missions and their progress. Each event is applied in one transaction:
 * progress rows are locked, one contribution row per (mission, customer,
 * event) makes a replay a no-op by constraint, rewards are ledger postings
 * keyed by (mission, customer, repetition).
 */
export interface MissionRepository {
  create(schemeId: string, input: MissionInput): Promise<Mission>;
  update(schemeId: string, id: string, input: MissionInput): Promise<Mission | null>;
  get(schemeId: string, id: string): Promise<Mission | null>;
  list(schemeId: string, filter: MissionFilter, page: PageRequest): Promise<Page<Mission>>;
  forCustomer(schemeId: string, customerId: string, filter: CustomerMissionFilter, page: PageRequest): Promise<Page<CustomerMission>>;
  createEventType(schemeId: string, input: { apiCode: string; name: string; description?: string | null; active: boolean }): Promise<EventTypeView>;
  listEventTypes(schemeId: string, page: PageRequest): Promise<Page<EventTypeView>>;
  /** Whether a tracked event may use this type: a built-in one, or an active custom one. */
  eventTypeKnown(schemeId: string, eventType: string): Promise<boolean>;
}

/** A mission as its progress rules need it: exact limits and reward. */
export interface MissionRule {
  mission: Mission;
  limits: MissionLimits;
  points: bigint;
}

/** A customer's progress in a mission, locked for the transaction (created on first use). */
export interface LockedProgress {
  state: ProgressState;
  generation: number;
  rewards: Record<string, { key: string; points: string }>;
}

/** What counting an event reads and writes, inside one transaction (`domain/missions/count-event.ts` decides). */
export interface MissionTransaction {
  timeZone(schemeId: string): Promise<string>;
  /** The scheme's open missions for the event type at `at`, in id order (concurrent events lock progress in the same order). */
  openMissions(schemeId: string, eventType: string, at: Date): Promise<MissionRule[]>;
  /** One mission, and whether it is open at `at`; null when it is not the scheme's. */
  mission(schemeId: string, missionId: string, at: Date): Promise<{ rule: MissionRule; open: boolean } | null>;
  /** Whether the member is in the audience now (its rule over their profile); false for an audience not of the scheme. */
  inAudience(schemeId: string, audienceId: string, customerId: string): Promise<boolean>;
  lockProgress(schemeId: string, missionId: string, customerId: string): Promise<LockedProgress>;
  /** Saves the locked progress; `generation` moves on when repetitions were undone (their rewards, earned again, get new keys). */
  saveProgress(missionId: string, customerId: string, state: ProgressState, rewards: LockedProgress['rewards'], generation?: number): Promise<void>;
  /** The event's contribution, unique per (mission, customer, event): null when it was counted before. */
  contribute(c: { schemeId: string; missionId: string; customerId: string; eventKey: string; counted: bigint; completed: number[]; saleUniqueId: string | null; reversibleUntil: string | null }): Promise<string | null>;
  /** What a contribution counted before answered. */
  previousOutcome(missionId: string, customerId: string, eventKey: string): Promise<{ effect: MissionEffect; changes: MissionStatusChange[] } | null>;
  finishContribution(id: string, rewardKeys: Array<string | undefined>, outcome: { effect: MissionEffect; changes: MissionStatusChange[] }): Promise<void>;
  wallets(schemeId: string, accountId: string | null, customerId: string): Promise<SideWallets>;
  post(req: LedgerRequest): Promise<LedgerResult>;
  /** What a sale contributed to the customer's missions, locked, in mission order. */
  saleContributions(schemeId: string, customerId: string, saleUniqueId: string): Promise<SaleContribution[]>;
  missionById(missionId: string): Promise<MissionRule | null>;
  /** Marks a contribution rolled back (once), with what the rollback answered. */
  rolledBack(contributionId: string, outcome: { effect: MissionEffect; changes: MissionStatusChange[] }): Promise<void>;
  returnPolicy(schemeId: string): Promise<ReturnPolicy>;
  /** Locks the wallets (id order) and reads what is available in each. */
  lockAvailable(schemeId: string, walletIds: string[]): Promise<Map<string, bigint>>;
}

/** One sale's contribution to a mission, as a rollback needs it. */
export interface SaleContribution {
  id: string;
  missionId: string;
  amount: bigint;
  reversibleUntil: string | null;
  /** Set once rolled back, with the rollback's answer. */
  rolledBack: { effect: MissionEffect; changes: MissionStatusChange[] } | null | 'without-answer';
}

export interface MissionStore {
  transaction<T>(fn: (tx: MissionTransaction) => Promise<T>): Promise<T>;
}
