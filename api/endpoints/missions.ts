import { z } from 'zod';
import { errors, json } from '../openapi/responses';
import { IdParam, PageQuery, pageOf } from '../schemas/common';
import { EventTypeBody, MatcherTestBody, MissionBody, MissionsQuery, MissionView } from '../schemas/missions';
import { endpoints } from './endpoint';

const tags = ['missions'];

const missionExample = {
  name: 'Three coffees',
  shortDescription: 'Buy three coffees of €2 or more, earn 100 points',
  tags: ['coffee'],
  code: 'THREE-COFFEES',
  active: true,
  eventType: 'member-purchase-order-confirmed',
  matcher: { '>=': [{ var: 'totalMinor' }, 200] },
  goalCount: 3,
  maxRepetitions: 5,
  repetitionPeriod: 'week',
  periodLimit: 1,
  pointsAccrual: 100,
};

/** Missions and custom event types: ops only, for the scheme named in X-Scheme. */
export const missionEndpoints = endpoints({
  createMission: {
    method: 'post',
    path: '/v1/missions',
    access: 'ops',
    tags,
    summary: 'Create a mission',
    request: { body: MissionBody, example: missionExample },
    responses: { 201: json('Created', MissionView), 409: errors[409] },
  },
  listMissions: {
    method: 'get',
    path: '/v1/missions',
    access: 'ops',
    tags,
    summary: 'Missions, filtered by type, codes, tags (comma lists)',
    request: { query: MissionsQuery },
    responses: { 200: json('Page', pageOf(MissionView, 'MissionPage')) },
  },
  testMissionMatcher: {
    method: 'post',
    path: '/v1/missions/matchers/test',
    access: 'ops',
    tags,
    summary: 'Evaluate a JSON Logic matcher (and increment rule) against a sample payload',
    request: { body: MatcherTestBody, example: { matcher: { '>=': [{ var: 'totalMinor' }, 2000] }, incrementBy: { var: 'quantity' }, payload: { totalMinor: '2500', quantity: 3 } } },
    responses: { 200: json('Result', z.object({ matches: z.boolean(), increment: z.string() })) },
  },
  getMission: {
    method: 'get',
    path: '/v1/missions/{id}',
    access: 'ops',
    tags,
    summary: 'One mission',
    request: { params: IdParam },
    responses: { 200: json('Mission', MissionView) },
  },
  updateMission: {
    method: 'put',
    path: '/v1/missions/{id}',
    access: 'ops',
    tags,
    summary: 'Replace a mission (progress is kept)',
    request: { params: IdParam, body: MissionBody, example: { ...missionExample, goalCount: 4 } },
    responses: { 200: json('Mission', MissionView), 409: errors[409] },
  },
  createEventType: {
    method: 'post',
    path: '/v1/event-types',
    access: 'ops',
    tags,
    summary: 'Register a custom loyalty event type',
    request: { body: EventTypeBody, example: { apiCode: 'app-check-in', name: 'App check-in', description: 'The customer opened the app in a shop' } },
    responses: { 201: json('Created', z.object({ id: z.uuid(), apiCode: z.string() }).passthrough()), 409: errors[409] },
  },
  listEventTypes: {
    method: 'get',
    path: '/v1/event-types',
    access: 'ops',
    tags,
    summary: 'Custom loyalty event types, oldest first',
    request: { query: PageQuery },
    responses: { 200: json('Page', pageOf(z.object({ apiCode: z.string() }).passthrough(), 'EventTypePage')) },
  },
});
