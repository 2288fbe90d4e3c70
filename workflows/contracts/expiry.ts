import type { SweepBatch } from '../../domain/ledger/lots';

/** One scheme's expiry sweep, started by the scheme's daily schedule (or by hand). */
export interface SweepExpiryInput {
  schemeId: string;
  /** Lots due by this instant expire; set on the first run (the workflow's clock) and kept across continue-as-new. */
  cutoff?: string;
  /** What earlier runs of this sweep did, carried across continue-as-new. */
  done?: SweepSummary;
}

export interface SweepSummary {
  wallets: number;
  lots: number;
  points: string;
  /** Lots announced as expiring soon (`points-expiring`, one event per customer and date). */
  noticed: number;
  /** Tiers changed by the window sweep. */
  tiersChanged?: number;
}

export interface ExpireDueInput {
  schemeId: string;
  cutoff: string;
  maxWallets: number;
}

export interface NoticeExpiringInput {
  schemeId: string;
  now: string;
  maxWallets: number;
}

export type SweepExpiryWorkflow = (input: SweepExpiryInput) => Promise<SweepSummary>;
export type { SweepBatch };
