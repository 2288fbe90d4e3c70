import { dialectOfPath, errorBody } from './dialects';

it('reads the dialect from the path, in any case', () => {
  expect(dialectOfPath('/api/Transaction')).toBe('loyale');
  expect(dialectOfPath('/API/transaction/status/x')).toBe('loyale');
  expect(dialectOfPath('/v1/pos/checkin')).toBe('loyaltyplus');
  expect(dialectOfPath('/V1/POS/balance/%2B353')).toBe('loyaltyplus');
  expect(dialectOfPath('/v1/owner/customers')).toBe('loyaltyplus');
  expect(dialectOfPath('/v1/posters')).toBe('hub');
  expect(dialectOfPath('/apis')).toBe('hub');
  expect(dialectOfPath('/v1/transactions')).toBe('hub');
});

it('shapes one error per dialect', () => {
  const fields = { code: 'not_found', message: 'Customer not found', details: [{ message: 'x' }] };
  expect(errorBody('hub', fields, 'r1')).toEqual({ error: { ...fields, requestId: 'r1' } });
  expect(errorBody('loyale', fields, 'r1')).toEqual({ error: 'Customer not found', code: 'not_found', details: [{ message: 'x' }], requestId: 'r1' });
  expect(errorBody('loyaltyplus', { code: 'unauthorized', message: 'No key' }, 'r2')).toEqual({ success: false, error: 'No key', code: 'unauthorized', requestId: 'r2' });
});
