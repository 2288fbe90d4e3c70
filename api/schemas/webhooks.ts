import { z } from 'zod';
import { PageQuery } from './common';
import { partners } from '../../domain/partners/ports';
import { webhookEventTypes } from '../../domain/partners/webhook-events';

export const WebhookParams = z.object({ partner: z.enum(partners), connectionId: z.uuid() });

export const WebhookEnvelopeBody = z
  .object({
    id: z.string().min(1).max(200).meta({ description: "The partner's event id: a redelivery with the same id is answered 200 and does nothing" }),
    type: z.enum(webhookEventTypes),
    occurredAt: z.iso.datetime({ offset: true }),
    data: z.record(z.string(), z.unknown()).meta({ description: "In the partner's own object shapes (Loyalty+ check-in / customer, Coupontools card user and stamps, Loyale customer)" }),
  })
  .strict()
  .meta({ id: 'WebhookEnvelope' });

export const WebhookAck = z.object({ id: z.uuid(), status: z.enum(['ACCEPTED', 'DUPLICATE']), workflowId: z.string() }).meta({ id: 'WebhookAck' });

export const WebhookEventsQuery = PageQuery.extend({
  status: z.enum(['RECEIVED', 'APPLIED', 'IGNORED', 'FAILED']).optional(),
  connectionId: z.uuid().optional(),
});

export const WebhookEventView = z
  .object({
    id: z.uuid(),
    schemeId: z.uuid(),
    connectionId: z.uuid(),
    eventId: z.string(),
    type: z.enum(webhookEventTypes),
    occurredAt: z.string(),
    data: z.record(z.string(), z.unknown()),
    status: z.enum(['RECEIVED', 'APPLIED', 'IGNORED', 'FAILED']),
    outcome: z.record(z.string(), z.unknown()).nullable(),
    workflowId: z.string(),
    receivedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookEvent' });
