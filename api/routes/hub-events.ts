import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import { hubEventKeys, type HubEvent, type TrackedFields } from '../../domain/events/hub-event';
import type { HubEventRepository } from '../../domain/events/ports';
import { BusinessRuleError, NotFoundError } from '../../domain/errors';
import type { MissionRepository } from '../../domain/missions/ports';
import type { MissionEffect } from '../../domain/missions/types';
import type { CustomerRepository } from '../../domain/ports';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import type { hubEventEndpoints } from '../endpoints/hub-events';
import { schemeOf } from '../middleware/auth';
import type { EventWorkflows } from '../ports';
import { missionOut } from '../points-wire';

const hash = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

function tracked(body: { systemUniqueKey: string; externalId?: string; externalEventDate?: string; tags?: string[]; description?: string }, requestHash: string): TrackedFields {
  const { systemUniqueKey, externalId, externalEventDate, tags, description } = body;
  return { systemUniqueKey, requestHash, ...(externalId ? { externalId } : {}), ...(externalEventDate ? { externalEventDate } : {}), ...(tags ? { tags } : {}), ...(description ? { description } : {}) };
}

export interface HubEventHandlerDeps {
  customers: CustomerRepository;
  missions: MissionRepository;
  hubEvents: HubEventRepository;
  workflows: EventWorkflows;
}

/** Loyalty events tracked by POS and apps, and the customer's missions and events. */
export function hubEventHandlers(deps: HubEventHandlerDeps): Handlers<typeof hubEventEndpoints> {
  const customerOf = async (schemeId: string, id: string) => {
    if (!(await deps.customers.findById(schemeId, id))) throw new NotFoundError('Customer');
  };

  return {
    async trackEvent({ body, res }) {
      const schemeId = schemeOf(res.locals);
      await customerOf(schemeId, body.customerId);
      if (body.eventType === 'mission-counter-incremented' || !(await deps.missions.eventTypeKnown(schemeId, body.eventType))) {
        throw new BusinessRuleError('Unknown event type: use a hub event type or register a custom one (POST /v1/event-types)', [{ path: 'body.eventType', message: body.eventType }]);
      }
      const event: HubEvent & { tracked: TrackedFields } = {
        schemeId,
        key: hubEventKeys.tracked(body.systemUniqueKey),
        type: body.eventType,
        customerId: body.customerId,
        occurredAt: new Date().toISOString(),
        payload: body.payload,
        tracked: tracked(body, hash(body)),
      };
      const effects = await deps.workflows.track(event, res.locals);
      return created({ systemUniqueKey: body.systemUniqueKey, ...effects });
    },

    async listCustomerEvents({ params: { id }, query, res }) {
      const schemeId = schemeOf(res.locals);
      await customerOf(schemeId, id);
      return ok(await deps.hubEvents.listForCustomer(schemeId, id, query));
    },

    async listCustomerMissions({ params: { id }, query: { cursor, limit, ...filter }, res }) {
      const schemeId = schemeOf(res.locals);
      await customerOf(schemeId, id);
      const page = await deps.missions.forCustomer(schemeId, id, filter, { cursor, limit });
      return ok({ ...page, data: page.data.map((m) => ({ ...m, mission: missionOut(m.mission) })) });
    },

    /** The seed's "increment member's mission counter": idempotent by systemUniqueKey (one is generated when absent). */
    async incrementMission({ params: { id, missionId }, body, res }) {
      const schemeId = schemeOf(res.locals);
      await customerOf(schemeId, id);
      if (!(await deps.missions.get(schemeId, missionId))) throw new NotFoundError('Mission');
      const systemUniqueKey = body.systemUniqueKey ?? `increment-${randomUUID()}`;
      const event: HubEvent & { tracked: TrackedFields } = {
        schemeId,
        key: hubEventKeys.tracked(systemUniqueKey),
        type: 'mission-counter-incremented',
        customerId: id,
        occurredAt: new Date().toISOString(),
        payload: { missionId, amount: String(body.amount) },
        tracked: tracked({ ...body, systemUniqueKey }, hash({ ...body, systemUniqueKey, customerId: id, missionId })),
      };
      const effects = (await deps.workflows.track(event, res.locals)) as { missions?: MissionEffect[] };
      return created({ systemUniqueKey, balance: effects.missions?.[0] ?? null });
    },
  };
}
