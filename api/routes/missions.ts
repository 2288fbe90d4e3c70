import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { incrementOf, matches, type Matcher } from '../../domain/missions/matcher';
import type { MissionRepository } from '../../domain/missions/ports';
import { missionProblems } from '../../domain/missions/rules';
import type { MissionInput } from '../../domain/missions/types';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { missionEndpoints } from '../endpoints/missions';
import { schemeOf } from '../middleware/auth';
import type { MissionBody } from '../schemas/missions';
import { missionOut } from '../points-wire';

function missionInput(body: z.output<typeof MissionBody>): MissionInput {
  const input = body as MissionInput;
  const problems = missionProblems(input);
  if (problems.length > 0) throw new ValidationError('Invalid mission', problems);
  return input;
}

/** Missions and custom event types: ops only, for the scheme named in X-Scheme. */
export function missionHandlers(missions: MissionRepository): Handlers<typeof missionEndpoints> {
  return {
    async createMission({ body, res }) {
      return created(missionOut(await missions.create(schemeOf(res.locals), missionInput(body))));
    },

    async listMissions({ query: { cursor, limit, ...filter }, res }) {
      const page = await missions.list(schemeOf(res.locals), filter, { cursor, limit });
      return ok({ ...page, data: page.data.map(missionOut) });
    },

    /** Try a matcher (and increment rule) against a sample payload before saving a mission with it. */
    testMissionMatcher({ body }) {
      const matcher = body.matcher as Matcher | null;
      const incrementBy = (body.incrementBy ?? null) as Matcher | null;
      const problems = missionProblems({ name: 'test', code: 'test', active: true, eventType: 'member-generic-event', goalCount: 1, maxRepetitions: 1, pointsAccrual: 0, tags: [], customAttributes: {}, matcher, incrementBy });
      if (problems.length > 0) throw new ValidationError('Invalid rule', problems);
      return ok({ matches: matches(matcher, body.payload), increment: String(incrementOf(incrementBy, body.payload)) });
    },

    async getMission({ params: { id }, res }) {
      const found = await missions.get(schemeOf(res.locals), id);
      if (!found) throw new NotFoundError('Mission');
      return ok(missionOut(found));
    },

    /** Progress already made is kept; the new goal and limits apply from the next event. */
    async updateMission({ params: { id }, body, res }) {
      const updated = await missions.update(schemeOf(res.locals), id, missionInput(body));
      if (!updated) throw new NotFoundError('Mission');
      return ok(missionOut(updated));
    },

    async createEventType({ body, res }) {
      return created(await missions.createEventType(schemeOf(res.locals), body));
    },

    async listEventTypes({ query, res }) {
      return ok(await missions.listEventTypes(schemeOf(res.locals), query));
    },
  };
}
