import { json } from '../openapi/responses';
import { IdParam } from '../schemas/common';
import { AdjustmentBody, AdjustmentView, LoyaleTopUpBody, LoyaleTopUpView } from '../schemas/point-operations';
import { chosenPath } from './loyale-pos';
import { endpoints } from './endpoint';

/** Points moved by hand (an adjustment with its reason) and at the till (Loyale's top-up): one ledger operation each, exactly once. */
export const pointOperationEndpoints = endpoints({
  adjustCustomerPoints: {
    method: 'post',
    path: '/v1/customers/{id}/adjustments',
    access: 'keyOrOps',
    tags: ['customers'],
    summary: "Adjust a customer's points with a reason (audited: the actor and request are kept on the ledger transfer)",
    description:
      'Positive adds (a mint), negative deducts (a burn, never below zero: 422). The reason shows in the points history (reason `adjustment`); the transfer keeps who made it (the API key id, or `admin`) and the request id. With a `uniqueId` the adjustment is exactly once: the same uniqueId answers the first again, with another body 409. Like a top-up, it is a `ledger-transaction-created` event and a partner sync of kind `adjustment`, committed with it.',
    request: { params: IdParam, body: AdjustmentBody, example: { points: -50, reason: 'Refund for cancelled order', uniqueId: 'crm-ticket-4711' } },
    responses: {
      201: json('Adjusted', AdjustmentView),
      404: { description: "No such customer in this scheme (unknown, or another scheme's)" },
      409: { description: 'The uniqueId was used for another adjustment' },
      422: { description: 'Not enough points for the deduction, or a blocked customer' },
    },
  },
  loyalePostTopUp: {
    method: 'post',
    path: '/api/ExternalPos/TopUp',
    access: 'key',
    tags: ['loyale'],
    summary: 'Register a new Top Up Transaction (Loyale External POS): points or stored value added at the till, exactly once by uniqueId',
    description: chosenPath(
      'Register a new Top Up Transaction',
      '/api/ExternalPos/TopUp',
      `Either points (a mint on the customer's points, answered with pointsBefore/pointsAfter) or stored value: \`value\` in the scheme's currency onto \`giftCardCode\`, a gift card the scheme issued, which its first top-up makes the customer's (another customer's card is 422); answered with valueBefore/valueAfter, and spent with the sale's "Loyale Gift Card" payment. Before and after are the balance around the top-up in the ledger's order, so a repeat of the same uniqueId answers what the first answer said. The receipt number, outlet and date count for the 409: the same uniqueId with another of them is refused.`,
    ),
    request: { body: LoyaleTopUpBody, example: { customerBarcode: '3860358623507', uniqueId: 'till-7/2026-12-03/topup-0001', points: 200, description: 'Welcome bonus' } },
    responses: {
      201: json('Posted (or the first posting of this uniqueId)', LoyaleTopUpView),
      404: { description: "No such customer (or gift card) in this scheme (unknown, or another scheme's)" },
      409: { description: 'The uniqueId was used for another top-up' },
      422: { description: "A blocked customer, or another customer's gift card" },
    },
  },
});
