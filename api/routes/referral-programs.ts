import { Router, type RequestHandler } from 'express';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { ReferralRepository } from '../../domain/referrals/ports';
import { programProblems } from '../../domain/referrals/rules';
import type { ReferralProgramInput } from '../../domain/referrals/types';
import { schemeOf } from '../middleware/auth';
import { IdParam } from '../schemas/common';
import { OffsetQuery } from '../schemas/ledger';
import { CodeParams, CodesQuery, CreateCodesBody, ReferralProgramBody } from '../schemas/referrals';
import { parse } from '../validation';

function programInput(body: unknown): ReferralProgramInput {
  const { maxRedeemsPerReferredMemberPerCode: _one, ...input } = parse(ReferralProgramBody, body, 'body');
  const problems = programProblems(input);
  if (problems.length > 0) throw new ValidationError('Invalid referral programme', problems);
  return input;
}

/** Referral programmes (admin) and their codes (admin or the scheme's key: a shop app hands codes to its customers). */
export function referralProgramsRouter(admin: RequestHandler[], schemeOrAdmin: RequestHandler, referrals: ReferralRepository): Router {
  const router = Router();

  router.post('/v1/referral-programs', ...admin, async (req, res) => {
    res.status(201).json(await referrals.createProgram(schemeOf(res.locals), programInput(req.body)));
  });

  router.get('/v1/referral-programs', ...admin, async (req, res) => {
    res.json(await referrals.listPrograms(schemeOf(res.locals), parse(OffsetQuery, req.query, 'query')));
  });

  router.get('/v1/referral-programs/:id', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const found = await referrals.getProgram(schemeOf(res.locals), id);
    if (!found) throw new NotFoundError('Referral programme');
    res.json(found);
  });

  /** Changes apply to referrals made from now on: a referral keeps the terms it was made under. */
  router.put('/v1/referral-programs/:id', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const updated = await referrals.updateProgram(schemeOf(res.locals), id, programInput(req.body));
    if (!updated) throw new NotFoundError('Referral programme');
    res.json(updated);
  });

  router.get('/v1/referral-programs/:id/report', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const schemeId = schemeOf(res.locals);
    if (!(await referrals.getProgram(schemeId, id))) throw new NotFoundError('Referral programme');
    res.json(await referrals.report(schemeId, id, parse(OffsetQuery, req.query, 'query')));
  });

  router.post('/v1/referral-programs/:id/codes', schemeOrAdmin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const body = parse(CreateCodesBody, req.body, 'body');
    const codes = await referrals.createCodes(schemeOf(res.locals), id, body.customerId, body.codes ?? null, body.count);
    res.status(201).json({ referrals: codes });
  });

  router.get('/v1/referral-programs/:id/codes', schemeOrAdmin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const { customerId, ...page } = parse(CodesQuery, req.query, 'query');
    const schemeId = schemeOf(res.locals);
    if (!(await referrals.getProgram(schemeId, id))) throw new NotFoundError('Referral programme');
    res.json(await referrals.listCodes(schemeId, id, customerId, page));
  });

  router.get('/v1/referral-programs/:id/codes/:codeId/referred', schemeOrAdmin, async (req, res) => {
    const { id, codeId } = parse(CodeParams, req.params, 'params');
    const schemeId = schemeOf(res.locals);
    if (!(await referrals.getCode(schemeId, id, codeId))) throw new NotFoundError('Referral code');
    res.json(await referrals.listReferred(schemeId, codeId, parse(OffsetQuery, req.query, 'query')));
  });

  return router;
}
