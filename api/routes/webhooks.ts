import { Router, type Request, type RequestHandler } from 'express';
import { UnauthorizedError } from '../../domain/errors';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../domain/partners/webhook-signature';
import type { WebhookEnvelope, WebhookRepository } from '../../domain/partners/webhooks';
import { schemeOf } from '../middleware/auth';
import type { WebhookWorkflows } from '../ports';
import { WebhookEnvelopeBody, WebhookEventsQuery, WebhookParams } from '../schemas/webhooks';
import { parse } from '../validation';

/** The JSON parser keeps the raw bytes: the signature is over them, not over re-serialised JSON. */
export const keepRawBody = (req: Request, _res: unknown, buf: Buffer) => {
  (req as Request & { rawBody?: Buffer }).rawBody = buf;
};

/**
 * Partners push events here. The signature is the authentication: a request
 * for an unknown or disabled connection, unsigned, badly signed or stale is
 * 401 and changes nothing. A first delivery is recorded and answered 202 (a
 * workflow applies it); a redelivery 200.
 */
export function webhooksRouter(admin: RequestHandler[], webhooks: WebhookRepository, workflows: WebhookWorkflows): Router {
  const router = Router();

  router.post('/v1/webhooks/:partner/:connectionId', async (req, res) => {
    const { partner, connectionId } = parse(WebhookParams, req.params, 'params');
    const target = await webhooks.target(connectionId);
    if (!target || target.partner !== partner || !target.secret || !target.enabled) throw new UnauthorizedError('Unknown connection or invalid webhook signature');
    verifyWebhookSignature({
      secret: target.secret,
      header: req.get(SIGNATURE_HEADER),
      rawBody: (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0),
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    const envelope = parse(WebhookEnvelopeBody, req.body, 'body') as WebhookEnvelope;
    const { event, inserted } = await webhooks.record(target, envelope);
    // Recorded but never started (Temporal was down): the redelivery starts it.
    if (event.status === 'RECEIVED') await workflows.applyPartnerEvent(event, res.locals);
    res.status(inserted ? 202 : 200).json({ id: event.id, status: inserted ? 'ACCEPTED' : 'DUPLICATE', workflowId: event.workflowId });
  });

  router.get('/v1/webhooks/events', ...admin, async (req, res) => {
    const { status, connectionId, limit, cursor } = parse(WebhookEventsQuery, req.query, 'query');
    res.json(await webhooks.list(schemeOf(res.locals), { status, connectionId, limit, cursor }));
  });

  return router;
}
