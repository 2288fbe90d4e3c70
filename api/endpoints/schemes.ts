import { z } from 'zod';
import { json } from '../openapi/responses';
import { IdParam, PageQuery, pageOf } from '../schemas/common';
import { ApiKeyParams, ApiKeyView, CreateApiKeyBody, CreateSchemeBody, IssuedApiKeyView, SchemeView } from '../schemas/schemes';
import { RulesBody } from '../schemas/rules';
import { endpoints } from './endpoint';

const tags = ['schemes'];

/** Platform management: schemes (tenants), their API keys and point rules, admin token only. */
export const schemeEndpoints = endpoints({
  createScheme: {
    method: 'post',
    path: '/v1/schemes',
    access: 'admin',
    tags,
    summary: 'Create a scheme (tenant)',
    request: { body: CreateSchemeBody, example: { name: 'Café Nero Malta', currency: 'EUR', timeZone: 'Europe/Malta' } },
    responses: { 201: json('Created', SchemeView), 409: { description: 'A scheme with this name exists' } },
  },
  listSchemes: {
    method: 'get',
    path: '/v1/schemes',
    access: 'admin',
    tags,
    summary: 'List schemes (tenants), oldest first; ?name= narrows to names containing it',
    request: { query: PageQuery.extend({ name: z.string().min(1).max(200).optional().meta({ description: 'Only schemes whose name contains this, any case' }) }) },
    responses: { 200: json('A page of schemes', pageOf(SchemeView, 'SchemePage')) },
  },
  getScheme: {
    method: 'get',
    path: '/v1/schemes/{id}',
    access: 'admin',
    tags,
    summary: 'Get a scheme',
    request: { params: IdParam },
    responses: { 200: json('The scheme', SchemeView) },
  },
  listApiKeys: {
    method: 'get',
    path: '/v1/schemes/{id}/api-keys',
    access: 'admin',
    tags,
    summary: "List a scheme's API keys (never the keys themselves), oldest first",
    request: { params: IdParam, query: PageQuery },
    responses: { 200: json('A page of keys', pageOf(ApiKeyView, 'ApiKeyPage')) },
  },
  issueApiKey: {
    method: 'post',
    path: '/v1/schemes/{id}/api-keys',
    access: 'admin',
    tags,
    summary: "Issue an API key (a till's, or with role owner the bearer of Loyalty+'s owner API); the response is the only time it is shown",
    request: { params: IdParam, body: CreateApiKeyBody, example: { name: 'till 7' } },
    responses: { 201: json('Issued', IssuedApiKeyView) },
  },
  revokeApiKey: {
    method: 'delete',
    path: '/v1/schemes/{id}/api-keys/{keyId}',
    access: 'admin',
    tags,
    summary: 'Revoke an API key, effective immediately',
    request: { params: ApiKeyParams },
    responses: { 200: json('Revoked', ApiKeyView) },
  },
  getPointRules: {
    method: 'get',
    path: '/v1/schemes/{id}/rules',
    access: 'admin',
    tags,
    summary: "The scheme's point rules",
    request: { params: IdParam },
    responses: { 200: json('Rules', RulesBody) },
  },
  putPointRules: {
    method: 'put',
    path: '/v1/schemes/{id}/rules',
    access: 'admin',
    tags,
    summary: 'Set earn rate, redemption rate and overrides (SKU > vendor > lowest category)',
    request: { params: IdParam, body: RulesBody, example: { earnPerUnit: 6, redeemPointsPerUnit: 100, overrides: [{ match: 'category', value: 'drinks', earnPerUnit: 10 }], returnWindowSeconds: 1209600 } },
    responses: { 200: json('Rules', RulesBody) },
  },
});
