/**
 * Events the hub emits about its own operations, named as in the Loyalty Core
 * Platform's `eventType` enum. They travel on the in-hub event bus (one
 * `deliverHubEvent` workflow per event key) to whatever listens: referrals
 * now, missions later.
 */
export const hubEventTypes = [
  'member-created',
  'member-updated',
  'member-purchase-order-confirmed',
  'member-purchase-order-returned',
  'member-purchase-order-partially-returned',
  'coupon-code-assigned',
  'coupon-code-used',
  // A simple coupon (the hub's benefit) used at a till.
  'benefit-used',
  // A member blocked or erased: active no more.
  'member-profile-deactivated',
  'mission-status-updated',
  'ledger-transaction-created',
  'member-generic-event',
  // The hub's own: a manual increment of one mission's counter (payload: missionId, amount).
  'mission-counter-incremented',
  // The hub's own: a lot's points expired (burned to the breakage wallet), and points that will expire soon.
  'points-expired',
  'points-expiring',
  // A customer's tier set (reached, dropped to, or set by hand) or removed.
  'member-tier-set',
  'member-tier-removed',
] as const;

export type HubEventType = (typeof hubEventTypes)[number];

/** Event types a tracked event may carry besides custom ones: every type but the hub's own. */
export type HubEventTypeName = HubEventType | (string & {});

export interface HubEvent {
  schemeId: string;
  /** Unique per scheme; the event's idempotency key (e.g. `sale/<uniqueId>`). */
  key: string;
  type: HubEventTypeName;
  customerId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
  /** Tracked through the API (`POST /v1/events`, manual increments): the request's identity and tracking fields. */
  tracked?: TrackedFields;
}

export interface TrackedFields {
  systemUniqueKey: string;
  requestHash: string;
  externalId?: string;
  externalEventDate?: string;
  tags?: string[];
  description?: string;
}

/** What a purchase event carries (money in minor units, as decimal strings). */
export interface PurchasePayload {
  uniqueId: string;
  outletId: string;
  totalMinor: string;
  pointsEarned: string;
  /** When the sale's return window closes; null when the scheme has none. */
  returnWindowEndsAt: string | null;
}

/** What a return event carries. */
export interface ReturnPayload {
  saleUniqueId: string | null;
  returnUniqueId: string;
  pointsDeducted: string;
  fullyReturned: boolean;
}

export const hubEventKeys = {
  customerCreated: (customerId: string) => `customer/${customerId}/created`,
  sale: (uniqueId: string) => `sale/${uniqueId}`,
  saleReturn: (returnUniqueId: string) => `return/${returnUniqueId}`,
  /** Events tracked through the API live in their own key space. */
  tracked: (systemUniqueKey: string) => `api/${systemUniqueKey}`,
};

/** A registration as a bus event (built by the workflow that emits it, or by the activity that journals it). */
export function customerCreatedEvent(schemeId: string, customer: { id: string; barcode: string; createdAt: string }, referralCode?: string): HubEvent {
  return {
    schemeId,
    key: hubEventKeys.customerCreated(customer.id),
    type: 'member-created',
    customerId: customer.id,
    occurredAt: customer.createdAt,
    payload: { customerId: customer.id, barcode: customer.barcode, ...(referralCode ? { referralCode } : {}) },
  };
}

/** What a delivery of an event nothing listens for would have found. */
export const quietDelivery = { missions: [], changes: [], referralListeners: [] };
