import type { Request, Response } from 'express';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { ReturnsRepository } from '../../domain/returns/ports';
import type { SalesRepository } from '../../domain/transactions/ports';
import type { SaleWorkflows } from '../ports';
import { saleHandlers } from './sales';

/** The sale handlers with fake ports: what the till is answered, and what reaches the workflow. */
const schemeId = '0b8f4c1d-7a10-4f0c-9a52-2a5293b54d35';
const req = { protocol: 'http', get: () => 'hub.test' } as unknown as Request;
const res = { locals: { auth: { schemeId, keyId: 'k', currency: 'EUR' } } } as unknown as Response;
const body = { customerId: '4f0c2a52-93b5-4d35-9a52-0b8f4c1d7a10', outletId: '6f1c2e4a-8b7d-4c3e-9a2b-1d5e7f9a0b3c', uniqueId: 'till-1/42', lineItems: [{ quantity: 2, unitPrice: 3.5 }] };

function handlers(result: unknown, stored: unknown = null, state: unknown = null) {
  const started: unknown[] = [];
  const workflows: SaleWorkflows = {
    recordSale: async (input) => {
      started.push(input);
      return result as never;
    },
    saleStatus: async () => state as never,
  };
  const sales = { get: async () => stored } as unknown as SalesRepository;
  const returns = { forSale: async () => ({}) } as unknown as ReturnsRepository;
  return { h: saleHandlers(sales, returns, workflows), started };
}

const post = (h: ReturnType<typeof handlers>['h'], b: unknown) => h.postSale({ params: undefined, query: {}, headers: undefined, body: b as never, req, res, dialect: 'hub' });

describe('sale handlers', () => {
  it('answers 201 with the result when the workflow finished within the deadline', async () => {
    const { h, started } = handlers({ uniqueId: 'till-1/42', pointsEarned: 42 });
    expect(await post(h, body)).toEqual({ status: 201, body: { uniqueId: 'till-1/42', pointsEarned: '42' } });
    expect(started).toEqual([expect.objectContaining({ schemeId, uniqueId: 'till-1/42', outletId: body.outletId, statusUrl: 'http://hub.test/v1/transactions/status/till-1%2F42', requestHash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
  });

  it("keeps Loyale's numbers at its alias path, and gives decimal strings at /v1", async () => {
    const { h } = handlers({ uniqueId: 'till-1/42', pointsEarned: 42, pointsAfter: 142 });
    expect(await h.postSale({ params: undefined, query: {}, headers: undefined, body: body as never, req, res, dialect: 'loyale' })).toEqual({ status: 201, body: { uniqueId: 'till-1/42', pointsEarned: 42, pointsAfter: 142 } });
    expect(await post(h, body)).toEqual({ status: 201, body: { uniqueId: 'till-1/42', pointsEarned: '42', pointsAfter: '142' } });
  });

  it('answers 202 RECEIVED with where to poll when it did not', async () => {
    const { h } = handlers(null);
    expect(await post(h, body)).toEqual({ status: 202, body: { status: 'RECEIVED', uniqueId: 'till-1/42', statusUrl: 'http://hub.test/v1/transactions/status/till-1%2F42' } });
  });

  it('gives a sale without uniqueId one, and the same body the same request hash', async () => {
    const { h, started } = handlers(null);
    const { uniqueId: _u, ...anonymous } = body;
    await post(h, anonymous);
    await post(h, anonymous);
    const [a, b] = started as Array<{ uniqueId: string; requestHash: string }>;
    expect(a?.uniqueId).not.toBe(b?.uniqueId);
    expect(a?.requestHash).toBe(b?.requestHash);
  });

  it('refuses a body with more decimals than the currency has before any workflow starts', async () => {
    const { h, started } = handlers(null);
    await expect(post(h, { ...body, lineItems: [{ quantity: 1, unitPrice: 3.555 }] })).rejects.toBeInstanceOf(ValidationError);
    expect(started).toEqual([]);
  });

  it('answers the status from the stored sale, then the running workflow, else 404', async () => {
    const status = (h: ReturnType<typeof handlers>['h']) => h.getSaleStatus({ params: { uniqueId: 'till-1/42' }, query: undefined, headers: undefined, body: undefined, req, res, dialect: 'hub' });
    expect(await status(handlers(null, { result: { status: 'COMPLETED' } }).h)).toEqual({ status: 200, body: { status: 'COMPLETED' } });
    expect(await status(handlers(null, null, { status: 'PROCESSING' }).h)).toEqual({ status: 200, body: { status: 'PROCESSING', uniqueId: 'till-1/42', statusUrl: 'http://hub.test/v1/transactions/status/till-1%2F42' } });
    await expect(status(handlers(null).h)).rejects.toBeInstanceOf(NotFoundError);
  });
});
