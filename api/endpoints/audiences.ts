import { json } from '../openapi/responses';
import { IdParam, pageOf } from '../schemas/common';
import { AudienceBody, AudienceCheckParams, AudienceCheckView, AudienceEnvelope, AudienceListQuery, AudienceView, MemberAudiencesView } from '../schemas/audiences';
import { endpoints } from './endpoint';

const tags = ['audiences'];
const example = { key: 'big-spenders', name: 'Big spenders', description: 'Gold members or 1,000 points', rule: { or: [{ '==': [{ var: 'tier.name' }, 'Gold'] }, { '>=': [{ var: 'balance' }, 1000] }] } };

/** Audiences (seed 004): named JSON Logic rules over a member, judged when asked (never stored), named by coupon books. */
export const audienceEndpoints = endpoints({
  listAudiences: {
    method: 'get',
    path: '/v1/audiences',
    access: 'keyOrOps',
    tags,
    summary: "The scheme's audiences, newest first; `search` finds them by name or description",
    request: { query: AudienceListQuery },
    responses: { 200: json('Page', pageOf(AudienceView, 'AudiencePage')) },
  },
  createAudience: {
    method: 'post',
    path: '/v1/audiences',
    access: 'keyOrOps',
    tags,
    summary: 'Create an audience (at most 500 per scheme)',
    request: { body: AudienceBody, example },
    responses: { 201: json('Created', AudienceEnvelope), 409: { description: 'The key exists in the scheme' } },
  },
  getAudience: {
    method: 'get',
    path: '/v1/audiences/{id}',
    access: 'keyOrOps',
    tags,
    summary: 'An audience',
    request: { params: IdParam },
    responses: { 200: json('Audience', AudienceEnvelope) },
  },
  updateAudience: {
    method: 'put',
    path: '/v1/audiences/{id}',
    access: 'keyOrOps',
    tags,
    summary: 'Replace an audience (membership follows at once: it is judged when asked)',
    request: { params: IdParam, body: AudienceBody, example },
    responses: { 200: json('Updated', AudienceEnvelope), 409: { description: 'The key exists in the scheme' } },
  },
  checkAudience: {
    method: 'get',
    path: '/v1/audiences/{id}/members/{customerId}',
    access: 'keyOrOps',
    tags,
    summary: 'Whether a member is in the audience now',
    request: { params: AudienceCheckParams },
    responses: { 200: json('Check', AudienceCheckView) },
  },
  listMemberAudiences: {
    method: 'get',
    path: '/v1/customers/{id}/audiences',
    access: 'keyOrOps',
    tags,
    summary: 'The audiences the member is in now',
    request: { params: IdParam },
    responses: { 200: json('Audiences', MemberAudiencesView) },
  },
});
