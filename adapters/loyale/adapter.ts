import type { AdapterConnection, PartnerAdapter, SyncKind, SyncResult, SyncSteps, SyncedReturn } from '../../domain/partners/ports';
import { createLoyaleClient, type LoyaleClient, type LoyaleReturnResult, type LoyaleTransaction } from './client';

/**
 * What the hub can forward to Loyale. Only the Transaction API guide (seed 002) gives paths and
 * bodies; the API index (seed 000) names customer and balance operations without a contract, so
 * they are declared unsupported rather than guessed.
 */
export const LOYALE_CAPABILITIES: Readonly<Record<SyncKind | 'balance', { supported: boolean; reason?: string }>> = {
  sale: { supported: true },
  return: { supported: true },
  customer: {
    supported: false,
    reason: 'Loyale: "Register a new Customer" / "Modify a Customer" are listed by name only; the seed gives no path or body',
  },
  adjustment: { supported: false, reason: 'Loyale: the seed documents no endpoint for manual points adjustments' },
  balance: { supported: false, reason: 'Loyale: "Get PointBalance" is listed by name only; the seed gives no path or response' },
};

const skipped = (reason: string): SyncResult => ({ status: 'SKIPPED', reason });
const unsupported = (kind: 'customer' | 'adjustment') => skipped(LOYALE_CAPABILITIES[kind].reason ?? 'unsupported');

export function createLoyaleAdapter(conn: AdapterConnection, opts: { timeoutMs?: number } = {}): PartnerAdapter {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // Created on first use, so a connection with missing credentials fails the call that needs them, not construction.
  let client: LoyaleClient | undefined;
  const api = () => (client ??= createLoyaleClient(conn, timeoutMs));

  function loyaleOutlet(hubOutletId: unknown): string | null {
    const map = conn.options.outletMap;
    const mapped = map && typeof map === 'object' && typeof hubOutletId === 'string' ? (map as Record<string, unknown>)[hubOutletId] : undefined;
    if (typeof mapped === 'string' && mapped) return mapped;
    const fallback = conn.options.defaultOutletId;
    return typeof fallback === 'string' && fallback ? fallback : null;
  }

  /** The stored (Loyale-shaped) body, re-addressed: Loyale knows the customer by barcode and its own outlets. */
  function toLoyale(request: Record<string, unknown>, barcode: string | null, hubOutletId: unknown, uniqueId: string): LoyaleTransaction | string {
    if (!barcode) return 'customer has no barcode, and Loyale cannot know the hub customer id';
    const outletId = loyaleOutlet(hubOutletId);
    if (!outletId) return `hub outlet ${String(hubOutletId)} has no Loyale outlet (options.outletMap / defaultOutletId)`;
    const { customerId: _hubCustomerId, customerBarcode: _tillBarcode, ...rest } = request;
    return { ...rest, customerBarcode: barcode, outletId, uniqueId } as LoyaleTransaction;
  }

  async function lineItemReturn(saleUniqueId: string, ret: SyncedReturn, steps?: SyncSteps): Promise<SyncResult> {
    const bySku = new Map<string, number>();
    for (const line of ret.lines) {
      if (!line.sku) return skipped('a returned line has no sku, and Loyale line-item returns are by sku');
      bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
    }
    // The seed takes one sku per call and no idempotency key: each call that went through is marked as
    // a step, so the retry after a later call fails does not repeat it (merging by sku keeps calls few).
    const calls = [...bySku].filter(([, quantity]) => quantity > 0);
    if (calls.length === 0) return skipped('line-item return has no units to return');
    const results: Array<LoyaleReturnResult | undefined> = [];
    for (const [sku, quantity] of calls) {
      if (steps?.done(`line:${sku}`)) continue;
      results.push(await api().returnLineItem(saleUniqueId, { sku, quantity }));
      await steps?.mark(`line:${sku}`);
    }
    return returned(results);
  }

  return {
    partner: 'loyale',

    syncCustomer: () => Promise.resolve(unsupported('customer')),

    async syncTransaction(sale) {
      const body = toLoyale(sale.request, sale.customer.barcode, sale.outletId, sale.uniqueId);
      if (typeof body === 'string') return skipped(body);
      const res = await api().createTransaction(body);
      return {
        status: 'SYNCED',
        externalId: res?.uniqueId ?? sale.uniqueId,
        detail: compact({ status: res?.status, pointsEarned: res?.pointsEarned, pointsRedeemed: res?.pointsRedeemed, pointsAfter: res?.pointsAfter, loyaleCustomerId: res?.customerId }),
      };
    },

    async syncReturn(ret, _link, _remember, steps) {
      if (ret.kind === 'custom') {
        if (!ret.request) return skipped('custom return without a stored request body');
        const body = toLoyale(ret.request, ret.customer.barcode, ret.request.outletId, ret.uniqueId);
        if (typeof body === 'string') return skipped(body);
        return returned([await api().returnCustom(body)]);
      }
      if (!ret.saleUniqueId) return skipped(`${ret.kind} return names no sale uniqueId`);
      if (ret.kind === 'full') return returned([await api().returnFull(ret.saleUniqueId)]);
      return lineItemReturn(ret.saleUniqueId, ret, steps);
    },

    adjustPoints: () => Promise.resolve(unsupported('adjustment')),

    // "Get PointBalance" has no contract in the seed: the hub keeps no Loyale balance it can read.
    getBalance: () => Promise.resolve(null),

    // The assumed contract of "Get Information on Updated Customers" (see openapi.yaml).
    async updatedCustomers(since) {
      const rows = await api().updatedCustomers(since);
      return rows.map((c) => ({
        externalId: c.id,
        barcode: c.barCode ?? null,
        updatedAt: c.updatedDate,
        changes: {
          ...(c.firstName ? { firstName: c.firstName } : {}),
          ...(c.lastName ? { lastName: c.lastName } : {}),
          ...(c.email ? { email: c.email } : {}),
          ...(c.phoneNumber ? { phone: c.phoneNumber } : {}),
        },
      }));
    },
  };
}

function returned(results: Array<LoyaleReturnResult | undefined>): SyncResult {
  const sum = (key: 'pointsDeducted' | 'pointsReadded') =>
    results.some((r) => typeof r?.[key] === 'number') ? results.reduce((n, r) => n + (r?.[key] ?? 0), 0) : undefined;
  const last = results.at(-1);
  return {
    status: 'SYNCED',
    detail: compact({
      pointsDeducted: sum('pointsDeducted'),
      pointsReadded: sum('pointsReadded'),
      pointsAfter: last?.pointsAfter,
      returnType: last?.returnType,
      loyaleCustomerId: last?.customerId,
      calls: results.length,
    }),
  };
}

function compact(detail: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(detail).filter(([, v]) => v !== undefined));
}
