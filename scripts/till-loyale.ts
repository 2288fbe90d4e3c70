// `npm run till:loyale [-- --base URL --scheme ID --key KEY]`: a Loyale till's day against a running hub, only
// through Loyale's paths (seed 000/002) — look up the shop, register a customer, earn, check the balance, top up,
// hold and redeem, return an item — checking every answer's status and field types. Exit 1 on the first mismatch.
import { randomUUID } from 'node:crypto';
import { Day, runDay, tillFromArgs } from './till/day';

runDay('Loyale till', async () => {
  const till = tillFromArgs();
  const day = new Day(till, { 'X-Scheme': till.scheme, 'X-ApiKey': till.key });
  const run = randomUUID().slice(0, 8);

  const stores = (await day.step('list the stores', 'GET', '/api/Store', undefined, 200)) as unknown as Array<{ id: string }>;
  const outletId = stores[0]?.id;
  day.expect('the scheme has a store to sell at', typeof outletId === 'string', 'no store: create an outlet first (POST /v1/outlets)');
  await day.step('read the scheme', 'GET', `/api/Scheme/${till.scheme}`, undefined, 200, { id: 'string', name: 'string', currency: 'string' });
  await day.step('read the levels', 'GET', '/api/Level', undefined, 200);
  await day.step('read the gain rate', 'GET', '/api/Transaction/GainRate', undefined, 200, { gainRate: 'number', redeemRate: 'number' });

  // Registration is the hub's own route: Loyale's customer register is not among the hub's Loyale paths yet.
  const barcode = `40${Date.now().toString().slice(-10)}${Math.floor(Math.random() * 10)}`;
  const customer = await day.step('register a customer', 'POST', '/v1/customers', { firstName: 'Till', lastName: `Day ${run}`, email: `till.${run}@example.test`, barcode }, 201, { id: 'string' });
  const customerId = customer.id as string;
  const info = await day.step('look the customer up by barcode', 'GET', `/api/ExternalPos/UserInformation?barcode=${barcode}`, undefined, 200, { id: 'string', barCode: 'string', pointBalance: 'object' });
  day.expect('the look-up finds the registered customer', info.id === customerId, `found ${String(info.id)}`);

  const uniqueId = `loyale-day-${run}`;
  const sale = await day.step('sell (the seed’s minimal body, by barcode)', 'POST', '/api/Transaction', { customerBarcode: barcode, outletId, uniqueId, lineItems: [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }] }, 201, {
    customerId: 'string', status: 'string', uniqueId: 'string', pointsEarned: 'number', pointsRedeemed: 'number', pointsBefore: 'number', pointsAfter: 'number', paymentMethods: 'array',
  });
  const again = await day.step('send the same sale again (a retry)', 'POST', '/api/Transaction', { customerBarcode: barcode, outletId, uniqueId, lineItems: [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }] }, 201, { pointsAfter: 'number' });
  day.expect('the retry answers the first sale', again.pointsAfter === sale.pointsAfter, `${String(again.pointsAfter)} ≠ ${String(sale.pointsAfter)}`);
  await day.step('read the sale’s status', 'GET', `/api/transaction/status/${uniqueId}`, undefined, 200, { status: 'string' });

  const topUp = await day.step('top up 200 points', 'POST', '/api/ExternalPos/TopUp', { customerId, uniqueId: `${uniqueId}-topup`, points: 200 }, 201, { pointsAdded: 'number', pointsAfter: 'number' });
  const balance = await day.step('read the point balance', 'GET', `/api/PointBalance/${customerId}`, undefined, 200, { pointsValue: 'number', pending: 'number', held: 'number', monetaryValue: 'number' });
  day.expect('the balance is the sale’s points plus the top-up', balance.pointsValue === topUp.pointsAfter && topUp.pointsAfter === (sale.pointsAfter as number) + 200, `balance ${String(balance.pointsValue)}, top-up after ${String(topUp.pointsAfter)}`);

  const hold = await day.step('hold 100 points', 'POST', '/api/ExternalPos/OnHold', { customerId, outletId, uniqueId: `${uniqueId}-hold`, points: 100, expiresInSeconds: 900 }, 201, { holdId: 'string' });
  await day.step('redeem the hold on a sale', 'POST', `/api/ExternalPos/OnHold/${String(hold.holdId)}/Redeem`, { points: 100, lineItems: [{ quantity: 1, sku: 'sku-002', unitPrice: 1 }], paymentMethods: [{ type: 'Loyale Redemption' }] }, 200);
  const returned = await day.step('return one item of the first sale', 'POST', `/api/Transaction/Return/LineItem/${uniqueId}`, { sku: 'sku-001', quantity: 1 }, 201, { pointsDeducted: 'number', pointsBefore: 'number', pointsAfter: 'number' });
  const end = await day.step('read the balance at closing', 'GET', `/api/PointBalance/${customerId}`, undefined, 200, { pointsValue: 'number' });
  day.expect('the closing balance is the last answer’s', end.pointsValue === returned.pointsAfter, `${String(end.pointsValue)} ≠ ${String(returned.pointsAfter)}`);
  return day.summary();
});
