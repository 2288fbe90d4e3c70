import type { AdapterConnection, PartnerAdapter } from '../domain/partners/ports';
import { createCoupontoolsAdapter } from './coupontools/adapter';
import { createLoyaleAdapter } from './loyale/adapter';
import { createLoyaltyPlusAdapter } from './loyaltyplus/adapter';

/** The adapter for a connection; the worker builds one per sync attempt (connections can change in between). */
export function createAdapter(connection: AdapterConnection, opts: { timeoutMs?: number } = {}): PartnerAdapter {
  switch (connection.partner) {
    case 'loyale':
      return createLoyaleAdapter(connection, opts);
    case 'loyaltyplus':
      return createLoyaltyPlusAdapter(connection, opts);
    case 'coupontools':
      return createCoupontoolsAdapter(connection, opts);
  }
}
