import { randomUUID } from 'node:crypto';

/** The hub as a till sees it: its base URL, a scheme's headers and an outlet to sell at. */
export interface Hub {
  base: string;
  headers: Record<string, string>;
  outletId: string;
  /** Ops credentials (admin token), for the customers' workflows in Temporal's visibility. */
  adminToken: string;
}

export interface FaultReport {
  /** Distinct sales (uniqueIds) the tills sent. */
  sales: number;
  acknowledgedFirstTime: number;
  /** Sales answered otherwise (202, 503, no answer) and sent again with the same uniqueId until 201. */
  repeatedLater: number;
  posted: number;
  lost: number;
  doubled: number;
  /** From the fault to the first 201 for a sale started after it. */
  recoveredMs: number;
  /** Workflows of the load's customers still running once every sale was acknowledged. */
  stuck: number;
  statuses: Record<string, number>;
}

export interface LoadOptions {
  tills: number;
  /** Steady load before the fault and after recovery. */
  beforeMs?: number;
  afterMs?: number;
  recoverWithinMs?: number;
}

// Each sale earns 60 points (one line of 10.00 on the demo scheme's rules), so a balance says how many were posted.
const POINTS_PER_SALE = 60;

async function call(hub: Hub, method: string, p: string, body?: unknown, asOps = false): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const headers = asOps ? { 'X-Scheme': hub.headers['X-Scheme'] ?? '', Authorization: `Bearer ${hub.adminToken}` } : hub.headers;
  try {
    const res = await fetch(`${hub.base}${p}`, { method, headers: { ...headers, 'Content-Type': 'application/json' }, signal: AbortSignal.timeout(30_000), ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
  } catch {
    return { status: 0, body: {}, retryAfter: null };
  }
}

/** Whether a process still runs (signal 0 checks without signalling). */
export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((w) => setTimeout(w, ms));

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(v)})`);
    await sleep(250);
  }
}

const sale = (hub: Hub, customerId: string, uniqueId: string) => call(hub, 'POST', '/v1/transactions', { customerId, outletId: hub.outletId, uniqueId, lineItems: [{ quantity: 1, unitPrice: 10 }] });

async function available(hub: Hub, customerId: string): Promise<number> {
  const r = await call(hub, 'GET', `/v1/customers/${customerId}/balance`);
  return Number((r.body.ledgers as Array<{ available: string }> | undefined)?.[0]?.available ?? NaN);
}

async function running(hub: Hub, customerId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const r = await call(hub, 'GET', `/v1/customers/${customerId}/workflows?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, true);
    if (r.status !== 200) throw new Error(`workflows of ${customerId}: ${r.status} ${JSON.stringify(r.body)}`);
    count += (r.body.data as Array<{ status: string }>).filter((w) => w.status === 'RUNNING').length;
    cursor = r.body.nextCursor as string | null;
  } while (cursor);
  return count;
}

/**
 * Sales from `tills` tills (a customer each) as a steady load while `fault` runs; then every sale not acknowledged
 * is sent again with its uniqueId until it is, as a till does. The ledger answers: each sale earns 60 points, so the
 * balances say how many were posted — lost and doubled — and Temporal's visibility says whether any workflow is stuck.
 */
export async function underLoad(hub: Hub, opts: LoadOptions, fault: () => Promise<void>): Promise<FaultReport> {
  const customers = await Promise.all(
    Array.from({ length: opts.tills }, async () => {
      const r = await call(hub, 'POST', '/v1/customers', { firstName: 'Load', lastName: 'Till', email: `load.${randomUUID()}@example.test` });
      if (r.status !== 201) throw new Error(`customer not created: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    }),
  );
  const sent = customers.map(() => new Set<string>());
  const acknowledged = new Set<string>();
  const statuses: Record<string, number> = {};
  let faultAt = Infinity;
  let recoveredAt = Infinity;
  let stopping = false;
  const till = async (i: number) => {
    while (!stopping) {
      const id = `f-${randomUUID()}`;
      const startedAt = Date.now();
      sent[i]!.add(id);
      const r = await sale(hub, customers[i]!, id);
      // A 503 must say when to come back; one that does not is counted apart (and fails the checks).
      const answer = r.status === 503 && !r.retryAfter ? '503 without Retry-After' : String(r.status);
      statuses[answer] = (statuses[answer] ?? 0) + 1;
      if (r.status === 201) {
        acknowledged.add(id);
        if (startedAt > faultAt && recoveredAt === Infinity) recoveredAt = Date.now();
      } else {
        // A till waits before its next sale when the hub refused or did not answer.
        await sleep(200);
      }
    }
  };
  const load = customers.map((_, i) => till(i));
  await sleep(opts.beforeMs ?? 1500);
  faultAt = Date.now();
  await fault();
  await until(async () => recoveredAt, (t) => t !== Infinity, opts.recoverWithinMs ?? 120_000, 'a sale acknowledged after the fault');
  await sleep(opts.afterMs ?? 1500);
  stopping = true;
  await Promise.all(load);

  let repeatedLater = 0;
  for (const [i, ids] of sent.entries()) {
    for (const id of ids) {
      if (acknowledged.has(id)) continue;
      repeatedLater++;
      await until(() => sale(hub, customers[i]!, id), (r) => r.status === 201, 60_000, `sale ${id} acknowledged when repeated`);
    }
  }
  const sales = sent.reduce((n, s) => n + s.size, 0);
  let posted = 0;
  for (const c of customers) posted += (await available(hub, c)) / POINTS_PER_SALE;
  // Visibility trails the workflows by a moment: what is still running a while after every sale answered is stuck.
  let stuck = 0;
  for (const c of customers) stuck += await until(() => running(hub, c), (n) => n === 0, 30_000, 'no running workflows').catch(() => running(hub, c));
  return { sales, acknowledgedFirstTime: acknowledged.size, repeatedLater, posted, lost: Math.max(0, sales - posted), doubled: Math.max(0, posted - sales), recoveredMs: recoveredAt - faultAt, stuck, statuses };
}
