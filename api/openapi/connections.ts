import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { IdParam } from '../schemas/common';
import { ConnectionBody, ConnectionUpdateBody, ConnectionView, ReconcileBody, ReconciliationView, RunParams, SyncQuery, SyncRecordView } from '../schemas/connections';
import { adminSecurity, errors, json } from './responses';
import { WebhookAck, WebhookEnvelopeBody, WebhookEventsQuery, WebhookEventView, WebhookParams } from '../schemas/webhooks';

const AdminScheme = z.object({ 'x-scheme': z.uuid().meta({ description: 'The scheme the admin acts for' }) });

export function registerConnectionPaths(registry: OpenAPIRegistry): void {
  const c = { tags: ['partner sync'], security: adminSecurity };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  registry.registerPath({ ...c, method: 'post', path: '/v1/connections', summary: 'Connect the scheme to a partner (credentials are write-only, stored encrypted)', request: { headers: AdminScheme, body: body(ConnectionBody) }, responses: { 201: json('Created; `webhookSecret` is shown this once', ConnectionView.extend({ webhookSecret: z.string() })), 400: errors[400], 401: errors[401] } });
  registry.registerPath({ ...c, method: 'post', path: '/v1/connections/{id}/webhook-secret', summary: 'Rotate the webhook signing secret (shown once; the old one stops working)', request: { headers: AdminScheme, params: IdParam }, responses: { 201: json('New secret', z.object({ webhookSecret: z.string() })), 404: errors[404] } });
  registry.registerPath({
    tags: ['partner webhooks'],
    method: 'post',
    path: '/v1/webhooks/{partner}/{connectionId}',
    summary: 'A partner pushes an event; authenticated by X-Hub-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>, 5 min tolerance',
    request: { headers: z.object({ 'x-hub-signature': z.string() }), params: WebhookParams, body: { content: { 'application/json': { schema: WebhookEnvelopeBody } } } },
    responses: { 202: json('Recorded; a workflow applies it', WebhookAck), 200: json('Redelivery: already recorded, nothing done', WebhookAck), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({ ...c, tags: ['partner webhooks'], method: 'get', path: '/v1/webhooks/events', summary: 'Received events and their outcome (APPLIED, IGNORED with the reason, FAILED)', request: { headers: AdminScheme, query: WebhookEventsQuery }, responses: { 200: json('Page', z.object({ data: z.array(WebhookEventView), nextCursor: z.string().nullable() })), 400: errors[400] } });
  registry.registerPath({ ...c, method: 'get', path: '/v1/connections', summary: "The scheme's connections", request: { headers: AdminScheme }, responses: { 200: json('Connections', z.object({ data: z.array(ConnectionView) })), 401: errors[401] } });
  registry.registerPath({ ...c, method: 'get', path: '/v1/connections/{id}', summary: 'One connection (never its credentials)', request: { headers: AdminScheme, params: IdParam }, responses: { 200: json('Connection', ConnectionView), 404: errors[404] } });
  registry.registerPath({ ...c, method: 'put', path: '/v1/connections/{id}', summary: 'Change mode, mapping, events, horizon, enabled; credentials replaced only when given', request: { headers: AdminScheme, params: IdParam, body: body(ConnectionUpdateBody) }, responses: { 200: json('Connection', ConnectionView), 400: errors[400], 404: errors[404] } });
  registry.registerPath({ ...c, method: 'delete', path: '/v1/connections/{id}', summary: 'Disable and hide it (sync history is kept)', request: { headers: AdminScheme, params: IdParam }, responses: { 204: { description: 'Removed' }, 404: errors[404] } });
  registry.registerPath({ ...c, method: 'post', path: '/v1/connections/{id}/reconcile', summary: "Compare the partner's balances with the hub's now (the connection's Temporal Schedule also runs it)", request: { headers: AdminScheme, params: IdParam, body: { required: false, content: { 'application/json': { schema: ReconcileBody } } } }, responses: { 201: json('The report', ReconciliationView), 202: json('Still running', z.object({ workflowId: z.string() })), 404: errors[404] } });
  registry.registerPath({ ...c, method: 'get', path: '/v1/connections/{id}/reconciliations/{runId}', summary: 'A reconciliation report: matched, drifted (both values), missing on the partner, corrections sent', request: { headers: AdminScheme, params: RunParams }, responses: { 200: json('Report', ReconciliationView), 404: errors[404] } });
  registry.registerPath({ ...c, method: 'get', path: '/v1/sync', summary: 'Sync records, newest first: status, attempts, last error, workflow id', request: { headers: AdminScheme, query: SyncQuery }, responses: { 200: json('Page', z.object({ data: z.array(SyncRecordView), nextCursor: z.string().nullable() })), 400: errors[400] } });
  registry.registerPath({ ...c, method: 'get', path: '/v1/sync/{id}', summary: 'One sync record', request: { headers: AdminScheme, params: IdParam }, responses: { 200: json('Sync record', SyncRecordView), 404: errors[404] } });
  registry.registerPath({ ...c, method: 'post', path: '/v1/sync/{id}/retry', summary: 'Re-run a FAILED or SKIPPED sync in its lane (new workflow id …/retry-n)', request: { headers: AdminScheme, params: IdParam }, responses: { 202: json('Queued again', SyncRecordView), 404: errors[404], 409: errors[409] } });
}
