import { EntitySchema } from '@mikro-orm/core';
import { schemeRef } from './scheme-ref';

/**
 * Loyalty+ requests carry no unique id: identical requests (same key, route
 * and body, by `fingerprint`) within the scheme's window share the
 * `uniqueId` the first one claimed here. The primary key makes the claim
 * atomic (insert … on conflict), never a read-then-write.
 */
export class PosRequestClaimEntity {
  schemeId!: string;
  fingerprint!: string;
  uniqueId!: string;
  claimedAt: Date = new Date();
}

export const PosRequestClaimSchema = new EntitySchema<PosRequestClaimEntity>({
  class: PosRequestClaimEntity,
  tableName: 'pos_request_claims',
  indexes: [{ properties: ['schemeId', 'claimedAt'] }],
  properties: {
    schemeId: { ...schemeRef, primary: true },
    fingerprint: { type: 'string', length: 64, primary: true },
    uniqueId: { type: 'string', length: 200 },
    claimedAt: { type: 'datetime', length: 6 },
  },
});
