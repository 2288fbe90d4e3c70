import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { createHarness, type Harness } from './support/harness';
import { eventually } from './support/child-process';
import { createTestScheme } from './fixtures/schemes';
import { customerBody } from './fixtures/customers';

const LOYALE = 'https://loyale.partner.test';

let h: Harness;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  h = await createHarness();
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await h.close();
});

it("a Loyale connection's poll Schedule pulls updated customers with a cursor and applies them at the hub (not back to Loyale)", async () => {
  const scheme = await createTestScheme(h);
  const admin = { Authorization: `Bearer ${h.adminToken}`, 'X-Scheme': scheme.id };
  const a = (await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
  const b = (await h.http.post('/v1/customers').set(scheme.headers).send(customerBody()).expect(201)).body;
  const c = await h.http
    .post('/v1/connections')
    .set(admin)
    .send({ partner: 'loyale', name: `lo-${randomUUID()}`, baseUrl: LOYALE, credentials: { scheme: 's', apiKey: 'k' }, events: ['customer'], options: { pollEveryMinutes: 60 } })
    .expect(201);
  await h.repos.sync.setLink(c.body.id, b.id, 'lo-b');

  const first = nock(LOYALE, { reqheaders: { 'x-scheme': 's', 'x-apikey': 'k' } })
    .get('/api/ExternalPos/UpdatedCustomers')
    .query({ from: new Date(0).toISOString() })
    .reply(200, [
      { id: 'lo-a', barCode: a.barcode, firstName: 'Anna', updatedDate: '2026-11-01T10:00:00.000Z' },
      { id: 'lo-b', lastName: 'Smith', updatedDate: '2026-11-02T10:00:00.000Z' },
      { id: 'lo-x', barCode: '0000000000000', firstName: 'Nobody', updatedDate: '2026-11-03T00:00:00.000Z' },
    ]);
  const schedule = h.client.schedule.getHandle(`poll/${c.body.id}`);
  await schedule.trigger();
  const changed = await eventually(
    async () => [(await h.http.get(`/v1/customers/${a.id}`).set(scheme.headers)).body.firstName, (await h.http.get(`/v1/customers/${b.id}`).set(scheme.headers)).body.lastName],
    ([first, last]) => first === 'Anna' && last === 'Smith',
    20_000,
  );
  expect(changed).toEqual(['Anna', 'Smith']);
  expect(first.isDone()).toBe(true);
  // The barcode match is linked for next time; the changes are not synced back to Loyale.
  expect(await h.repos.sync.link(c.body.id, a.id)).toBe('lo-a');
  expect((await h.http.get('/v1/sync').query({ connectionId: c.body.id }).set(admin).expect(200)).body.data).toEqual([]);

  // The next poll continues from the newest change seen.
  const next = nock(LOYALE).get('/api/ExternalPos/UpdatedCustomers').query({ from: '2026-11-03T00:00:00.000Z' }).reply(200, []);
  await eventually(
    async () => h.repos.connections.pollCursor(c.body.id),
    (cursor) => cursor === '2026-11-03T00:00:00.000Z',
    10_000,
  );
  await schedule.trigger();
  await eventually(async () => next.isDone(), (done) => done, 20_000);
});
