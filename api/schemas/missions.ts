import { z } from 'zod';
import { PageQuery, PointsSetting, PointsString } from './common';
import { hubEventTypes } from '../../domain/events/hub-event';
import { repetitionPeriods } from '../../domain/missions/period';

const when = z.iso.datetime({ offset: true });
const rule = z.record(z.string(), z.unknown()).meta({ description: 'A JSON Logic rule (jsonlogic.com) over the event payload' });
const list = z.string().max(2000).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const MissionBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    shortDescription: z.string().max(500).nullable().optional(),
    description: z.string().max(5000).nullable().optional(),
    pictureUrl: z.url().max(1000).nullable().optional(),
    type: z.string().max(60).nullable().optional(),
    tags: z.array(z.string().max(100)).max(50).default([]),
    code: z.string().trim().min(1).max(100),
    active: z.boolean().default(true),
    validFrom: when.nullable().optional(),
    validTo: when.nullable().optional(),
    eventType: z.string().min(3).max(100).meta({ description: `A hub event type (${hubEventTypes.filter((t) => t !== 'mission-counter-incremented').join(', ')}) or a custom type's apiCode` }),
    matcher: rule.nullable().optional().meta({ description: 'Counts only events whose payload satisfies this JSON Logic rule, e.g. {">=":[{"var":"totalMinor"},2000]}' }),
    incrementBy: rule.nullable().optional().meta({ description: 'The increment per event as a JSON Logic rule (e.g. {"var":"quantity"}); 1 when absent' }),
    goalCount: z.number().int().min(1).max(1_000_000_000),
    maxRepetitions: z.number().int().min(1).max(1_000_000),
    repetitionPeriod: z.enum(repetitionPeriods).nullable().optional().meta({ description: "Calendar period for periodLimit, in the scheme's time zone (ISO weeks, Monday first)" }),
    periodLimit: z.number().int().min(1).max(1_000_000).nullable().optional(),
    pointsAccrual: PointsSetting.default(0).meta({ description: 'Points awarded per completion (number or decimal string; answered as a string)' }),
    ledgerAccountId: z.uuid().nullable().optional(),
    audienceId: z.uuid().nullable().optional().meta({ description: "Counts only for members of this audience (GET /v1/audiences), judged when each event is counted; everyone when absent" }),
    customAttributes: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .meta({ id: 'MissionInput' });

export const MissionView = MissionBody.extend({ id: z.uuid(), schemeId: z.uuid(), pointsAccrual: PointsString, createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() }).meta({ id: 'Mission' });

export const MissionsQuery = PageQuery.extend({ type: z.string().max(60).optional(), codes: list.optional(), tags: list.optional() });

export const CustomerMissionsQuery = MissionsQuery.extend({
  minTimesAchieved: z.coerce.number().int().min(0).optional(),
  minCounterCount: z.coerce.number().int().min(0).optional(),
  available: bool.optional(),
  inProgress: bool.optional(),
  active: bool.optional(),
});

export const MatcherTestBody = z.object({ matcher: rule.nullable(), incrementBy: rule.nullable().optional(), payload: z.record(z.string(), z.unknown()) }).strict();

export const EventTypeBody = z
  .object({
    apiCode: z.string().regex(/^[a-z0-9][a-z0-9-]{2,99}$/, 'must be 3-100 lowercase letters, digits or dashes'),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
    active: z.boolean().default(true),
  })
  .strict();

const tracking = {
  systemUniqueKey: z.string().min(3).max(255).regex(/^[\w.:/-]+$/, 'letters, digits or . _ : / -').meta({ description: 'Idempotency key: the same key and body answers the first result; another body is 409' }),
  externalId: z.string().min(3).max(255).optional(),
  externalEventDate: when.optional().meta({ description: 'Kept for reference; periods are counted by the time the hub received the event' }),
  tags: z.array(z.string().max(100)).max(50).optional(),
  description: z.string().max(2000).optional(),
};

export const TrackEventBody = z
  .object({ ...tracking, customerId: z.uuid(), eventType: z.string().min(3).max(100), payload: z.record(z.string(), z.unknown()).default({}) })
  .strict()
  .meta({ id: 'TrackEvent' });

export const IncrementBody = z
  .object({ ...tracking, systemUniqueKey: tracking.systemUniqueKey.optional(), amount: z.number().int().min(0).max(1_000_000_000) })
  .strict()
  .meta({ id: 'IncrementMissionCounter' });

export const CustomerEventsQuery = PageQuery.extend({
  eventType: z.string().max(100).optional(),
  status: z.enum(['pending', 'running', 'failed', 'success']).optional(),
  fromCreatedAt: when.optional(),
  toCreatedAt: when.optional(),
});

export const MissionParams = z.object({ id: z.uuid(), missionId: z.uuid() });

export const MissionEffect = z
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

export const CustomerMission = z
  .object({ mission: MissionView, counter: z.string(), timesAchieved: z.number().int(), available: z.boolean(), inProgress: z.boolean(), periodCompletionsLeft: z.number().int().nullable() })
  .meta({ id: 'CustomerMission' });

/** A hub event as stored, with what it did (the component keeps its published name). */
export const EventView = z
  .object({
    id: z.uuid(),
    key: z.string(),
    type: z.string(),
    customerId: z.uuid(),
    payload: z.record(z.string(), z.unknown()),
    occurredAt: z.iso.datetime(),
    status: z.enum(['pending', 'running', 'failed', 'success']),
    effects: z.record(z.string(), z.unknown()).nullable(),
    source: z.enum(['hub', 'api']),
    createdAt: z.iso.datetime(),
  })
  .passthrough()
  .meta({ id: 'LoyaltyEvent' });
