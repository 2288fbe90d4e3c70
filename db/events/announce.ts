import { quietDelivery, type HubEvent } from '../../domain/events/hub-event';
import { recordFollowUps } from '../follow-ups/outbox';
import type { Query } from '../ledger/ledger-engine';
import { insertHubEvent } from './journal';
import { busListeningIn } from './listening';

/**
 * In the operation's own transaction: its event delivered on the bus when
 * something listens (a follow-up, started after the commit), otherwise only
 * journalled — an operation nobody listens to pays one insert. True when a
 * follow-up was recorded, by this or by the event-trigger fan-out (ring the
 * relay's doorbell after the commit).
 */
export async function announceIn(q: Query, event: HubEvent): Promise<boolean> {
  if (!(await busListeningIn(q, event.schemeId, event.customerId, event.type))) {
    return insertHubEvent(q, event, 'success', quietDelivery);
  }
  await recordFollowUps(q, { schemeId: event.schemeId, key: `event/${event.key}`, lane: event.customerId, steps: [{ kind: 'hubEvent', event }] });
  return true;
}
