import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { SyncKind } from '../../domain/partners/ports';
import type { SyncStatus, SyncTask } from '../../domain/partners/sync';
import type { ReconciliationRun } from '../../domain/partners/reconciliation';

/** A hub operation completed: forward it to the scheme's connections. */
export interface DispatchSyncInput {
  schemeId: string;
  kind: SyncKind;
  operationKey: string;
  /** Not sent back to the connection it came from. */
  exceptConnectionId?: string;
}

/** Compare a connection's balances with the hub's (optionally sending the corrections). */
export interface ReconcileInput {
  schemeId: string;
  connectionId: string;
  autoCorrect: boolean;
}

/** A recorded partner webhook event to apply. */
export interface ApplyPartnerEventInput {
  eventRowId: string;
  schemeId: string;
}

/** One (connection, customer) lane: its syncs run one after another, in the order they were dispatched. */
export interface SyncLaneInput {
  connectionId: string;
  customerId: string;
  queue: SyncTask[];
  /** Workflow ids already taken (a repeated dispatch signals the same task again). */
  seen: string[];
}

export const enqueueSync = defineSignal<[SyncTask]>('enqueueSync');
/** The tasks a lane has not run yet, for ops. */
export const laneQueue = defineQuery<SyncTask[]>('laneQueue');

export type DispatchPartnerSyncWorkflow = (input: DispatchSyncInput) => Promise<number>;
export type SyncLaneWorkflow = (input: SyncLaneInput) => Promise<void>;
export type SyncOperationWorkflow = (task: SyncTask) => Promise<SyncStatus>;
export type ApplyPartnerEventWorkflow = (input: ApplyPartnerEventInput) => Promise<string>;
export type ReconcileConnectionWorkflow = (input: ReconcileInput) => Promise<ReconciliationRun>;
export type PollPartnerCustomersWorkflow = (input: { schemeId: string; connectionId: string }) => Promise<{ applied: number; refused: number; unknown: number }>;
