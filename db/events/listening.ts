import type { Connection } from '@mikro-orm/core';
import type { Query } from '../ledger/ledger-engine';

const LISTENING_SQL = `select exists (select 1 from missions where scheme_id = ? and event_type = ? and active)
         or exists (select 1 from referrals where scheme_id = ? and referred_customer_id = ? and closed_at is null and status in ('PENDING', 'QUALIFIED')) as listening`;

/**
 * Whether anything on the event bus can care about this customer's event of
 * this type: an active mission counting it, or an open referral of the
 * customer. When nothing can, the operation only journals the event instead
 * of starting a delivery workflow: every sale pays for the bus, and a
 * workflow per sale halves sale throughput on a small Temporal.
 */
export async function busListening(conn: Connection, schemeId: string, customerId: string, eventType: string): Promise<boolean> {
  const [row] = (await conn.execute(LISTENING_SQL, [schemeId, eventType, schemeId, customerId], 'all')) as Array<{ listening: boolean }>;
  return row?.listening === true;
}

/** The same, inside the caller's transaction. */
export async function busListeningIn(q: Query, schemeId: string, customerId: string, eventType: string): Promise<boolean> {
  const [row] = await q<{ listening: boolean }>(LISTENING_SQL, [schemeId, eventType, schemeId, customerId]);
  return row?.listening === true;
}

/**
 * Whether the scheme has an active event trigger: events a statement records
 * on its own (tier changes inside a ledger posting) fan out to deliveries, and
 * this process's relay should be rung after the commit.
 */
export async function triggeredIn(q: Query, schemeId: string): Promise<boolean> {
  const [row] = await q<{ triggered: boolean }>('select exists (select 1 from event_triggers where scheme_id = ? and active) as triggered', [schemeId]);
  return row?.triggered === true;
}
