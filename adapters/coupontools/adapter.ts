import type { AdapterConnection, PartnerAdapter, PartnerCustomer, SyncedSale, SyncResult } from '../../domain/partners/ports';
import { createCoupontoolsClient, type CoupontoolsClient, type UserFields } from './client';

/** How a qualifying sale turns into stamps. */
export type StampRule = { per: 'sale' } | { per: 'amount'; minorPerStamp: number };

interface Settings {
  client: CoupontoolsClient;
  stampRule: StampRule;
  minTotalMinor: bigint | null;
}

const skipped = (reason: string): SyncResult => ({ status: 'SKIPPED', reason });

function positiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function readStampRule(value: unknown): StampRule | null {
  if (value === undefined || value === null) return { per: 'sale' };
  const rule = value as Record<string, unknown>;
  if (rule.per === 'sale') return { per: 'sale' };
  if (rule.per === 'amount' && positiveInteger(rule.minorPerStamp)) return { per: 'amount', minorPerStamp: rule.minorPerStamp as number };
  return null;
}

function readMinTotal(value: unknown): bigint | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return undefined;
}

/** The connection's options, or why nothing can be sent with them. */
function readSettings(conn: AdapterConnection, timeoutMs: number): Settings | string {
  const card = conn.options.loyaltyCardId;
  const loyaltyCardId = typeof card === 'number' ? String(card) : typeof card === 'string' ? card.trim() : '';
  if (!loyaltyCardId) return 'no loyaltyCardId configured for this Coupontools connection';
  const stampRule = readStampRule(conn.options.stampRule);
  if (!stampRule) return "invalid stampRule: expected { per: 'sale' } or { per: 'amount', minorPerStamp: positive integer }";
  const minTotalMinor = readMinTotal(conn.options.minTotalMinor);
  if (minTotalMinor === undefined) return 'invalid minTotalMinor: expected an integer amount in minor units';
  return { client: createCoupontoolsClient(conn, loyaltyCardId, timeoutMs), stampRule, minTotalMinor };
}

/** custom_1 carries the hub customer id so card users can be traced back; null fields are left out. */
function userFields(customer: PartnerCustomer): UserFields {
  const fields: UserFields = { custom_1: customer.id };
  if (customer.firstName !== null) fields.first_name = customer.firstName;
  if (customer.lastName !== null) fields.last_name = customer.lastName;
  if (customer.email !== null) fields.email = customer.email;
  if (customer.phone !== null) fields.phone = customer.phone;
  return fields;
}

function stampsFor(sale: SyncedSale, { stampRule, minTotalMinor }: Settings): bigint | string {
  const total = BigInt(sale.totalMinor);
  if (minTotalMinor !== null && total < minTotalMinor) return `sale total ${total} is below minTotalMinor ${minTotalMinor}`;
  const stamps = stampRule.per === 'sale' ? 1n : total / BigInt(stampRule.minorPerStamp);
  return stamps > 0n ? stamps : `sale total ${total} earns no stamps`;
}

export function createCoupontoolsAdapter(conn: AdapterConnection, opts: { timeoutMs?: number } = {}): PartnerAdapter {
  const settings = readSettings(conn, opts.timeoutMs ?? 10_000);

  return {
    partner: 'coupontools',

    async syncCustomer(customer, link) {
      if (typeof settings === 'string') return skipped(settings);
      if (customer.status === 'BLOCKED') {
        if (!link) return skipped('customer is blocked and has no Coupontools card user to void');
        await settings.client.voidUser(link);
        return { status: 'SYNCED', detail: { voided: true } };
      }
      if (link) {
        await settings.client.updateUser(link, userFields(customer));
        return { status: 'SYNCED' };
      }
      return { status: 'SYNCED', externalId: await settings.client.createUser(userFields(customer)) };
    },

    async syncTransaction(sale, link, remember) {
      if (typeof settings === 'string') return skipped(settings);
      const stamps = stampsFor(sale, settings);
      if (typeof stamps === 'string') return skipped(stamps);
      // The new card user is remembered before stamping, so a failed stamp's retry does not create a second one.
      let userId = link;
      if (!userId) {
        userId = await settings.client.createUser(userFields(sale.customer));
        await remember?.(userId);
      }
      await settings.client.addStamps(userId, Number(stamps));
      const detail = { stamps: Number(stamps) };
      return userId === link ? { status: 'SYNCED', detail } : { status: 'SYNCED', externalId: userId, detail };
    },

    async syncReturn() {
      return skipped('Coupontools has no endpoint to remove stamps');
    },

    async adjustPoints() {
      return skipped('Coupontools counts stamps, not points');
    },

    async getBalance(_customer, link) {
      if (typeof settings === 'string' || !link) return null;
      // The seed shows no user body: a numeric `stamps` field is an assumption, anything else reads as unknown.
      const stamps = (await settings.client.getUser(link))?.stamps;
      return typeof stamps === 'number' && Number.isSafeInteger(stamps) ? BigInt(stamps) : null;
    },
  };
}
