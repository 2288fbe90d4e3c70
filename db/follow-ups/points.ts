import { quietDelivery } from '../../domain/events/hub-event';
import type { LedgerRequest, LedgerResult } from '../../domain/ledger/operations';
import { afterPointsOperation, pointsEvent, type PointsAnnouncement } from '../../domain/points/announce';
import { busListeningIn } from '../events/listening';
import { insertHubEvent } from '../events/journal';
import type { Query } from '../ledger/ledger-engine';
import { connectedEventsIn } from '../repositories/connection-repository';
import { recordFollowUps } from './outbox';

/**
 * In a points operation's own transaction (a fresh posting, not a replay):
 * its ledger-transaction event, journalled when nothing listens, and its
 * follow-ups. True when follow-ups were recorded (the relay's doorbell).
 */
export async function recordPointsAnnouncement(q: Query, req: LedgerRequest, result: LedgerResult, a: PointsAnnouncement): Promise<boolean> {
  const [op] = req.ops;
  const [transfer] = result.transfers;
  if (!op || !transfer) return false;
  const event = pointsEvent({ schemeId: req.schemeId, systemUniqueKey: req.systemUniqueKey, customerId: a.customerId, op, transfer });
  const listening = await busListeningIn(q, req.schemeId, a.customerId, event.type);
  if (!listening) await insertHubEvent(q, event, 'success', quietDelivery);
  const batch = afterPointsOperation({ event, connected: await connectedEventsIn(q, req.schemeId), listening, systemUniqueKey: req.systemUniqueKey });
  if (batch) await recordFollowUps(q, batch);
  return batch !== null;
}
