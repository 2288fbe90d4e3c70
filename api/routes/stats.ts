import type { StatsRepository, Window } from '../../domain/stats/ports';
import { ok, type Handlers } from '../endpoints/endpoint';
import type { statsEndpoints } from '../endpoints/stats';
import { schemeOf } from '../middleware/auth';

const DAY_MS = 86_400_000;

/** The window asked for, or the 30 days before now (or before sinceTo). */
export function windowOf(q: { sinceFrom?: string; sinceTo?: string }, now = Date.now()): Window {
  const to = q.sinceTo ? Date.parse(q.sinceTo) : now;
  const from = q.sinceFrom ? Date.parse(q.sinceFrom) : to - 30 * DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function statsHandlers(stats: StatsRepository): Handlers<typeof statsEndpoints> {
  return {
    memberCreationStats: async ({ query, res }) => ok({ results: await stats.membersByDay(schemeOf(res.locals), windowOf(query)) }),
    eventTypeStats: async ({ query, res }) => ok({ results: await stats.eventsByType(schemeOf(res.locals), windowOf(query)) }),
    ledgerAccountStats: async ({ params: { id }, query, res }) => ok({ results: await stats.ledgerAccount(schemeOf(res.locals), id, windowOf(query)) }),
    missionStats: async ({ query, res }) => ok({ results: await stats.missions(schemeOf(res.locals), windowOf(query), query.tag) }),
    missionTopMembers: async ({ query, res }) => ok({ results: await stats.topMissionMembers(schemeOf(res.locals), windowOf(query), query.limit, query.tag) }),
    couponBookStats: async ({ query, res }) => ok({ results: await stats.couponBooks(schemeOf(res.locals), windowOf(query), query.tag) }),
  };
}
