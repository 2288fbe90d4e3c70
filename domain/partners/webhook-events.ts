import type { CustomerChanges } from '../customer';
import type { Partner } from './ports';

export const webhookEventTypes = ['customer.created', 'customer.updated', 'customer.blocked', 'points.awarded', 'points.adjusted', 'stamps.added', 'reward.used'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export type WebhookEventStatus = 'RECEIVED' | 'APPLIED' | 'IGNORED' | 'FAILED';

/** What the hub does with one partner event. */
export type EventPlan =
  | { action: 'points'; externalCustomerId: string; points: bigint; reason: string }
  | { action: 'customer'; externalCustomerId: string; changes: CustomerChanges }
  | { action: 'register'; externalCustomerId: string; customer: CustomerChanges }
  | { action: 'ignore'; reason: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined);
const int = (v: unknown): bigint | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? BigInt(v) : undefined);

/** The partner's id for the customer, in each partner's own object shapes (Loyalty+ customer/check-in, Coupontools card user, Loyale customer). */
function customerRef(partner: Partner, data: Record<string, unknown>): string | undefined {
  if (partner === 'coupontools') return str(data.userId) ?? str(data.stat_id) ?? str(data.id);
  return str(data.customerId) ?? str(data.id);
}

function changesFrom(partner: Partner, data: Record<string, unknown>): CustomerChanges {
  const changes: CustomerChanges = {};
  const name = str(data.name);
  const first = str(data.firstName) ?? str(data.first_name) ?? (name ? name.split(' ')[0] : undefined);
  const last = str(data.lastName) ?? str(data.last_name) ?? (name && name.includes(' ') ? name.slice(name.indexOf(' ') + 1) : undefined);
  if (first) changes.firstName = first;
  if (last) changes.lastName = last;
  const email = str(data.email);
  if (email) changes.email = email;
  const phone = str(data.phone) ?? str(data.phoneNumber);
  if (phone) changes.phone = phone;
  if (data.status === 'BLOCKED' || data.status === 'ACTIVE') changes.status = data.status;
  if (partner === 'coupontools' && data.voided === true) changes.status = 'BLOCKED';
  return changes;
}

/**
 * Pure: a partner event → what the hub should do. Points come from the
 * partner's own fields (Loyalty+ `pointsAwarded` / `adjustment` / `points`,
 * Coupontools stamps × the connection's `pointsPerStamp`).
 */
export function planWebhookEvent(partner: Partner, type: WebhookEventType, data: Record<string, unknown>, options: Record<string, unknown>): EventPlan {
  const ref = customerRef(partner, data);
  if (type === 'reward.used') return { action: 'ignore', reason: 'the hub keeps no partner rewards' };
  if (!ref) return { action: 'ignore', reason: 'the event names no customer' };
  if (type === 'customer.created') {
    const { status: _status, ...customer } = changesFrom(partner, data);
    const barcode = str(data.barCode) ?? str(data.barcode);
    return { action: 'register', externalCustomerId: ref, customer: barcode ? { ...customer, barcode } : customer };
  }
  if (type === 'customer.updated' || type === 'customer.blocked') {
    const changes = changesFrom(partner, data);
    if (type === 'customer.blocked') changes.status = 'BLOCKED';
    return Object.keys(changes).length ? { action: 'customer', externalCustomerId: ref, changes } : { action: 'ignore', reason: 'no field the hub keeps changed' };
  }
  const reason = str(data.reason) ?? type;
  if (type === 'stamps.added') {
    const perStamp = int(options.pointsPerStamp) ?? 0n;
    const stamps = int(data.amount) ?? int(data.stamps) ?? 0n;
    if (perStamp <= 0n || stamps <= 0n) return { action: 'ignore', reason: 'stamps earn no hub points on this connection (options.pointsPerStamp)' };
    return { action: 'points', externalCustomerId: ref, points: stamps * perStamp, reason };
  }
  const points = int(data.pointsAwarded) ?? int(data.adjustment) ?? int(data.points);
  if (points === undefined || points === 0n) return { action: 'ignore', reason: 'no points in the event' };
  return { action: 'points', externalCustomerId: ref, points, reason };
}

/**
 * An event that only reports what the hub itself sent (its sync's reasons are
 * `Sale <uniqueId>` / `Return <uniqueId>`, or the partner echoes `origin`):
 * applying it would count the points twice and loop.
 */
export function hubOrigin(data: Record<string, unknown>): { kind: 'sale' | 'return'; key: string } | 'origin' | null {
  if (data.origin === 'loyalty-hub') return 'origin';
  const m = /^(Sale|Return) (.+)$/.exec(str(data.reason) ?? '');
  return m ? { kind: m[1] === 'Sale' ? 'sale' : 'return', key: m[2] as string } : null;
}
