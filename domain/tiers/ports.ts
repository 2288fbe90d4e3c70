import type { Page, PageRequest } from '../pagination';
import type { CustomerTier, Tier, TierChange, TierInput } from './types';

/** Tiers and customers' tiers; changes of tier are judged by the database where accrual moves (db/ledger/sql/tiers.sql.ts). */
export interface TierPort {
  list(schemeId: string, page: PageRequest): Promise<Page<Tier>>;
  get(schemeId: string, tierId: string): Promise<Tier | null>;
  create(schemeId: string, input: TierInput): Promise<Tier>;
  update(schemeId: string, tierId: string, input: TierInput): Promise<Tier>;
  /** Null when the customer is not the scheme's. */
  customerTier(schemeId: string, customerId: string): Promise<CustomerTier | null>;
  /** Sets (or, with null, removes) the tier by hand; held until `expiresAt` (null: until set again). */
  setManual(schemeId: string, customerId: string, tierId: string | null, expiresAt: string | null): Promise<{ changed: boolean }>;
  /** Judges the tier again now (a manual tier's time ran out); a change is recorded once. */
  evaluate(schemeId: string, customerId: string, reason: string): Promise<{ changed: boolean }>;
  history(schemeId: string, customerId: string, page: PageRequest): Promise<Page<TierChange>>;
  /** The daily sweep's page: customers whose earned points left the window, and manual tiers whose time is up. */
  sweep(schemeId: string, cutoff: Date, after: string | null, max: number): Promise<{ evaluated: number; changed: number; last: string | null }>;
}
