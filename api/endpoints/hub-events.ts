import { z } from 'zod';
import { errors, json } from '../openapi/responses';
import { IdParam } from '../schemas/common';
import { CustomerEventsQuery, CustomerMission, CustomerMissionsQuery, EventView, IncrementBody, MissionEffect, MissionParams, TrackEventBody } from '../schemas/missions';
import { pageOf } from '../schemas/common';
import { endpoints } from './endpoint';

const tags = ['missions'];
const refused = { description: 'Business rule (unknown event type, mission not active)' };

/** Hub events tracked by POS and apps (the scheme's key), and the customer's missions and events. */
export const hubEventEndpoints = endpoints({
  trackEvent: {
    method: 'post',
    path: '/v1/events',
    access: 'key',
    tags,
    summary: 'Track a loyalty event (idempotent by systemUniqueKey); answers its effects',
    request: {
      body: TrackEventBody,
      example: { systemUniqueKey: 'app-checkin-7f3a9c21', customerId: '0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b', eventType: 'app-check-in', payload: { outletCode: 'VALLETTA-01', steps: 1 }, tags: ['app'] },
    },
    responses: {
      201: json('Effects', z.object({ systemUniqueKey: z.string(), referralsSignalled: z.number().int(), missions: z.array(MissionEffect) })),
      // The customer is in the body, not the path: unknown (or another scheme's) is 404 too.
      404: errors[404],
      409: errors[409],
      422: refused,
    },
  },
  listCustomerEvents: {
    method: 'get',
    path: '/v1/customers/{id}/events',
    access: 'keyOrOps',
    tags,
    summary: "The customer's events with status",
    request: { params: IdParam, query: CustomerEventsQuery },
    responses: { 200: json('Page', pageOf(EventView, 'LoyaltyEventPage')) },
  },
  listCustomerMissions: {
    method: 'get',
    path: '/v1/customers/{id}/missions',
    access: 'keyOrOps',
    tags,
    summary: 'Each mission with the customer’s counter, times achieved, available / in progress',
    request: { params: IdParam, query: CustomerMissionsQuery },
    responses: { 200: json('Page', pageOf(CustomerMission, 'CustomerMissionPage')) },
  },
  incrementMission: {
    method: 'post',
    path: '/v1/customers/{id}/missions/{missionId}/increment',
    access: 'key',
    tags,
    summary: "Increment the customer's mission counter by hand (idempotent by systemUniqueKey)",
    request: { params: MissionParams, body: IncrementBody, example: { systemUniqueKey: 'staff-bonus-2026-03-14-0042', amount: 1, description: 'Stamp given by hand at the counter' } },
    responses: { 201: json('The mission after the increment', z.object({ systemUniqueKey: z.string(), balance: MissionEffect.nullable() })), 409: errors[409], 422: refused },
  },
});
