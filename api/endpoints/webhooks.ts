import { json } from '../openapi/responses';
import { pageOf } from '../schemas/common';
import { WebhookAck, WebhookEnvelopeBody, WebhookEventsQuery, WebhookEventView, WebhookParams } from '../schemas/webhooks';
import { endpoints } from './endpoint';

const tags = ['partner webhooks'];

export const webhookEndpoints = endpoints({
  receivePartnerWebhook: {
    method: 'post',
    path: '/v1/webhooks/{partner}/{connectionId}',
    // The signature is the authentication (api/middleware/webhook-signature.ts), checked before the body is read.
    access: 'signature',
    tags,
    summary: 'A partner pushes an event; authenticated by X-Hub-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>, 5 min tolerance',
    description:
      "The secret is the connection's webhook secret. An unknown or disabled connection, a partner other than the connection's, " +
      'or a missing, wrong or stale signature is 401 and records nothing.',
    // The X-Hub-Signature header is the route's security requirement (webhookSignature), checked by its guard.
    request: {
      params: WebhookParams,
      body: WebhookEnvelopeBody,
      example: { id: 'evt_8f2c1a9e', type: 'points.awarded', occurredAt: '2026-12-01T10:00:00Z', data: { customerId: 'lp-1042', pointsAwarded: 25, totalPoints: 140 } },
    },
    responses: { 202: json('Recorded; a workflow applies it', WebhookAck), 200: json('Redelivery: already recorded, nothing done', WebhookAck) },
  },
  listWebhookEvents: {
    method: 'get',
    path: '/v1/webhooks/events',
    access: 'ops',
    tags,
    summary: 'Received events and their outcome (APPLIED, IGNORED with the reason, FAILED)',
    request: { query: WebhookEventsQuery },
    responses: { 200: json('Page', pageOf(WebhookEventView, 'WebhookEventPage')) },
  },
});
