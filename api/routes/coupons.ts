import { Router, type RequestHandler } from 'express';
import { NotFoundError } from '../../domain/errors';
import type { CouponRepository } from '../../domain/transactions/ports';
import { schemeOf } from '../middleware/auth';
import { CouponBody, CouponParams } from '../schemas/coupons';
import { parse } from '../validation';

/** Coupons a till may send with a sale; the sale validates and consumes them. */
export function couponsRouter(auth: RequestHandler, coupons: CouponRepository): Router {
  const router = Router();

  router.post('/v1/coupons', auth, async (req, res) => {
    res.status(201).json(await coupons.create(schemeOf(res.locals), parse(CouponBody, req.body, 'body')));
  });

  router.get('/v1/coupons/:code', auth, async (req, res) => {
    const { code } = parse(CouponParams, req.params, 'params');
    const coupon = (await coupons.find(schemeOf(res.locals), [code]))[code];
    if (!coupon) throw new NotFoundError('Coupon');
    res.json(coupon);
  });

  return router;
}
