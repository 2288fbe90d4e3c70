import type {
  AdapterConnection,
  PartnerAdapter,
  PartnerCustomer,
  PointsAdjustment,
  SyncResult,
  SyncedReturn,
  SyncedSale,
} from '../../domain/partners/ports';
import { createLoyaltyPlusClient, type LoyaltyPlusClient } from './client';

/**
 * SPEND and UNIT let Loyalty+ run its own earning rules (checkin with an amount
 * or units); MIRROR copies the hub's own points across as owner adjustments.
 */
export const loyaltyPlusModes = ['SPEND', 'UNIT', 'MIRROR'] as const;
export type LoyaltyPlusMode = (typeof loyaltyPlusModes)[number];

const skipped = (reason: string): SyncResult => ({ status: 'SKIPPED', reason });

/**
 * Minor units to the decimal Loyalty+ wants, through the digit string: '2550'
 * at 2 decimals is '25.50' → 25.5, never 2550 / 100.
 */
export function minorToDecimal(minor: string, decimals: number): number {
  const match = /^(-?)(\d+)$/.exec(minor);
  if (!match || !Number.isInteger(decimals) || decimals < 0) throw new RangeError(`not a minor amount: ${minor} (${decimals} decimals)`);
  const [, sign, digits = ''] = match;
  if (decimals === 0) return Number(`${sign}${digits}`);
  const padded = digits.padStart(decimals + 1, '0');
  return Number(`${sign}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`);
}

/** Loyalty+ takes points as JSON numbers; refuse a delta a double cannot hold exactly. */
function jsonPoints(points: bigint): number {
  const n = Number(points);
  if (!Number.isSafeInteger(n)) throw new RangeError(`points out of range: ${points}`);
  return n;
}

function displayName(customer: PartnerCustomer): string {
  // Loyalty+ requires a name; the phone stands in for a customer who gave none.
  return [customer.firstName, customer.lastName].filter(Boolean).join(' ') || (customer.phone ?? '');
}

function parseMode(options: Record<string, unknown>): LoyaltyPlusMode {
  const mode = options.mode ?? 'SPEND';
  if (!loyaltyPlusModes.includes(mode as LoyaltyPlusMode)) throw new Error(`loyaltyplus: unknown mode ${String(mode)}`);
  return mode as LoyaltyPlusMode;
}

export function createLoyaltyPlusAdapter(conn: AdapterConnection, opts: { timeoutMs?: number } = {}): PartnerAdapter {
  const mode = parseMode(conn.options);
  const storeId = typeof conn.options.storeId === 'string' && conn.options.storeId ? conn.options.storeId : undefined;
  const api: LoyaltyPlusClient = createLoyaltyPlusClient(conn.baseUrl, conn.credentials, opts.timeoutMs ?? 10_000);

  /** The Loyalty+ id: the hub's link, else a POS lookup by phone (null when Loyalty+ does not know the customer). */
  async function resolveId(customer: PartnerCustomer, link: string | null): Promise<string | null> {
    if (link) return link;
    if (!customer.phone) return null;
    return (await api.findCustomer(customer.phone))?.customerId ?? null;
  }

  /** An owner adjustment on a customer the hub may not have linked yet. */
  async function adjust(customer: PartnerCustomer, link: string | null, delta: bigint, reason: string): Promise<SyncResult> {
    if (delta === 0n) return skipped('no points change');
    const id = await resolveId(customer, link);
    if (!id) return skipped('customer is not known to Loyalty+');
    const res = await api.adjustPoints(id, { points: jsonPoints(delta), reason });
    return { status: 'SYNCED', externalId: id, detail: { newBalance: res.newBalance, adjustment: res.adjustment } };
  }

  async function createCustomer(customer: PartnerCustomer & { phone: string }): Promise<string> {
    const res = await api.createCustomer({ name: displayName(customer), phone: customer.phone, notes: `loyalty-hub ${customer.id}` });
    return res.customer.id;
  }

  return {
    partner: 'loyaltyplus',

    async syncCustomer(customer, link) {
      const { phone } = customer;
      if (!phone) return skipped('Loyalty+ identifies customers by phone; the customer has none');
      if (link) {
        await api.updateCustomer(link, { name: displayName(customer), phone, status: customer.status });
        return { status: 'SYNCED', externalId: link };
      }
      // Creating a customer only to block it would take two calls that can fail halfway; it is created once unblocked.
      if (customer.status === 'BLOCKED') return skipped('blocked customer is not in Loyalty+');
      return { status: 'SYNCED', externalId: await createCustomer({ ...customer, phone }) };
    },

    async syncTransaction(sale: SyncedSale, link, remember) {
      const { customer } = sale;
      const { phone } = customer;
      if (!link && !phone) return skipped('customer has neither a Loyalty+ id nor a phone');

      if (mode === 'MIRROR') {
        const delta = BigInt(sale.pointsEarned) - BigInt(sale.pointsRedeemed);
        if (delta === 0n) return skipped('no points change');
        // The new id is remembered before the adjustment, so a failed adjustment's retry does not create again.
        let id = link;
        if (!id) {
          id = await createCustomer({ ...customer, phone: phone as string });
          await remember?.(id);
        }
        return adjust(customer, id, delta, `Sale ${sale.uniqueId}`);
      }

      // The link wins over the phone: a phone can change hands, the Loyalty+ id cannot.
      const who = link ? { customerId: link } : { phone: phone as string };
      const quantity = mode === 'SPEND' ? minorToDecimal(sale.totalMinor, sale.currencyDecimals) : sale.units;
      // Loyalty+ awards for positive spend or units only; nothing to send for a zero or negative sale.
      if (quantity <= 0) return skipped(`nothing to award in ${mode} mode`);
      const earn = mode === 'SPEND' ? { amount: quantity } : { units: quantity };

      const res = await api.checkin({ ...who, ...earn, ...(storeId ? { storeId } : {}) });
      return {
        status: 'SYNCED',
        ...(res.customerId ? { externalId: res.customerId } : link ? { externalId: link } : {}),
        detail: { pointsAwarded: res.pointsAwarded, totalPoints: res.totalPoints, rewardAvailable: res.rewardAvailable },
      };
    },

    // Loyalty+ has no return call, so every mode reverses points as an owner adjustment.
    async syncReturn(ret: SyncedReturn, link) {
      const delta = BigInt(ret.pointsReadded) - BigInt(ret.pointsDeducted);
      return adjust(ret.customer, link, delta, `Return ${ret.uniqueId}`);
    },

    /**
     * Always an owner adjustment, also for deductions without a link (found by
     * phone): /v1/pos/redeem redeems a reward (it answers a rewardTitle), the
     * seed does not say it accepts arbitrary points, and it drops the reason.
     */
    async adjustPoints(adjustment: PointsAdjustment, link) {
      return adjust(adjustment.customer, link, BigInt(adjustment.points), adjustment.reason);
    },

    async getBalance(customer, link) {
      const identifier = link ?? customer.phone;
      if (!identifier) return null;
      const res = await api.balance(identifier);
      return res ? BigInt(res.totalPoints) : null;
    },
  };
}
