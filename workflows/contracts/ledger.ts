import type { WireOp, WireResult } from '../../domain/ledger/wire';
import type { Outcome } from '../../domain/outcome';
import type { PointsAnnouncement } from '../../domain/points/announce';
import type { OneStep } from './common';

/** A ledger request: one or more operations applied all or nothing under one systemUniqueKey. */
export interface LedgerRequestInput extends OneStep {
  schemeId: string;
  systemUniqueKey: string;
  requestHash: string;
  ops: WireOp[];
  /** A customer's points operation (adjustment, top-up, POS redemption): its event and partner sync commit with it. */
  announce?: PointsAnnouncement;
}

/** A hold made through the ledger API with a `timeoutAt`: expired by the hub when it is still open then. */
export interface ExpireLedgerHoldInput {
  schemeId: string;
  accountId: string;
  transferId: string;
  timeoutAt: string;
}

export type ExpireLedgerHoldWorkflow = (input: ExpireLedgerHoldInput) => Promise<{ expired: boolean; reason?: string }>;

export type ApplyLedgerRequestWorkflow = (input: LedgerRequestInput) => Promise<Outcome<WireResult> | WireResult>;
