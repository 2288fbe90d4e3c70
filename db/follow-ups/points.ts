import { quietDelivery } from '../../domain/events/hub-event';
import type { LedgerRequest, LedgerResult } from '../../domain/ledger/operations';
import { afterPointsOperation, pointsEvent, type PointsAnnouncement } from '../../domain/points/announce';
import { busListeningIn, triggeredIn } from '../events/listening';
import { insertHubEvent } from '../events/journal';
import type { Query } from '../ledger/ledger-engine';
import { connectedEventsIn } from '../repositories/connection-repository';
import { recordFollowUps } from './outbox';
import { holdGiftCardIn } from '../ledger/gift-cards';

/**
 * In a points operation's own transaction (a fresh posting, not a replay):
 * its ledger-transaction event, journalled when nothing listens, and its
 * follow-ups (and, for stored value, the card's holder). True when follow-ups were recorded (the relay's doorbell).
 */
export async function recordPointsAnnouncement(q: Query, req: LedgerRequest, result: LedgerResult, a: PointsAnnouncement): Promise<boolean> {
  const [op] = req.ops;
  const [transfer] = result.transfers;
  if (!op || !transfer) return false;
  // Stored value belongs to the card's holder: checked where the value lands, so a refusal rolls the top-up back.
  if (a.storedValue && op.type === 'mint') await holdGiftCardIn(q, req.schemeId, op.walletId, a.customerId);
  const event = pointsEvent({ schemeId: req.schemeId, systemUniqueKey: req.systemUniqueKey, customerId: a.customerId, op, transfer, storedValue: a.storedValue === true });
  const listening = await busListeningIn(q, req.schemeId, a.customerId, event.type);
  const triggered = !listening && (await insertHubEvent(q, event, 'success', quietDelivery));
  const connected = a.storedValue ? [] : await connectedEventsIn(q, req.schemeId);
  const batch = afterPointsOperation({ event, connected, listening, systemUniqueKey: req.systemUniqueKey });
  if (batch) await recordFollowUps(q, batch);
  // The posting may also have changed the member's tier (its events fan out too): ring whenever the scheme has a trigger.
  return batch !== null || triggered || (await triggeredIn(q, req.schemeId));
}
