import type { z } from 'zod';
import { NotFoundError } from '../../domain/errors';
import type { TriggerRepository } from '../../domain/triggers/ports';
import type { NewEventTrigger } from '../../domain/triggers/trigger';
import { accepted, created, ok, type Handlers } from '../endpoints/endpoint';
import type { triggerEndpoints } from '../endpoints/triggers';
import { schemeOf } from '../middleware/auth';
import type { TriggerBody } from '../schemas/triggers';

const triggerIn = (b: z.output<typeof TriggerBody>): NewEventTrigger => ({ ...b, settings: { ...b.settings, filter: b.settings.filter as NewEventTrigger['settings']['filter'] } });

export function triggerHandlers(triggers: TriggerRepository): Handlers<typeof triggerEndpoints> {
  return {
    listEventTriggers: async ({ query: { active, name, type: _webhook, ...page }, res }) => ok(await triggers.list(schemeOf(res.locals), { active, name }, page)),
    async createEventTrigger({ body, res }) {
      const { signingSecret, ...trigger } = await triggers.create(schemeOf(res.locals), triggerIn(body));
      return created({ trigger, signingSecret });
    },
    async getEventTrigger({ params: { id }, res }) {
      const trigger = await triggers.get(schemeOf(res.locals), id);
      if (!trigger) throw new NotFoundError('Event trigger');
      return ok({ trigger });
    },
    updateEventTrigger: async ({ params: { id }, body, res }) => ok({ trigger: await triggers.update(schemeOf(res.locals), id, triggerIn(body)) }),
    async deleteEventTrigger({ params: { id }, res }) {
      await triggers.remove(schemeOf(res.locals), id);
      res.status(204).end();
    },
    listTriggerDeliveries: async ({ params: { id }, query: { status, ...page }, res }) => ok(await triggers.deliveries(schemeOf(res.locals), id, { status }, page)),
    rotateEventTriggerSecret: async ({ params: { id }, body, res }) => ok(await triggers.rotateSecret(schemeOf(res.locals), id, body.previousValidForSeconds)),
    redeliverTriggerDelivery: async ({ params: { id }, res }) => accepted({ delivery: await triggers.redeliver(schemeOf(res.locals), id) }),
  };
}
