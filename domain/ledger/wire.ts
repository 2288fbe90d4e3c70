import type { LedgerOp, LedgerResult, Transfer } from './operations';

/**
 * Ledger values as they cross Temporal and JSON: bigint amounts as decimal
 * strings (JSON has no bigint, and a float would be wrong). The activity and
 * the API convert at the edge; the engine works in bigint.
 */
type Wire<T> = { [K in keyof T]: T[K] extends bigint ? string : T[K] extends bigint | undefined ? string | undefined : T[K] };
type DistributiveWire<T> = T extends unknown ? Wire<T> : never;

export type WireOp = DistributiveWire<LedgerOp>;
export type WireTransfer = Wire<Transfer>;
export interface WireResult {
  transfers: WireTransfer[];
  replayed: boolean;
}

export function opFromWire(op: WireOp): LedgerOp {
  const amount = 'amount' in op && op.amount !== undefined ? { amount: BigInt(op.amount) } : {};
  return { ...op, ...amount } as LedgerOp;
}

export function opToWire(op: LedgerOp): WireOp {
  const amount = 'amount' in op && op.amount !== undefined ? { amount: op.amount.toString() } : {};
  return { ...op, ...amount } as WireOp;
}

export function transferToWire(t: Transfer): WireTransfer {
  return { ...t, amount: t.amount.toString() };
}

export function resultToWire(r: LedgerResult): WireResult {
  return { transfers: r.transfers.map(transferToWire), replayed: r.replayed };
}
