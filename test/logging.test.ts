import { Writable } from 'node:stream';
import { createLogger } from '../runtime/logger';
import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let h: Harness;
let scheme: TestScheme;
beforeAll(async () => {
  h = await createHarness({ logger: createLogger('trace', {}, sink) });
  scheme = await createTestScheme(h);
});
afterAll(() => h.close());

it('writes structured lines with the request id and the workflow id', async () => {
  const res = await h.http.post('/v1/customers').set(scheme.headers).set('X-Request-Id', 'req-log-1').send(customerBody()).expect(201);
  const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.requestId === 'req-log-1');
  const started = entries.find((e) => e.msg === 'workflow started');
  expect(started).toMatchObject({ workflowType: 'createCustomer', workflowId: expect.stringContaining(`customer-create/${scheme.id}/`) });
  expect(entries.find((e) => e.msg === 'request')).toMatchObject({ method: 'POST', route: '/v1/customers', status: 201 });
  expect(res.headers['x-request-id']).toBe('req-log-1');
});

it('never writes an API key or the admin token, whatever the outcome', async () => {
  await h.http.get('/v1/customers').set(scheme.headers).expect(200);
  await h.http.get('/v1/customers').set({ ...scheme.headers, 'X-Scheme': '00000000-0000-4000-8000-000000000000' }).expect(401);
  await h.http.post('/v1/customers').set(scheme.headers).send('{bad json').set('Content-Type', 'application/json').expect(400);
  await h.http.get('/v1/schemes/not-a-uuid').set('Authorization', `Bearer ${h.adminToken}`).expect(400);
  const all = lines.join('\n');
  expect(lines.length).toBeGreaterThan(5);
  expect(all).not.toContain(scheme.apiKey);
  expect(all).not.toContain(scheme.apiKey.slice(4));
  expect(all).not.toContain(h.adminToken);
});

it('never writes partner credentials, also when a connection request is refused', async () => {
  const admin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
  const secret = { scheme: 'loyale-scheme-s3cr3t', apiKey: 'loyale-key-s3cr3t' };
  const created = await h.http.post('/v1/connections').set(admin).send({ partner: 'loyale', name: 'L', baseUrl: 'https://loyale.partner.test', credentials: secret }).expect(201);
  await h.http.post('/v1/connections').set(admin).send({ partner: 'loyale', name: 'L', baseUrl: 'not a url', credentials: secret }).expect(400);
  await h.http.put(`/v1/connections/${created.body.id}`).set(admin).send({ name: 'L', baseUrl: 'https://loyale.partner.test', credentials: { apiKey: 'half-s3cr3t' } }).expect(400);
  const all = lines.join('\n') + JSON.stringify(created.body);
  expect(all).not.toContain('s3cr3t');
});
