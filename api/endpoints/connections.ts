import { z } from 'zod';
import { json } from '../openapi/responses';
import { IdParam, PageQuery, pageOf } from '../schemas/common';
import { ConnectionBody, ConnectionUpdateBody, ConnectionView, ReconcileBody, ReconciliationView, RunParams, SyncQuery, SyncRecordView } from '../schemas/connections';
import { endpoints } from './endpoint';

const tags = ['partner sync'];

/** Partner connections, their reconciliations and sync records: ops only, for the scheme named in X-Scheme. */
export const connectionEndpoints = endpoints({
  createConnection: {
    method: 'post',
    path: '/v1/connections',
    access: 'ops',
    tags,
    summary: 'Connect the scheme to a partner (credentials are write-only, stored encrypted)',
    request: {
      body: ConnectionBody,
      example: {
        partner: 'loyaltyplus',
        name: 'Loyalty+ Valletta',
        baseUrl: 'https://api.loyaltyplus.app',
        credentials: { apiKey: 'lp_pos_3f9a27c1', ownerToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvd25lciJ9.c2lnbmF0dXJl' },
        options: { autoCorrect: false, reconcileEveryHours: 24 },
        events: ['customer', 'sale', 'return'],
        enabled: true,
        retryHorizonSeconds: 86_400,
      },
    },
    responses: { 201: json('Created; `webhookSecret` is shown this once', ConnectionView.extend({ webhookSecret: z.string() })) },
  },
  listConnections: {
    method: 'get',
    path: '/v1/connections',
    access: 'ops',
    tags,
    summary: "The scheme's connections, oldest first",
    request: { query: PageQuery },
    responses: { 200: json('A page of connections', pageOf(ConnectionView, 'ConnectionPage')) },
  },
  getConnection: {
    method: 'get',
    path: '/v1/connections/{id}',
    access: 'ops',
    tags,
    summary: 'One connection (never its credentials)',
    request: { params: IdParam },
    responses: { 200: json('Connection', ConnectionView) },
  },
  updateConnection: {
    method: 'put',
    path: '/v1/connections/{id}',
    access: 'ops',
    tags,
    summary: 'Change mode, mapping, events, horizon, enabled; credentials replaced only when given',
    request: {
      params: IdParam,
      body: ConnectionUpdateBody,
      example: { name: 'Loyalty+ Valletta', baseUrl: 'https://api.loyaltyplus.app', options: { autoCorrect: true, reconcileEveryHours: 12 }, events: ['customer', 'sale'], enabled: true, retryHorizonSeconds: 3600 },
    },
    responses: { 200: json('Connection', ConnectionView) },
  },
  deleteConnection: {
    method: 'delete',
    path: '/v1/connections/{id}',
    access: 'ops',
    tags,
    summary: 'Disable and hide it (sync history is kept)',
    request: { params: IdParam },
    responses: { 204: { description: 'Removed' } },
  },
  rotateWebhookSecret: {
    method: 'post',
    path: '/v1/connections/{id}/webhook-secret',
    access: 'ops',
    tags,
    summary: 'Rotate the webhook signing secret (shown once; the old one stops working)',
    request: { params: IdParam },
    responses: { 201: json('New secret', z.object({ webhookSecret: z.string() })) },
  },
  reconcileConnection: {
    method: 'post',
    path: '/v1/connections/{id}/reconcile',
    access: 'ops',
    tags,
    summary: "Compare the partner's balances with the hub's now (the connection's Temporal Schedule also runs it)",
    description: 'Answers the report when the run finishes within 10 s, else 202 with its workflow id.',
    request: { params: IdParam, body: ReconcileBody, bodyOptional: true, example: { autoCorrect: true } },
    responses: { 201: json('The report', ReconciliationView), 202: json('Still running', z.object({ workflowId: z.string() })) },
  },
  getReconciliation: {
    method: 'get',
    path: '/v1/connections/{id}/reconciliations/{runId}',
    access: 'ops',
    tags,
    summary: 'A reconciliation report: matched, drifted (both values), missing on the partner, corrections sent',
    request: { params: RunParams },
    responses: { 200: json('Report', ReconciliationView) },
  },
  listSyncRecords: {
    method: 'get',
    path: '/v1/sync',
    access: 'ops',
    tags,
    summary: 'Sync records, newest first: status, attempts, last error, workflow id',
    request: { query: SyncQuery },
    responses: { 200: json('Page', pageOf(SyncRecordView, 'SyncRecordPage')) },
  },
  getSyncRecord: {
    method: 'get',
    path: '/v1/sync/{id}',
    access: 'ops',
    tags,
    summary: 'One sync record',
    request: { params: IdParam },
    responses: { 200: json('Sync record', SyncRecordView) },
  },
  retrySync: {
    method: 'post',
    path: '/v1/sync/{id}/retry',
    access: 'ops',
    tags,
    summary: 'Re-run a FAILED or SKIPPED sync in its lane (new workflow id …/retry-n)',
    request: { params: IdParam },
    responses: { 202: json('Queued again', SyncRecordView), 409: { description: 'Only FAILED or SKIPPED syncs can be retried' } },
  },
});
