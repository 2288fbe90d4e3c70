import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { IdParam } from '../schemas/common';
import { OffsetQuery } from '../schemas/ledger';
import { CodeParams, CodesQuery, CreateCodesBody, offsetPageOf, ReferralCodeView, ReferralProgramBody, ReferralProgramView, ReferralReportRowView, ReferralView } from '../schemas/referrals';
import { adminSecurity, errors, json, schemeSecurity } from './responses';

const AdminScheme = z.object({ 'x-scheme': z.uuid().meta({ description: 'The scheme the admin acts for' }) });

export function registerReferralPaths(registry: OpenAPIRegistry): void {
  const a = { tags: ['referrals'], security: adminSecurity };
  const either = { tags: ['referrals'], security: [...adminSecurity, ...schemeSecurity] };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  registry.registerPath({ ...a, method: 'post', path: '/v1/referral-programs', summary: 'Create a referral programme', request: { headers: AdminScheme, body: body(ReferralProgramBody) }, responses: { 201: json('Created', ReferralProgramView), 400: errors[400], 409: errors[409] } });
  registry.registerPath({ ...a, method: 'get', path: '/v1/referral-programs', summary: "The scheme's referral programmes", request: { headers: AdminScheme, query: OffsetQuery }, responses: { 200: json('Page', offsetPageOf(ReferralProgramView)) } });
  registry.registerPath({ ...a, method: 'get', path: '/v1/referral-programs/{id}', summary: 'One referral programme', request: { headers: AdminScheme, params: IdParam }, responses: { 200: json('Programme', ReferralProgramView), 404: errors[404] } });
  registry.registerPath({ ...a, method: 'put', path: '/v1/referral-programs/{id}', summary: 'Replace a programme (referrals already made keep their terms)', request: { headers: AdminScheme, params: IdParam, body: body(ReferralProgramBody) }, responses: { 200: json('Programme', ReferralProgramView), 400: errors[400], 404: errors[404], 409: errors[409] } });
  registry.registerPath({ ...a, method: 'get', path: '/v1/referral-programs/{id}/report', summary: 'Per referrer: referred, qualified, points paid', request: { headers: AdminScheme, params: IdParam, query: OffsetQuery }, responses: { 200: json('Page', offsetPageOf(ReferralReportRowView)), 404: errors[404] } });
  registry.registerPath({ ...either, method: 'post', path: '/v1/referral-programs/{id}/codes', summary: "Create (or generate unguessable) codes for a referrer", request: { params: IdParam, body: body(CreateCodesBody) }, responses: { 201: json('Codes', z.object({ referrals: z.array(ReferralCodeView) })), 404: errors[404], 409: errors[409] } });
  registry.registerPath({ ...either, method: 'get', path: '/v1/referral-programs/{id}/codes', summary: "A programme's codes, optionally one referrer's", request: { params: IdParam, query: CodesQuery }, responses: { 200: json('Page', offsetPageOf(ReferralCodeView)), 404: errors[404] } });
  registry.registerPath({ ...either, method: 'get', path: '/v1/referral-programs/{id}/codes/{codeId}/referred', summary: 'The customers a code referred, with status', request: { params: CodeParams, query: OffsetQuery }, responses: { 200: json('Page', offsetPageOf(ReferralView)), 404: errors[404] } });
}
