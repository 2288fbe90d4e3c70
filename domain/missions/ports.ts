import type { HubEvent } from '../events/hub-event';
import type { OffsetPage } from '../ledger/views';
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
  list(schemeId: string, filter: MissionFilter, page: { page: number; limit: number }): Promise<OffsetPage<Mission>>;
  forCustomer(schemeId: string, customerId: string, filter: CustomerMissionFilter, page: { page: number; limit: number }): Promise<OffsetPage<CustomerMission>>;
  /** Counts the event toward every matching mission (or only `target`, a manual increment). */
  apply(event: HubEvent, target?: { missionId: string; amount: string }): Promise<MissionOutcome>;
  /** A sale came back in full: takes back what it counted. */
  rollBack(event: HubEvent): Promise<MissionOutcome>;
  createEventType(schemeId: string, input: { apiCode: string; name: string; description?: string | null; active: boolean }): Promise<EventTypeView>;
  listEventTypes(schemeId: string): Promise<EventTypeView[]>;
  /** Whether a tracked event may use this type: a built-in one, or an active custom one. */
  eventTypeKnown(schemeId: string, eventType: string): Promise<boolean>;
}
