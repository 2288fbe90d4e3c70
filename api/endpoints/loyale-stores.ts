import { json } from '../openapi/responses';
import { IdParam } from '../schemas/common';
import { LoyaleListQuery, LoyaleStoreView } from '../schemas/loyale-pos';
import { endpoints } from './endpoint';
import { arrayPage, chosenPath } from './loyale-pos';

const tags = ['loyale'];
const fromOutlets = "Answered from the scheme's outlets (a sale's outletId is a store's id); Loyale's Store and Location name the same places here.";

/** Loyale's Store and Location reads (seed 000), from the scheme's outlets. */
export const loyaleStoreEndpoints = endpoints({
  loyaleListStores: {
    method: 'get',
    path: '/api/Store',
    aliases: [{ path: '/api/Location', operationId: 'loyaleListLocations' }],
    access: 'key',
    tags,
    summary: "Get a List of Stores / Locations (Loyale): the scheme's outlets, oldest first",
    description: chosenPath('Get a List of Stores', '/api/Store (and /api/Location for "Get a List of Locations")', fromOutlets),
    request: { query: LoyaleListQuery },
    responses: { 200: arrayPage('The stores', LoyaleStoreView) },
  },
  loyaleGetStore: {
    method: 'get',
    path: '/api/Store/{id}',
    aliases: [{ path: '/api/Location/{id}', operationId: 'loyaleGetLocation' }],
    access: 'key',
    tags,
    summary: 'Get Store / Location (Loyale): one outlet',
    description: chosenPath('Get Store', '/api/Store/{id} (and /api/Location/{id} for "Get Location")', fromOutlets),
    request: { params: IdParam },
    responses: { 200: json('The store', LoyaleStoreView) },
  },
});
