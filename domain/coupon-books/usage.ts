import { BusinessRuleError } from '../errors';

/**
 * One hand-out (`assign`) or redemption (`use`) of a book code to a member,
 * under its own systemUniqueKey (unique per scheme): the same key answers the
 * same usage again, another request under it is a 409. A `use` can be
 * reverted once: the code becomes usable again, and the usage keeps when.
 */
export interface CouponUsage {
  id: string;
  couponBookId: string;
  code: string;
  memberId: string;
  kind: 'assign' | 'use';
  systemUniqueKey: string;
  /** The ledger transaction the till or app linked (the seed's pendingCaptureLedgerTransactionId). */
  ledgerTransactionId: string | null;
  customAttributes: Record<string, unknown>;
  /** For an assignment: when the member's code stops being valid (the seed's expiredAt), if sooner than the book. */
  expiresAt: string | null;
  revertedAt: string | null;
  createdAt: string;
}

/** How many codes an assignment asks for, and the keys that make it exactly once (one per code). */
export function assignmentSize(input: { numberOfCodes?: number; codes?: string[]; systemUniqueKeys: string[] }): number {
  const wanted = input.codes?.length ?? input.numberOfCodes ?? input.systemUniqueKeys.length;
  if (input.systemUniqueKeys.length !== wanted) {
    throw new BusinessRuleError(`An assignment of ${wanted} code(s) needs ${wanted} systemUniqueKeys, one per code`, [{ path: 'body.systemUniqueKeys', message: `expected ${wanted}` }]);
  }
  if (new Set(input.systemUniqueKeys).size !== wanted) throw new BusinessRuleError('systemUniqueKeys must be distinct', [{ path: 'body.systemUniqueKeys', message: 'duplicates' }]);
  return wanted;
}

/**
 * Strict mode: exactly the number asked for or nothing (the whole assignment
 * refused, no code taken); otherwise as many as there are, at least one.
 */
export function assignmentRefusal(wanted: number, available: number, strict: boolean): string | null {
  if (available === 0) return 'has no code left to assign';
  if (strict && available < wanted) return `has ${available} code(s) left, not the ${wanted} asked for (strict mode)`;
  return null;
}

/** How many more codes of the book the member may have (null: no cap). */
export function memberRoom(maxAssignedPerMember: number | null, held: number): number | null {
  return maxAssignedPerMember === null ? null : Math.max(0, maxAssignedPerMember - held);
}
