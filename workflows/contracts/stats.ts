import type { RollUpPage } from '../../domain/stats/ports';

/** The hourly stats roll-up: every scheme's settled days, a page of schemes per activity. */
export interface RollUpStatsInput {
  /** Where a run continued as new: the last scheme done. */
  after?: string | null;
  done?: { schemes: number; days: number };
}

export type RollUpStatsWorkflow = (input: RollUpStatsInput) => Promise<{ schemes: number; days: number }>;
export type { RollUpPage };
