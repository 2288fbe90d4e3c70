import type { WireOp, WireResult } from '../../domain/ledger/wire';
import type { Outcome } from '../../domain/outcome';
import type { OneStep } from './common';

/** A ledger request: one or more operations applied all or nothing under one systemUniqueKey. */
export interface LedgerRequestInput extends OneStep {
  schemeId: string;
  systemUniqueKey: string;
  requestHash: string;
  ops: WireOp[];
}

export type ApplyLedgerRequestWorkflow = (input: LedgerRequestInput) => Promise<Outcome<WireResult> | WireResult>;
