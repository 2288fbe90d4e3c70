import { randomUUID } from 'node:crypto';
import { createHarness } from './support/harness';
import { createTestScheme } from './fixtures/schemes';
import { customerWithPoints, saleWorld } from './fixtures/sales';

it('dbg', async () => {
  const h = await createHarness();
  try {
    const s = await createTestScheme(h);
    const { outletId } = await saleWorld(h, s);
    const { customerId } = await customerWithPoints(h, s, 100);
    const uniqueId = `t-${randomUUID()}`;
    await h.http.post('/v1/transactions').set(s.headers).send({ customerId, outletId, uniqueId, lineItems: [{ quantity: 1, unitPrice: 10 }] }).expect(201);
    const hist = await h.client.workflow.getHandle(`sale/${s.id}/${uniqueId}`).fetchHistory();
    console.log(JSON.stringify(hist.events?.map((e) => [e.eventType, e.markerRecordedEventAttributes?.markerName, e.upsertWorkflowSearchAttributesEventAttributes ? Object.keys(e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields ?? {}) : undefined])));
  } finally {
    await h.close();
  }
});
