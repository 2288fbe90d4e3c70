import { z } from 'zod';
import { errors, json } from '../openapi/responses';
import { IdParam, PageQuery, pageOf } from '../schemas/common';
import { CodeParams, CodesQuery, CreateCodesBody, ReferralCodeView, ReferralProgramBody, ReferralProgramView, ReferralReportRowView, ReferralView } from '../schemas/referrals';
import { endpoints } from './endpoint';

const tags = ['referrals'];

const programExample = {
  name: 'Bring a friend',
  description: '200 points for you and 50 for your friend on their first purchase of €15 or more',
  code: 'FRIENDS-2026',
  active: true,
  validFromDate: '2026-01-01T00:00:00Z',
  validToDate: '2026-12-31T23:59:59Z',
  maxPerCode: 10,
  eventType: 'member-purchase-order-confirmed',
  minPurchaseMinor: 1500,
  referrerPointsAccrual: 200,
  referredPointsAccrual: 50,
  qualifyWithinSeconds: 2_592_000,
  tags: ['spring-campaign'],
};

/** Referral programmes (ops) and their codes (the scheme's key too: a shop app hands codes to its customers). */
export const referralProgramEndpoints = endpoints({
  createReferralProgram: {
    method: 'post',
    path: '/v1/referral-programs',
    access: 'ops',
    tags,
    summary: 'Create a referral programme',
    request: { body: ReferralProgramBody, example: programExample },
    responses: { 201: json('Created', ReferralProgramView), 409: errors[409] },
  },
  listReferralPrograms: {
    method: 'get',
    path: '/v1/referral-programs',
    access: 'ops',
    tags,
    summary: "The scheme's referral programmes",
    request: { query: PageQuery },
    responses: { 200: json('Page', pageOf(ReferralProgramView, 'ReferralProgramPage')) },
  },
  getReferralProgram: {
    method: 'get',
    path: '/v1/referral-programs/{id}',
    access: 'ops',
    tags,
    summary: 'One referral programme',
    request: { params: IdParam },
    responses: { 200: json('Programme', ReferralProgramView) },
  },
  updateReferralProgram: {
    method: 'put',
    path: '/v1/referral-programs/{id}',
    access: 'ops',
    tags,
    summary: 'Replace a programme (referrals already made keep their terms)',
    request: { params: IdParam, body: ReferralProgramBody, example: { ...programExample, active: false } },
    responses: { 200: json('Programme', ReferralProgramView), 409: errors[409] },
  },
  getReferralReport: {
    method: 'get',
    path: '/v1/referral-programs/{id}/report',
    access: 'ops',
    tags,
    summary: 'Per referrer: referred, qualified, points paid',
    request: { params: IdParam, query: PageQuery },
    responses: { 200: json('Page', pageOf(ReferralReportRowView, 'ReferralReportPage')) },
  },
  issueReferralCodes: {
    method: 'post',
    path: '/v1/referral-programs/{id}/codes',
    access: 'keyOrOps',
    tags,
    summary: 'Create (or generate unguessable) codes for a referrer',
    request: { params: IdParam, body: CreateCodesBody, example: { customerId: '0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b', codes: ['MARIA-7K2P'] } },
    responses: { 201: json('Codes', z.object({ referrals: z.array(ReferralCodeView) })), 409: errors[409], 422: { description: "The referrer is not in the programme's audience" } },
  },
  listReferralCodes: {
    method: 'get',
    path: '/v1/referral-programs/{id}/codes',
    access: 'keyOrOps',
    tags,
    summary: "A programme's codes, optionally one referrer's",
    request: { params: IdParam, query: CodesQuery },
    responses: { 200: json('Page', pageOf(ReferralCodeView, 'ReferralCodePage')) },
  },
  listReferredCustomers: {
    method: 'get',
    path: '/v1/referral-programs/{id}/codes/{codeId}/referred',
    access: 'keyOrOps',
    tags,
    summary: 'The customers a code referred, with status',
    request: { params: CodeParams, query: PageQuery },
    responses: { 200: json('Page', pageOf(ReferralView, 'ReferralPage')) },
  },
});
