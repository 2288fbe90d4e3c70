import { json } from '../openapi/responses';
import { IdParam } from '../schemas/common';
import { IdempotencyHeaders } from '../schemas/customers';
import { LoyaleHoldBody, LoyaleModifyCustomerBody, LoyaleRegisterCustomerBody } from '../schemas/loyale-customers';
import { LoyaleCustomerView } from '../schemas/loyale-pos';
import { endpoints } from './endpoint';
import { chosenPath } from './loyale-pos';

const tags = ['loyale'];
const byWorkflow = 'The hub\'s customer workflows do the work (the same events and partner sync as /v1/customers).';

/** Loyale's Customer operations (seed 000): register, read, modify and hold, onto the hub's customer workflows. */
export const loyaleCustomerEndpoints = endpoints({
  loyaleRegisterCustomer: {
    method: 'post',
    path: '/api/Customer',
    access: 'key',
    tags,
    summary: 'Register a new Customer (Loyale): exactly once, with or without Idempotency-Key',
    description: chosenPath(
      'Register a new Customer',
      '/api/Customer',
      `${byWorkflow} The barCode is generated (13 digits, EAN-13 check digit) when absent. **Exactly once**: with \`Idempotency-Key\` a retry answers the first customer (another body under the same key: 409); without it, identical registrations (same API key, same body) within the scheme's window (POS settings \`dedupWindowSeconds\`, default 120 s) are one — so a till's retry never makes a second customer nor a 409 on its own email. The limit: the same body again after the window registers again (a 409 when it names an email, phone or barCode). An email, phone or barCode of another customer is 409.`,
    ),
    request: { headers: IdempotencyHeaders, body: LoyaleRegisterCustomerBody, example: { firstName: 'Maria', lastName: 'Borg', email: 'maria@example.com', phoneNumber: '+35699123456' } },
    responses: {
      201: json('Registered (or the first answer to the same registration)', LoyaleCustomerView),
      409: { description: 'Another customer has this email, phone or barCode, or the Idempotency-Key was used with another body' },
    },
  },
  loyaleGetCustomer: {
    method: 'get',
    path: '/api/Customer/{id}',
    access: 'key',
    tags,
    summary: 'Get a Customer by id (Loyale)',
    description: chosenPath('Get a Customer by id', '/api/Customer/{id}', "Another scheme's customer is 404, as an unknown one."),
    request: { params: IdParam },
    responses: { 200: json('The customer', LoyaleCustomerView) },
  },
  loyaleModifyCustomer: {
    method: 'put',
    path: '/api/Customer/{id}',
    access: 'key',
    tags,
    summary: 'Modify a Customer (Loyale): the fields sent change, null clears one',
    description: chosenPath('Modify a Customer', '/api/Customer/{id}', `${byWorkflow} barCode can be changed, not cleared. An email, phone or barCode of another customer is 409.`),
    request: { params: IdParam, body: LoyaleModifyCustomerBody, example: { lastName: 'Borg-Camilleri', phoneNumber: null } },
    responses: { 200: json('The customer as modified', LoyaleCustomerView), 409: { description: 'Another customer has this email, phone or barCode' } },
  },
  loyaleHoldCustomer: {
    method: 'put',
    path: '/api/Customer/{id}/Hold',
    access: 'key',
    tags,
    summary: 'Place a customer account on hold (Loyale), or take it off hold',
    description: chosenPath(
      'Place a customer account on hold',
      '/api/Customer/{id}/Hold',
      `${byWorkflow} On hold is the hub's status BLOCKED: its sales (earning and redeeming) and top-ups are refused (422) until \`{"onHold": false}\` makes it ACTIVE again. Asking for the state the account is already in changes nothing.`,
    ),
    request: { params: IdParam, body: LoyaleHoldBody, bodyOptional: true, example: { onHold: true } },
    responses: { 200: json('The customer, with onHold as it now is', LoyaleCustomerView) },
  },
});
