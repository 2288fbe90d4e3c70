import type { Request, Response } from 'express';
import { ValidationError } from '../../domain/errors';
import type { HoldView } from '../../workflows/contracts/holds';
import type { HoldWorkflows } from '../ports';
import { holdHandlers } from './holds';

/** The hold handlers with a fake workflow port: what a POS sees of a hold, and what never reaches the workflow. */
const schemeId = '0b8f4c1d-7a10-4f0c-9a52-2a5293b54d35';
const req = { protocol: 'http', get: () => 'hub.test' } as unknown as Request;
const res = { locals: { auth: { schemeId, keyId: 'k', currency: 'EUR' } } } as unknown as Response;
const view = { holdId: 'h-1', status: 'HELD', pointsHeld: '500', requestHash: 'secret-hash', pendingTransferId: 'transfer-1', sale: { uniqueId: 'h-1', pointsEarned: 6 } } as unknown as HoldView;

function handlers() {
  const calls: Array<[string, unknown]> = [];
  const holds: HoldWorkflows = {
    placeHold: async (input) => (calls.push(['place', input]), view),
    holdState: async () => view,
    redeemHold: async (_s, _h, args) => (calls.push(['redeem', args]), view),
    removeHold: async () => view,
  };
  return { h: holdHandlers(holds), calls };
}
const input = <T>(parts: Partial<{ params: unknown; body: unknown }>) => ({ params: undefined, query: undefined, headers: undefined, body: undefined, req, res, dialect: 'hub', ...parts }) as T;

describe('hold handlers', () => {
  it('never shows the request hash, the pending transfer or the held sale', async () => {
    const { h } = handlers();
    const shown = await h.getHold(input({ params: { holdId: 'h-1' } }));
    expect(shown).toEqual({ status: 200, body: { holdId: 'h-1', status: 'HELD', pointsHeld: '500' } });
  });

  it('refuses an amount with more decimals than the currency has before the workflow', async () => {
    const { h, calls } = handlers();
    const body = { outletId: '6f1c2e4a-8b7d-4c3e-9a2b-1d5e7f9a0b3c', customerId: '4f0c2a52-93b5-4d35-9a52-0b8f4c1d7a10', amount: 1.234, expiresInSeconds: 900 };
    await expect(h.placeHold(input({ body }))).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toEqual([]);
  });

  it('answers a redeem that carries the sale with the sale result, and one without with the hold', async () => {
    const { h, calls } = handlers();
    const withSale = await h.redeemHold(input({ params: { holdId: 'h-1' }, body: { lineItems: [{ quantity: 1, unitPrice: 2 }] } }));
    expect(withSale).toEqual({ status: 200, body: { uniqueId: 'h-1', pointsEarned: '6' } });
    expect(calls[0]?.[1]).toEqual(expect.objectContaining({ sale: expect.objectContaining({ statusUrl: 'http://hub.test/v1/transactions/status/h-1', payments: [] }) }));
    const pointsOnly = await h.redeemHold(input({ params: { holdId: 'h-1' }, body: { points: '100' } }));
    expect(pointsOnly).toEqual({ status: 200, body: { holdId: 'h-1', status: 'HELD', pointsHeld: '500' } });
  });
});
