import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ErrorBody, IdParam, SchemeHeaders } from '../schemas/common';
import { CustomerEventsQuery, CustomerMissionsQuery, EventTypeBody, IncrementBody, MatcherTestBody, MissionBody, MissionParams, MissionsQuery, MissionView, TrackEventBody } from '../schemas/missions';
import { offsetPageOf } from '../schemas/referrals';
import { adminSecurity, errors, json, schemeSecurity } from './responses';

const AdminScheme = z.object({ 'x-scheme': z.uuid().meta({ description: 'The scheme the admin acts for' }) });
const refused = json('Business rule (unknown event type, mission not active)', ErrorBody);
const MissionEffect = z
  .object({
    missionId: z.uuid(),
    code: z.string(),
    counted: z.string(),
    counterAfter: z.string(),
    timesAchieved: z.number().int(),
    completed: z.array(z.number().int()).meta({ description: 'Repetitions completed by this event' }),
    pointsAwarded: z.string(),
    capped: z.enum(['max_repetitions', 'period_limit']).nullable(),
    rolledBack: z.object({ amount: z.string(), undone: z.array(z.number().int()), pointsReversed: z.string() }).optional(),
  })
  .meta({ id: 'MissionEffect' });
const CustomerMission = z
  .object({ mission: MissionView, counter: z.string(), timesAchieved: z.number().int(), available: z.boolean(), inProgress: z.boolean(), periodCompletionsLeft: z.number().int().nullable() })
  .meta({ id: 'CustomerMission' });
const EventView = z
  .object({ id: z.uuid(), key: z.string(), type: z.string(), customerId: z.uuid(), payload: z.record(z.string(), z.unknown()), occurredAt: z.iso.datetime(), status: z.enum(['pending', 'running', 'failed', 'success']), effects: z.record(z.string(), z.unknown()).nullable(), source: z.enum(['hub', 'api']), createdAt: z.iso.datetime() })
  .passthrough()
  .meta({ id: 'LoyaltyEvent' });

export function registerMissionPaths(registry: OpenAPIRegistry): void {
  const a = { tags: ['missions'], security: adminSecurity };
  const s = { tags: ['missions'], security: schemeSecurity };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  registry.registerPath({ ...a, method: 'post', path: '/v1/missions', summary: 'Create a mission', request: { headers: AdminScheme, body: body(MissionBody) }, responses: { 201: json('Created', MissionView), 400: errors[400], 409: errors[409] } });
  registry.registerPath({ ...a, method: 'get', path: '/v1/missions', summary: 'Missions, filtered by type, codes, tags (comma lists)', request: { headers: AdminScheme, query: MissionsQuery }, responses: { 200: json('Page', offsetPageOf(MissionView)) } });
  registry.registerPath({ ...a, method: 'get', path: '/v1/missions/{id}', summary: 'One mission', request: { headers: AdminScheme, params: IdParam }, responses: { 200: json('Mission', MissionView), 404: errors[404] } });
  registry.registerPath({ ...a, method: 'put', path: '/v1/missions/{id}', summary: 'Replace a mission (progress is kept)', request: { headers: AdminScheme, params: IdParam, body: body(MissionBody) }, responses: { 200: json('Mission', MissionView), 400: errors[400], 404: errors[404], 409: errors[409] } });
  registry.registerPath({ ...a, method: 'post', path: '/v1/missions/matchers/test', summary: 'Evaluate a JSON Logic matcher (and increment rule) against a sample payload', request: { headers: AdminScheme, body: body(MatcherTestBody) }, responses: { 200: json('Result', z.object({ matches: z.boolean(), increment: z.string() })), 400: errors[400] } });
  registry.registerPath({ ...a, method: 'post', path: '/v1/event-types', summary: 'Register a custom loyalty event type', request: { headers: AdminScheme, body: body(EventTypeBody) }, responses: { 201: json('Created', z.object({ id: z.uuid(), apiCode: z.string() }).passthrough()), 409: errors[409] } });
  registry.registerPath({ ...a, method: 'get', path: '/v1/event-types', summary: 'Custom loyalty event types', request: { headers: AdminScheme }, responses: { 200: json('List', z.object({ data: z.array(z.object({ apiCode: z.string() }).passthrough()) })) } });
  registry.registerPath({ ...s, method: 'post', path: '/v1/events', summary: 'Track a loyalty event (idempotent by systemUniqueKey); answers its effects', request: { headers: SchemeHeaders, body: body(TrackEventBody) }, responses: { 201: json('Effects', z.object({ systemUniqueKey: z.string(), referralsSignalled: z.number().int(), missions: z.array(MissionEffect) })), 404: errors[404], 409: errors[409], 422: refused } });
  registry.registerPath({ ...s, method: 'get', path: '/v1/customers/{id}/events', summary: "The customer's events with status", request: { headers: SchemeHeaders, params: IdParam, query: CustomerEventsQuery }, responses: { 200: json('Page', offsetPageOf(EventView)), 404: errors[404] } });
  registry.registerPath({ ...s, method: 'get', path: '/v1/customers/{id}/missions', summary: 'Each mission with the customer’s counter, times achieved, available / in progress', request: { headers: SchemeHeaders, params: IdParam, query: CustomerMissionsQuery }, responses: { 200: json('Page', offsetPageOf(CustomerMission)), 404: errors[404] } });
  registry.registerPath({ ...s, method: 'post', path: '/v1/customers/{id}/missions/{missionId}/increment', summary: "Increment the customer's mission counter by hand (idempotent by systemUniqueKey)", request: { headers: SchemeHeaders, params: MissionParams, body: body(IncrementBody) }, responses: { 201: json('The mission after the increment', z.object({ systemUniqueKey: z.string(), balance: MissionEffect.nullable() })), 404: errors[404], 409: errors[409], 422: refused } });
}
