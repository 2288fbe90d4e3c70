import { RouteTable } from './route-table';

describe('RouteTable', () => {
  const table = new RouteTable();
  table.add('post', '/v1/transactions');
  table.add('get', '/v1/customers/:id/points-history');
  table.add('post', '/api/ExternalPos/OnHold');

  it('names the template of a path served by a route', () => {
    expect(table.match('POST', '/v1/transactions')).toBe('/v1/transactions');
    expect(table.match('POST', '/v1/transactions/')).toBe('/v1/transactions');
    expect(table.match('GET', '/v1/customers/abc-1/points-history')).toBe('/v1/customers/:id/points-history');
    expect(table.match('POST', '/api/ExternalPos/OnHold')).toBe('/api/ExternalPos/OnHold');
  });

  it('names nothing for another method, a longer path, or a parameter spanning segments', () => {
    expect(table.match('GET', '/v1/transactions')).toBeUndefined();
    expect(table.match('POST', '/v1/transactions/x')).toBeUndefined();
    expect(table.match('GET', '/v1/customers/a/b/points-history')).toBeUndefined();
    expect(table.match('POST', '/api/ExternalPosXOnHold')).toBeUndefined();
  });
});
