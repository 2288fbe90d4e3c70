import { Router, type RequestHandler } from 'express';
import { NotFoundError } from '../../domain/errors';
import type { SchemeRepository } from '../../domain/ports';
import type { OutletRepository, PointRulesRepository } from '../../domain/transactions/ports';
import { schemeOf } from '../middleware/auth';
import { IdParam } from '../schemas/common';
import { OffsetQuery } from '../schemas/ledger';
import { OutletBody, RulesBody } from '../schemas/transactions';
import { parse } from '../validation';

/** Outlets (scheme key or admin) and a scheme's point rules (admin). */
export function outletsAndRulesRouter(schemeOrAdmin: RequestHandler, admin: RequestHandler, schemes: SchemeRepository, outlets: OutletRepository, pointRules: PointRulesRepository): Router {
  const router = Router();

  router.get('/v1/outlets', schemeOrAdmin, async (req, res) => {
    const { page, limit } = parse(OffsetQuery, req.query, 'query');
    res.json(await outlets.list(schemeOf(res.locals), page, limit));
  });

  router.post('/v1/outlets', schemeOrAdmin, async (req, res) => {
    const { name } = parse(OutletBody, req.body, 'body');
    res.status(201).json(await outlets.create(schemeOf(res.locals), name));
  });

  router.get('/v1/schemes/:id/rules', admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    if (!(await schemes.findById(id))) throw new NotFoundError('Scheme');
    res.json(await pointRules.get(id));
  });

  router.put('/v1/schemes/:id/rules', admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const rules = parse(RulesBody, req.body, 'body');
    if (!(await schemes.findById(id))) throw new NotFoundError('Scheme');
    res.json(await pointRules.put(id, rules));
  });

  return router;
}
