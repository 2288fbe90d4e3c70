import { Router, type RequestHandler } from 'express';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { incrementOf, matches, type Matcher } from '../../domain/missions/matcher';
import type { MissionRepository } from '../../domain/missions/ports';
import { missionProblems } from '../../domain/missions/rules';
import type { MissionInput } from '../../domain/missions/types';
import { schemeOf } from '../middleware/auth';
import { IdParam } from '../schemas/common';
import { EventTypeBody, MatcherTestBody, MissionBody, MissionsQuery } from '../schemas/missions';
import { parse } from '../validation';

function missionInput(body: unknown): MissionInput {
  const input = parse(MissionBody, body, 'body') as MissionInput;
  const problems = missionProblems(input);
  if (problems.length > 0) throw new ValidationError('Invalid mission', problems);
  return input;
}

/** Missions and custom event types: admin only, for the scheme named in X-Scheme. */
export function missionsRouter(admin: RequestHandler[], missions: MissionRepository): Router {
  const router = Router();

  router.post('/v1/missions', ...admin, async (req, res) => {
    res.status(201).json(await missions.create(schemeOf(res.locals), missionInput(req.body)));
  });

  router.get('/v1/missions', ...admin, async (req, res) => {
    const { page, limit, ...filter } = parse(MissionsQuery, req.query, 'query');
    res.json(await missions.list(schemeOf(res.locals), filter, { page, limit }));
  });

  /** Try a matcher (and increment rule) against a sample payload before saving a mission with it. */
  router.post('/v1/missions/matchers/test', ...admin, (req, res) => {
    const body = parse(MatcherTestBody, req.body, 'body');
    const problems = missionProblems({ name: 'test', code: 'test', active: true, eventType: 'member-generic-event', goalCount: 1, maxRepetitions: 1, pointsAccrual: 0, tags: [], customAttributes: {}, matcher: body.matcher as Matcher | null, incrementBy: (body.incrementBy ?? null) as Matcher | null });
    if (problems.length > 0) throw new ValidationError('Invalid rule', problems);
    res.json({ matches: matches(body.matcher as Matcher | null, body.payload), increment: String(incrementOf((body.incrementBy ?? null) as Matcher | null, body.payload)) });
  });

  router.get('/v1/missions/:id', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const found = await missions.get(schemeOf(res.locals), id);
    if (!found) throw new NotFoundError('Mission');
    res.json(found);
  });

  /** Progress already made is kept; the new goal and limits apply from the next event. */
  router.put('/v1/missions/:id', ...admin, async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const updated = await missions.update(schemeOf(res.locals), id, missionInput(req.body));
    if (!updated) throw new NotFoundError('Mission');
    res.json(updated);
  });

  router.post('/v1/event-types', ...admin, async (req, res) => {
    res.status(201).json(await missions.createEventType(schemeOf(res.locals), parse(EventTypeBody, req.body, 'body')));
  });

  router.get('/v1/event-types', ...admin, async (_req, res) => {
    res.json({ data: await missions.listEventTypes(schemeOf(res.locals)) });
  });

  return router;
}
