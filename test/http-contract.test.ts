import { createHarness, type Harness } from './support/harness';
import { createTestScheme, type TestScheme } from './fixtures/schemes';

let h: Harness;
let scheme: TestScheme;

beforeAll(async () => {
  h = await createHarness({ worker: false });
  scheme = await createTestScheme(h);
});
afterAll(() => h.close());

function expectErrorFormat(body: unknown, code: string) {
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String), requestId: expect.any(String) }) });
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
}

describe('one error format everywhere', () => {
  it('answers malformed JSON with 400', async () => {
    const res = await h.http.post('/v1/customers').set(scheme.headers).set('Content-Type', 'application/json').send('{"firstName":');
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/json');
    expectErrorFormat(res.body, 'malformed_json');
  });

  it('answers an unknown route with 404, not an HTML page', async () => {
    const res = await h.http.get('/v1/nothing-here').expect(404);
    expect(res.type).toBe('application/json');
    expectErrorFormat(res.body, 'not_found');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await h.http.post('/v1/customers').set(scheme.headers).send({ firstName: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expectErrorFormat(res.body, 'payload_too_large');
  });

  it('gives every response a request id, echoing a sane one from the caller', async () => {
    const own = await h.http.get('/healthz').set('X-Request-Id', 'till-7-req-42').expect(200);
    expect(own.headers['x-request-id']).toBe('till-7-req-42');
    const generated = await h.http.get('/healthz').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await h.http.get('/nope').expect(404);
    expect(failed.body.error.requestId).toBe(failed.headers['x-request-id']);
  });
});

describe('metrics', () => {
  it('exposes an HTTP latency histogram by route template and status', async () => {
    await h.http.get('/v1/customers').set(scheme.headers).expect(200);
    const res = await h.http.get('/metrics').expect(200);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/v1\/customers",status="200"\} \d+/);
    expect(res.text).toContain('hub_workflow_starts_total');
    expect(res.text).toContain('process_cpu_seconds_total');
  });
});
