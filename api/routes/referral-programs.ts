import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { ReferralRepository } from '../../domain/referrals/ports';
import { programProblems } from '../../domain/referrals/rules';
import type { ReferralProgramInput } from '../../domain/referrals/types';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { referralProgramEndpoints } from '../endpoints/referral-programs';
import { schemeOf } from '../middleware/auth';
import type { ReferralProgramBody } from '../schemas/referrals';
import { referralProgramOut } from '../points-wire';

function programInput({ maxRedeemsPerReferredMemberPerCode: _one, ...input }: z.output<typeof ReferralProgramBody>): ReferralProgramInput {
  const problems = programProblems(input);
  if (problems.length > 0) throw new ValidationError('Invalid referral programme', problems);
  return input;
}

/** Referral programmes (ops) and their codes (ops or the scheme's key: a shop app hands codes to its customers). */
export function referralProgramHandlers(referrals: ReferralRepository): Handlers<typeof referralProgramEndpoints> {
  const existing = async (schemeId: string, id: string) => {
    if (!(await referrals.getProgram(schemeId, id))) throw new NotFoundError('Referral programme');
  };

  return {
    async createReferralProgram({ body, res }) {
      return created(referralProgramOut(await referrals.createProgram(schemeOf(res.locals), programInput(body))));
    },

    async listReferralPrograms({ query, res }) {
      const page = await referrals.listPrograms(schemeOf(res.locals), query);
      return ok({ ...page, data: page.data.map(referralProgramOut) });
    },

    async getReferralProgram({ params: { id }, res }) {
      const found = await referrals.getProgram(schemeOf(res.locals), id);
      if (!found) throw new NotFoundError('Referral programme');
      return ok(referralProgramOut(found));
    },

    /** Changes apply to referrals made from now on: a referral keeps the terms it was made under. */
    async updateReferralProgram({ params: { id }, body, res }) {
      const updated = await referrals.updateProgram(schemeOf(res.locals), id, programInput(body));
      if (!updated) throw new NotFoundError('Referral programme');
      return ok(referralProgramOut(updated));
    },

    async getReferralReport({ params: { id }, query, res }) {
      const schemeId = schemeOf(res.locals);
      await existing(schemeId, id);
      return ok(await referrals.report(schemeId, id, query));
    },

    async issueReferralCodes({ params: { id }, body, res }) {
      const codes = await referrals.createCodes(schemeOf(res.locals), id, body.customerId, body.codes ?? null, body.count);
      return created({ referrals: codes });
    },

    async listReferralCodes({ params: { id }, query: { customerId, ...page }, res }) {
      const schemeId = schemeOf(res.locals);
      await existing(schemeId, id);
      return ok(await referrals.listCodes(schemeId, id, customerId, page));
    },

    async listReferredCustomers({ params: { id, codeId }, query, res }) {
      const schemeId = schemeOf(res.locals);
      if (!(await referrals.getCode(schemeId, id, codeId))) throw new NotFoundError('Referral code');
      return ok(await referrals.listReferred(schemeId, codeId, query));
    },
  };
}
