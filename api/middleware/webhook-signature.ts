import type { Request, RequestHandler } from 'express';
import { HubError, UnauthorizedError } from '../../domain/errors';
import type { BusinessMetrics } from '../business-metrics';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../domain/partners/webhook-signature';
import type { WebhookRepository, WebhookTarget } from '../../domain/partners/webhooks';
import { WebhookParams } from '../schemas/webhooks';
import { parse } from '../validation';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The connection an inbound webhook is addressed to, once its signature checked out. */
      webhookTarget?: WebhookTarget;
    }
  }
}

type WithRawBody = Request & { rawBody?: Buffer };

/** The JSON parser keeps the raw bytes: the signature is over them, not over re-serialised JSON. */
export const keepRawBody = (req: Request, _res: unknown, buf: Buffer) => {
  (req as WithRawBody).rawBody = buf;
};

/**
 * Inbound webhooks: the partner's signature is the authentication. A request
 * for an unknown or disabled connection, for another partner than the
 * connection's, unsigned, badly signed or stale is 401 before its body is
 * read. Leaves the connection in `res.locals.webhookTarget`.
 */
export function requireWebhookSignature(webhooks: WebhookRepository, metrics?: BusinessMetrics): RequestHandler {
  return async (req, res, next) => {
    let partner = 'unknown';
    try {
      const params = parse(WebhookParams, req.params, 'params');
      partner = params.partner;
      const target = await webhooks.target(params.connectionId);
      if (!target || target.partner !== partner || !target.secret || !target.enabled) throw new UnauthorizedError('Unknown connection or invalid webhook signature');
      verifyWebhookSignature({
        secret: target.secret,
        header: req.get(SIGNATURE_HEADER),
        rawBody: (req as WithRawBody).rawBody ?? Buffer.alloc(0),
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      res.locals.webhookTarget = target;
    } catch (err) {
      // Only a refusal of the delivery counts; a database that did not answer is the hub's failure, not the partner's.
      if (err instanceof HubError && err.type !== 'dependency_unavailable') metrics?.webhook(partner, 'rejected');
      throw err;
    }
    next();
  };
}
