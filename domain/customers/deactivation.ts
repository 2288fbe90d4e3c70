import type { HubEvent } from '../events/hub-event';

/**
 * The seed's `member-profile-deactivated`: a member who was active is blocked
 * or erased. Raised by the change itself (in its transaction), so a retried
 * edit — which finds the member already blocked — raises nothing twice; the
 * key names the moment of the change, so blocking again after an unblock is
 * a new event.
 */
export function deactivatedEvent(p: { schemeId: string; customerId: string; at: string; erased: boolean }): HubEvent {
  return {
    schemeId: p.schemeId,
    key: `customer/${p.customerId}/deactivated/${p.at}`,
    type: 'member-profile-deactivated',
    customerId: p.customerId,
    occurredAt: p.at,
    payload: { customerId: p.customerId, reason: p.erased ? 'erased' : 'blocked' },
  };
}
