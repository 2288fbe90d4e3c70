import { json } from '../openapi/responses';
import { IdParam } from '../schemas/common';
import { CouponBookStatsView, EventsByTypeView, LedgerAccountStatsView, MembersByDayView, MissionStatsView, StatsWindow, TaggedStatsWindow, TopMembersQuery, TopMembersView } from '../schemas/stats';
import { endpoints } from './endpoint';

const tags = ['stats'];
const windowed = 'The window is sinceFrom (inclusive) to sinceTo (exclusive), 30 days by default, at most 366; one SQL statement over an index that starts with the scheme (or account) and the time.';

/** The seed's stats (004, Stats) that fit the hub; ops only. */
export const statsEndpoints = endpoints({
  memberCreationStats: {
    method: 'get',
    path: '/v1/stats/members',
    access: 'ops',
    tags,
    summary: "Members created per day (the scheme's time zone)",
    description: windowed,
    request: { query: StatsWindow },
    responses: { 200: json('Stats', MembersByDayView) },
  },
  eventTypeStats: {
    method: 'get',
    path: '/v1/stats/events',
    access: 'ops',
    tags,
    summary: 'Hub events by type',
    description: windowed,
    request: { query: StatsWindow },
    responses: { 200: json('Stats', EventsByTypeView) },
  },
  ledgerAccountStats: {
    method: 'get',
    path: '/v1/stats/ledger-accounts/{id}',
    access: 'ops',
    tags,
    summary: "A ledger account's posted transfers by code: count and amount",
    description: windowed,
    request: { params: IdParam, query: StatsWindow },
    responses: { 200: json('Stats', LedgerAccountStatsView) },
  },
  missionStats: {
    method: 'get',
    path: '/v1/stats/missions',
    access: 'ops',
    tags,
    summary: 'Per mission: completions and participants (undone completions left out)',
    description: windowed,
    request: { query: TaggedStatsWindow },
    responses: { 200: json('Stats', MissionStatsView) },
  },
  missionTopMembers: {
    method: 'get',
    path: '/v1/stats/missions/top-members',
    access: 'ops',
    tags,
    summary: 'The members with most mission completions (then most counted)',
    description: windowed,
    request: { query: TopMembersQuery },
    responses: { 200: json('Stats', TopMembersView) },
  },
  couponBookStats: {
    method: 'get',
    path: '/v1/stats/coupon-books',
    access: 'ops',
    tags,
    summary: 'Per coupon book: codes assigned and used, and the discount handed out',
    description: windowed,
    request: { query: TaggedStatsWindow },
    responses: { 200: json('Stats', CouponBookStatsView) },
  },
});
