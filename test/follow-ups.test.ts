import { randomUUID } from 'node:crypto';
import type { FollowUp } from '../domain/follow-ups';
import { recordFollowUps } from '../db/follow-ups/outbox';
import { PgFollowUpQueue } from '../db/follow-ups/queue';
import { queryIn } from '../db/ledger/ledger-engine';
import { workflowIds } from '../workflows/contracts/registry';
import { createHarness, type Harness } from './support/harness';
import { openOrm } from '../db/orm';
import { testEnv } from './support/test-env';
import { eventually } from './support/child-process';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

let h: Harness;
let scheme: TestScheme;

beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
});
afterAll(() => h.close());

const step = (uniqueId: string): FollowUp => ({ kind: 'pendingWindow', schemeId: scheme.id, uniqueId, customerId: randomUUID(), activateAt: new Date().toISOString() });
const q = () => queryIn(h.orm.em.fork());

describe('the follow-up outbox', () => {
  it('hands out only the oldest open batch of each lane, so one customer’s follow-ups start in commit order', async () => {
    // The relay of this harness would claim these too: use a queue on lanes it cannot see… by stopping it first.
    await h.stopWorker();
    try {
      const [laneA, laneB] = [randomUUID(), randomUUID()];
      for (const [key, lane] of [['a1', laneA], ['b1', laneB], ['a2', laneA]] as const) {
        await recordFollowUps(q(), { schemeId: scheme.id, key: `${key}-${laneA}`, lane, steps: [step(key)] });
      }
      // Recording an operation's follow-ups twice keeps the first.
      await recordFollowUps(q(), { schemeId: scheme.id, key: `a1-${laneA}`, lane: laneA, steps: [step('other')] });
      const queue = new PgFollowUpQueue(h.orm);
      const mine = (bs: Awaited<ReturnType<typeof queue.claim>>) => bs.filter((b) => b.lane === laneA || b.lane === laneB);
      const first = mine(await queue.claim(100, 60_000));
      expect(first.map((b) => b.key).sort()).toEqual([`a1-${laneA}`, `b1-${laneA}`]);
      expect(first.find((b) => b.key === `a1-${laneA}`)?.steps).toEqual([expect.objectContaining({ kind: 'pendingWindow', uniqueId: 'a1' })]);
      // Claimed batches are not handed out again while held; a2 waits for a1.
      expect(mine(await queue.claim(100, 60_000))).toEqual([]);
      await queue.complete(first.find((b) => b.key === `a1-${laneA}`)?.id as string);
      expect(mine(await queue.claim(100, 60_000)).map((b) => b.key)).toEqual([`a2-${laneA}`]);
      // A failed start keeps the batch (and its lane) for a later attempt, with the error.
      const b1 = first.find((b) => b.lane === laneB)?.id as string;
      await queue.defer(b1, 'Temporal unavailable', 0);
      const again = mine(await queue.claim(100, 60_000));
      expect(again).toEqual([expect.objectContaining({ id: b1, attempts: 2 })]);
      const [row] = await q()<{ last_error: string }>('select last_error from follow_ups where id = ?', [b1]);
      expect(row?.last_error).toBe('Temporal unavailable');
      await q()('delete from follow_ups where lane = any(?::text[])', [`{${laneA},${laneB}}`]);
    } finally {
      await h.startWorker();
    }
  });

  it("stamps a batch with the writer's task queue and leaves it to that queue's relays (another process on the same database cannot take it)", async () => {
    const other = await openOrm({ databaseUrl: testEnv().databaseUrl, outboxQueue: `other-${randomUUID()}` });
    await h.stopWorker();
    try {
      const lane = randomUUID();
      await recordFollowUps(queryIn(other.em.fork()), { schemeId: scheme.id, key: `theirs-${lane}`, lane, steps: [step('theirs')] });
      const [row] = await q()<{ queue: string }>('select queue from follow_ups where lane = ?', [lane]);
      expect(row?.queue).toMatch(/^other-/);
      const mine = (bs: Array<{ lane: string }>) => bs.filter((b) => b.lane === lane);
      expect(mine(await new PgFollowUpQueue(h.orm).claim(1000, 60_000))).toEqual([]);
      expect(mine(await new PgFollowUpQueue(other).claim(1000, 60_000))).toHaveLength(1);
      await q()('delete from follow_ups where lane = ?', [lane]);
    } finally {
      await other.close();
      await h.startWorker();
    }
  });

  it('starts what a committed sale recorded, after the answer: its return window’s workflow, then the batch is gone', async () => {
    const { outletId } = await saleWorld(h, scheme);
    await h.http.put(`/v1/schemes/${scheme.id}/rules`).set('Authorization', `Bearer ${h.adminToken}`).send({ earnPerUnit: 6, redeemPointsPerUnit: 100, returnWindowSeconds: 3600 }).expect(200);
    const { customerId } = await customerWithPoints(h, scheme, 0);
    const uniqueId = `window-${randomUUID()}`;
    const res = await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId, lineItems: [{ quantity: 5, unitPrice: 5 }] }).expect(201);
    expect(res.body).toMatchObject({ pointsPending: '150' });
    const window = await eventually(
      () => h.client.workflow.getHandle(workflowIds.activatePendingPoints(scheme.id, uniqueId)).describe().then((d) => d.status.name, () => null),
      (s) => s === 'RUNNING',
    );
    expect(window).toBe('RUNNING');
    await eventually(() => q()('select 1 from follow_ups where scheme_id = ? and key = ?', [scheme.id, `sale/${uniqueId}`]), (rows) => rows.length === 0);
  });
});
