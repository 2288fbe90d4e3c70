import { NotFoundError } from '../../domain/errors';
import type { Outlet, OutletRepository } from '../../domain/transactions/ports';
import { ok, type Handlers } from '../endpoints/endpoint';
import type { loyaleStoreEndpoints } from '../endpoints/loyale-stores';
import { schemeOf } from '../middleware/auth';

/** Loyale's Store (and Location), read from an outlet. */
const store = (schemeId: string, o: Outlet) => ({ id: o.id, schemeId, name: o.name, active: o.active, createdDate: o.createdAt });

export function loyaleStoreHandlers(outlets: OutletRepository): Handlers<typeof loyaleStoreEndpoints> {
  return {
    async loyaleListStores({ query, res }) {
      const schemeId = schemeOf(res.locals);
      const page = await outlets.list(schemeId, query);
      if (page.nextCursor) res.set('X-Next-Cursor', page.nextCursor);
      return ok(page.data.map((o) => store(schemeId, o)));
    },

    async loyaleGetStore({ params: { id }, res }) {
      const schemeId = schemeOf(res.locals);
      const found = await outlets.get(schemeId, id);
      if (!found) throw new NotFoundError('Store');
      return ok(store(schemeId, found));
    },
  };
}
