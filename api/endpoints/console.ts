import { json } from '../openapi/responses';
import { IdParam, PageQuery, pageOf } from '../schemas/common';
import { ConsoleSettings, CustomerWorkflow } from '../schemas/console';
import { endpoints } from './endpoint';

const tags = ['console'];

/** What the admin console (/console) needs beyond the API every client uses. */
export const consoleEndpoints = endpoints({
  getConsoleSettings: {
    method: 'get',
    path: '/v1/console/settings',
    access: 'admin',
    tags,
    summary: 'Where the console links to (the Temporal Web UI)',
    responses: { 200: json('Settings', ConsoleSettings) },
    selfContained: true,
  },
  listCustomerWorkflows: {
    method: 'get',
    path: '/v1/customers/{id}/workflows',
    access: 'ops',
    tags,
    summary: "The customer's workflows (sales, holds, referrals…), newest first, from Temporal's visibility",
    description: 'Visibility trails a workflow by a moment; the balance and the points history come from the ledger.',
    request: { params: IdParam, query: PageQuery },
    responses: { 200: json('Workflows', pageOf(CustomerWorkflow, 'CustomerWorkflowPage')) },
  },
});
