import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHubClient } from '../clients/typescript';
import { createHarness, type Harness } from './support/harness';
import { checkResponses } from './support/response-contract';

// @loyalty-hub/client (clients/typescript) against a real hub: real HTTP through fetch, so the generated types, the
// paths and the credential headers are exercised as a client's user meets them.
let h: Harness;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  h = await createHarness();
  // Answers are checked against the OpenAPI document here too (h.close() reports mismatches).
  server = express().use(checkResponses).use(h.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

it('calls a public route without credentials', async () => {
  const { data, error } = await createHubClient({ baseUrl }).GET('/healthz');
  expect(error).toBeUndefined();
  expect(data).toEqual({ status: 'ok' });
});

it('creates a scheme and a key with the admin token, then a customer with the key, and reads it back', async () => {
  const admin = createHubClient({ baseUrl, adminToken: h.adminToken });
  const scheme = await admin.POST('/v1/schemes', { body: { name: `Typed client ${randomUUID()}`, currency: 'EUR', timeZone: 'Europe/Malta' } });
  expect(scheme.response.status).toBe(201);
  const schemeId = scheme.data?.id ?? '';
  const key = await admin.POST('/v1/schemes/{id}/api-keys', { params: { path: { id: schemeId } }, body: { name: 'typed client' } });
  expect(key.response.status).toBe(201);

  const pos = createHubClient({ baseUrl: `${baseUrl}/`, scheme: schemeId, apiKey: key.data?.key });
  const email = `ada.${randomUUID()}@example.test`;
  const created = await pos.POST('/v1/customers', { body: { firstName: 'Ada', lastName: 'Lovelace', email }, headers: { 'Idempotency-Key': randomUUID() } });
  expect(created.error).toBeUndefined();
  expect(created.data).toMatchObject({ schemeId, firstName: 'Ada', email, status: 'ACTIVE' });

  const read = await pos.GET('/v1/customers/{id}', { params: { path: { id: created.data?.id ?? '' } } });
  expect(read.data).toMatchObject({ id: created.data?.id, email });

  // The admin token acts for the scheme named in X-Scheme on routes that allow it (keyOrOps).
  const ops = createHubClient({ baseUrl, scheme: schemeId, adminToken: h.adminToken });
  const ledgers = await ops.GET('/v1/ledgers');
  expect(ledgers.response.status).toBe(200);
});

it('answers a refusal as the typed Error body', async () => {
  const stranger = createHubClient({ baseUrl, scheme: randomUUID(), apiKey: 'lhk_not-a-key' });
  const { data, error, response } = await stranger.GET('/v1/customers/{id}', { params: { path: { id: randomUUID() } } });
  expect(data).toBeUndefined();
  expect(response.status).toBe(401);
  expect(error?.error.code).toBe('unauthorized');
});
