import { json } from '../openapi/responses';
import { IdParam, pageOf } from '../schemas/common';
import { CreatedTriggerEnvelope, DeliveryEnvelope, DeliveryListQuery, DeliveryView, RotatedSecretEnvelope, RotateSecretBody, TriggerBody, TriggerEnvelope, TriggerListQuery, TriggerView } from '../schemas/triggers';
import { endpoints } from './endpoint';

const tags = ['event triggers'];
const example = {
  type: 'WebHook',
  name: 'CRM',
  active: true,
  settings: { url: 'https://crm.example.com/hooks/loyalty', eventTypes: ['member-purchase-order-confirmed', 'coupon-code-used'], filter: { '>=': [{ var: 'payload.totalMinor' }, '1000'] }, retryHorizonSeconds: 86400 },
};

/**
 * Event triggers (seed 004): the retailer's own systems hear every hub event
 * of the types they chose, as signed POSTs — one Temporal workflow per
 * delivery, in order per customer, retried to a horizon, visible and
 * redeliverable.
 */
export const triggerEndpoints = endpoints({
  listEventTriggers: {
    method: 'get',
    path: '/v1/event-triggers',
    access: 'ops',
    tags,
    summary: "The scheme's event triggers, newest first",
    request: { query: TriggerListQuery },
    responses: { 200: json('Page', pageOf(TriggerView, 'EventTriggerPage')) },
  },
  createEventTrigger: {
    method: 'post',
    path: '/v1/event-triggers',
    access: 'ops',
    tags,
    summary: 'Register a WebHook trigger; its signing secret is answered this once',
    description: 'Every hub event of `settings.eventTypes` recorded from now on is POSTed to `settings.url` with `X-Hub-Signature`, `X-Hub-Event` and `X-Hub-Delivery` headers; the body is the event (id, type, key, customerId, occurredAt, payload).',
    request: { body: TriggerBody, example },
    responses: { 201: json('Created', CreatedTriggerEnvelope) },
  },
  getEventTrigger: {
    method: 'get',
    path: '/v1/event-triggers/{id}',
    access: 'ops',
    tags,
    summary: 'An event trigger (never its secret)',
    request: { params: IdParam },
    responses: { 200: json('Trigger', TriggerEnvelope) },
  },
  updateEventTrigger: {
    method: 'put',
    path: '/v1/event-triggers/{id}',
    access: 'ops',
    tags,
    summary: 'Replace a trigger’s name, settings and active flag (its secret stays)',
    request: { params: IdParam, body: TriggerBody, example: { ...example, active: false } },
    responses: { 200: json('Updated', TriggerEnvelope) },
  },
  deleteEventTrigger: {
    method: 'delete',
    path: '/v1/event-triggers/{id}',
    access: 'ops',
    tags,
    summary: 'Remove a trigger and its delivery records',
    request: { params: IdParam },
    responses: { 204: { description: 'Removed' } },
  },
  listTriggerDeliveries: {
    method: 'get',
    path: '/v1/event-triggers/{id}/deliveries',
    access: 'ops',
    tags,
    summary: "A trigger's deliveries in event order: status, attempts, last error, next attempt",
    request: { params: IdParam, query: DeliveryListQuery },
    responses: { 200: json('Page', pageOf(DeliveryView, 'TriggerDeliveryPage')) },
  },
  rotateEventTriggerSecret: {
    method: 'post',
    path: '/v1/event-triggers/{id}/secret',
    access: 'ops',
    tags,
    summary: 'Rotate the signing secret: a new one, answered this once; the old one still signs alongside it for previousValidForSeconds',
    request: { params: IdParam, body: RotateSecretBody, example: { previousValidForSeconds: 86400 } },
    responses: { 200: json('Rotated', RotatedSecretEnvelope) },
  },
  redeliverTriggerDelivery: {
    method: 'post',
    path: '/v1/trigger-deliveries/{id}/redeliver',
    access: 'ops',
    tags,
    summary: 'Deliver a settled (DELIVERED, FAILED, FILTERED) delivery again, as a new run',
    request: { params: IdParam },
    responses: { 202: json('Queued', DeliveryEnvelope), 422: { description: 'The delivery is still being attempted' } },
  },
});
