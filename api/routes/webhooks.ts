import { UnauthorizedError } from '../../domain/errors';
import type { WebhookRepository } from '../../domain/partners/webhooks';
import { ok, type Handlers } from '../endpoints/endpoint';
import type { webhookEndpoints } from '../endpoints/webhooks';
import { schemeOf } from '../middleware/auth';
import type { WebhookWorkflows } from '../ports';
import type { BusinessMetrics } from '../business-metrics';

/**
 * Partners push events here, authenticated by their signature
 * (api/middleware/webhook-signature.ts). A first delivery is recorded and
 * answered 202 (a workflow applies it); a redelivery 200.
 */
export function webhookHandlers(webhooks: WebhookRepository, workflows: WebhookWorkflows, metrics?: BusinessMetrics): Handlers<typeof webhookEndpoints> {
  return {
    async receivePartnerWebhook({ body, res }) {
      // Set by the signature guard; never reached without it.
      const target = res.locals.webhookTarget;
      if (!target) throw new UnauthorizedError('Unknown connection or invalid webhook signature');
      const { event, inserted } = await webhooks.record(target, body);
      // Recorded but never started (Temporal was down): the redelivery starts it.
      if (event.status === 'RECEIVED') await workflows.applyPartnerEvent(event, res.locals);
      metrics?.webhook(target.partner, inserted ? 'accepted' : 'duplicate');
      return { status: inserted ? 202 : 200, body: { id: event.id, status: inserted ? 'ACCEPTED' : 'DUPLICATE', workflowId: event.workflowId } };
    },

    async listWebhookEvents({ query: { status, connectionId, limit, cursor }, res }) {
      return ok(await webhooks.list(schemeOf(res.locals), { status, connectionId, limit, cursor }));
    },
  };
}
