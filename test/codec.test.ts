import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { workflowIds } from '../workflows/contracts/registry';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';
import { saleWorld } from './fixtures/sales';
import { testEnv } from './support/test-env';
import { historyPayloads, mustBeSealed } from './support/history-payloads';

type Payload = temporal.api.common.v1.IPayload;
const wire = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/** The sealed payloads of a history, in the codec protocol's JSON. */
function sealedPayloads(value: unknown, out: ReturnType<typeof wire>[] = []): ReturnType<typeof wire>[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const o = value as Payload & Record<string, unknown>;
  if (o.metadata && 'data' in o) {
    if (Buffer.from(o.metadata.encoding ?? []).toString() === 'binary/encrypted') out.push(wire(o));
    return out;
  }
  for (const v of Object.values(o)) sealedPayloads(v, out);
  return out;
}

let h: Harness;
let scheme: TestScheme;
let plain: Client;
let plainConnection: Connection;
beforeAll(async () => {
  h = await createHarness();
  scheme = await createTestScheme(h);
  plainConnection = await Connection.connect({ address: testEnv().temporalAddress });
  // What the Web UI, `temporal workflow show` or anyone with access to Temporal sees: no codec.
  plain = new Client({ connection: plainConnection, namespace: testEnv().namespace });
});
afterAll(async () => {
  await plainConnection.close();
  await h.close();
});

const bearer = () => ({ Authorization: `Bearer ${h.adminToken}` });

describe('personal data in Temporal history', () => {
  let customerId: string;
  let body: Record<string, unknown>;
  let saleId: string;

  beforeAll(async () => {
    body = customerBody({ firstName: 'Zelda', lastName: 'Quartermaine' });
    const created = await h.http.post('/v1/customers').set(scheme.headers).send(body).expect(201);
    customerId = created.body.id as string;
    const requestId = `req-${randomUUID()}`;
    await h.http.put(`/v1/customers/${customerId}`).set(scheme.headers).set('X-Request-Id', requestId).send({ email: `moved.${randomUUID()}@example.test`, phone: '+35699887766' }).expect(200);
    const { outletId } = await saleWorld(h, scheme);
    saleId = `sale-${randomUUID()}`;
    await h.http.post('/v1/transactions').set(scheme.headers).send({ customerId, outletId, uniqueId: saleId, receiptNumber: 'RCPT-SECRET-4711', lineItems: [{ quantity: 1, sku: 'sku-1', unitPrice: 3 }] }).expect(201);
    await waitFor(async () => (await h.http.get(`/v1/transactions/status/${saleId}`).set(scheme.headers)).body.status !== 'PROCESSING');
    body.updateWorkflow = workflowIds.updateCustomer(scheme.id, customerId, requestId);
  });

  it('stores every input, result and failure payload encrypted, so nothing personal is readable without the codec', async () => {
    const ids = [body.updateWorkflow as string, workflowIds.recordSale(scheme.id, saleId)];
    for (const id of ids) {
      const history = await plain.workflow.getHandle(id).fetchHistory();
      const payloads = historyPayloads(history);
      expect(payloads.filter(mustBeSealed).length).toBeGreaterThan(1);
      expect(payloads.filter(mustBeSealed).filter((p) => p.encoding !== 'binary/encrypted')).toEqual([]);
      const raw = JSON.stringify(payloads);
      for (const secret of ['Zelda', 'Quartermaine', body.email as string, '35699887766', 'RCPT-SECRET-4711', 'moved.']) expect(raw).not.toContain(secret);
    }
  });

  it('decodes for the admin token at /codec/decode, the protocol the Web UI and CLI speak', async () => {
    const history = await plain.workflow.getHandle(workflowIds.recordSale(scheme.id, saleId)).fetchHistory();
    const payloads = sealedPayloads(history);
    await h.http.post('/codec/decode').send({ payloads }).expect(401);
    const res = await h.http.post('/codec/decode').set(bearer()).set('X-Namespace', 'default').send({ payloads }).expect(200);
    const texts = (res.body.payloads as Array<{ data: string }>).map((p) => Buffer.from(p.data, 'base64').toString('utf8'));
    expect(texts.join('\n')).toContain('RCPT-SECRET-4711');
    // Encode then decode is the identity.
    const again = await h.http.post('/codec/encode').set(bearer()).send(res.body).expect(200);
    const back = await h.http.post('/codec/decode').set(bearer()).send(again.body).expect(200);
    expect(back.body).toEqual(res.body);
  });
});

describe('codec endpoint', () => {
  const sealedOne = async () => (await h.http.post('/codec/encode').set(bearer()).send({ payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"x"').toString('base64') }] }).expect(200)).body;

  it('signs a browser in with the admin token as an HttpOnly, same-site session cookie, and refuses others', async () => {
    await h.http.post('/codec/session').expect(401);
    await h.http.post('/codec/session').set('Authorization', 'Bearer wrong').expect(401);
    const res = await h.http.post('/codec/session').set(bearer()).expect(204);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^hub_codec=\d+\.[\w-]+; Path=\/codec; HttpOnly; SameSite=Strict; Max-Age=28800/);
    expect(setCookie).not.toContain(h.adminToken);
    const session = setCookie.split(';')[0] as string;
    const sealed = await sealedOne();
    await h.http.post('/codec/decode').set('Cookie', session).send(sealed).expect(200);
    await h.http.post('/codec/decode').set('Cookie', session.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))).send(sealed).expect(401);
  });

  it('answers CORS only for the configured Web UI origin', async () => {
    const ok = await h.http.options('/codec/decode').set('Origin', 'http://localhost:8233').set('Access-Control-Request-Method', 'POST').expect(204);
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:8233');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const other = await h.http.options('/codec/decode').set('Origin', 'http://evil.test').set('Access-Control-Request-Method', 'POST').expect(204);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses tampered or malformed payloads with a 400 in the error format', async () => {
    const sealed = await sealedOne();
    const data = Buffer.from(sealed.payloads[0].data, 'base64');
    data.writeUInt8(data.readUInt8(data.length - 1) ^ 1, data.length - 1);
    const res = await h.http.post('/codec/decode').set(bearer()).send({ payloads: [{ ...sealed.payloads[0], data: data.toString('base64') }] }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    await h.http.post('/codec/decode').set(bearer()).send({ payloads: 'nope' }).expect(400);
  });

  it('serves the sign-in page', async () => {
    const res = await h.http.get('/codec').expect(200);
    expect(res.text).toContain('Include cross-origin credentials');
  });
});

async function waitFor(done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
