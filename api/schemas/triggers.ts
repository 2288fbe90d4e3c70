import { z } from 'zod';
import { deliveryStatuses } from '../../domain/triggers/trigger';
import { optionalRule, PageQuery } from './common';

const filter = optionalRule(
  'JSON Logic over the event (type, key, customerId, occurredAt, payload); an event it excludes is not posted (FILTERED)',
);

/** The seed's trigger (type, name, settings, active), with the settings a WebHook needs. */
export const TriggerBody = z
  .object({
    type: z.literal('WebHook'),
    name: z.string().trim().min(1).max(200),
    active: z.boolean().default(true),
    settings: z
      .object({
        url: z.url({ protocol: /^https?$/ }).max(2000).meta({ description: "The retailer's endpoint: a signed POST per event" }),
        eventTypes: z.array(z.string().min(3).max(100)).min(1).max(50).meta({ description: 'Hub event types (or custom event apiCodes) posted to it' }),
        filter,
        retryHorizonSeconds: z.number().int().min(60).max(7 * 86_400).default(86_400).meta({ description: 'How long a delivery keeps retrying (backoff 1 s doubling to a minute) before it is FAILED' }),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'EventTriggerInput' });

export const TriggerView = z
  .object({
    id: z.uuid(),
    type: z.literal('WebHook'),
    name: z.string(),
    active: z.boolean(),
    settings: z.object({ url: z.string(), eventTypes: z.array(z.string()), filter: z.record(z.string(), z.unknown()).nullable(), retryHorizonSeconds: z.number().int() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EventTrigger' });

export const TriggerEnvelope = z.object({ trigger: TriggerView }).meta({ id: 'EventTriggerEnvelope' });
export const CreatedTriggerEnvelope = z
  .object({ trigger: TriggerView, signingSecret: z.string().meta({ description: 'Shown this once: verify X-Hub-Signature (t=<unix>,v1=HMAC-SHA256(secret, "<t>.<raw body>")) with it' }) })
  .meta({ id: 'CreatedEventTrigger' });

export const RotateSecretBody = z
  .object({
    previousValidForSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(86_400)
      .meta({ description: 'How long deliveries still carry a signature made with the old secret too (a second v1), so the receiver can switch; 0 retires it at once' }),
  })
  .strict();

export const RotatedSecretEnvelope = z
  .object({
    trigger: TriggerView,
    signingSecret: z.string().meta({ description: 'The new secret, shown this once' }),
    previousSecretValidUntil: z.iso.datetime().nullable().meta({ description: 'Until then each delivery is signed with both secrets (X-Hub-Signature: t=…,v1=<new>,v1=<old>)' }),
  })
  .meta({ id: 'RotatedEventTriggerSecret' });

export const TriggerListQuery = PageQuery.extend({
  type: z.literal('WebHook').optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  name: z.string().max(200).optional(),
});

export const DeliveryView = z
  .object({
    id: z.uuid(),
    triggerId: z.uuid(),
    eventKey: z.string(),
    eventType: z.string(),
    customerId: z.uuid(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    nextAttemptAt: z.string().nullable().meta({ description: 'When the next attempt is due while it retries' }),
    deliveredAt: z.string().nullable(),
    run: z.number().int().meta({ description: '0, then one more per redelivery' }),
    createdAt: z.string(),
  })
  .meta({ id: 'TriggerDelivery' });

export const DeliveryListQuery = PageQuery.extend({ status: z.enum(deliveryStatuses).optional() });
export const DeliveryEnvelope = z.object({ delivery: DeliveryView }).meta({ id: 'TriggerDeliveryEnvelope' });
