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

  // Loyale's Register a new Customer, with the till's own card number.
  const barcode = `40${Date.now().toString().slice(-10)}${Math.floor(Math.random() * 10)}`;
  const customer = await day.step('register a customer', 'POST', '/api/Customer', { firstName: 'Till', lastName: `Day ${run}`, email: `till.${run}@example.test`, barCode: barcode }, 201, { id: 'string', barCode: 'string', onHold: 'boolean' });
  const customerId = customer.id as string;
  const info = await day.step('look the customer up by barcode', 'GET', `/api/ExternalPos/UserInformation?barcode=${barcode}`, undefined, 200, { id: 'string', barCode: 'string', pointBalance: 'object' });
  day.expect('the look-up finds the registered customer', info.id === customerId, `found ${String(info.id)}`);

  // The day's balance as the till expects it, checked against every answer (the scheme's earned points are
  // available at once: a scheme with a return window keeps them pending and this day says so at the first sale).
  let expected = 0;
  const balanceIs = async (name: string) => {
    const b = await day.step(name, 'GET', `/api/PointBalance/${customerId}`, undefined, 200, { pointsValue: 'number', pending: 'number', held: 'number', monetaryValue: 'number' });
    day.expect(`${name}: ${expected}`, b.pointsValue === expected, `the hub says ${String(b.pointsValue)}`);
  };
  const uniqueId = `loyale-day-${run}`;
  const saleBody = { customerBarcode: barcode, outletId, uniqueId, lineItems: [{ quantity: 5, sku: 'sku-001', unitPrice: 5 }] };
  const sale = await day.step('sell (the seed’s minimal body, by barcode)', 'POST', '/api/Transaction', saleBody, 201, {
    customerId: 'string', status: 'string', uniqueId: 'string', pointsEarned: 'number', pointsRedeemed: 'number', pointsBefore: 'number', pointsAfter: 'number', paymentMethods: 'array',
  });
  const earned = sale.pointsEarned as number;
  day.expect('the sale earns points, from the balance before it', earned > 0 && sale.pointsBefore === expected && sale.pointsAfter === expected + earned, `before ${String(sale.pointsBefore)}, earned ${earned}, after ${String(sale.pointsAfter)}`);
  expected += earned;
  const again = await day.step('send the same sale again (a retry)', 'POST', '/api/Transaction', saleBody, 201, { pointsAfter: 'number' });
  day.expect('the retry answers the first sale, word for word', JSON.stringify(again) === JSON.stringify(sale), JSON.stringify(again));
  const status = await day.step('read the sale’s status', 'GET', `/api/transaction/status/${uniqueId}`, undefined, 200, { status: 'string' });
  day.expect('the sale is completed', status.status === 'COMPLETED', `status ${String(status.status)}`);
  await balanceIs('the balance after the sale');

  const topUpBody = { customerId, uniqueId: `${uniqueId}-topup`, points: 200 };
  const topUp = await day.step('top up 200 points', 'POST', '/api/ExternalPos/TopUp', topUpBody, 201, { pointsAdded: 'number', pointsBefore: 'number', pointsAfter: 'number' });
  day.expect('the top-up adds 200 to the balance', topUp.pointsBefore === expected && topUp.pointsAfter === expected + 200, `before ${String(topUp.pointsBefore)}, after ${String(topUp.pointsAfter)}`);
  expected += 200;
  const topUpAgain = await day.step('send the same top-up again (a retry)', 'POST', '/api/ExternalPos/TopUp', topUpBody, 201);
  day.expect('the retry answers the first top-up', JSON.stringify(topUpAgain) === JSON.stringify(topUp), JSON.stringify(topUpAgain));
  await balanceIs('the balance after the top-up');

  const hold = await day.step('hold 100 points', 'POST', '/api/ExternalPos/OnHold', { customerId, outletId, uniqueId: `${uniqueId}-hold`, points: 100, expiresInSeconds: 900 }, 201, { holdId: 'string' });
  expected -= 100;
  await balanceIs('the balance with 100 held');
  const redeemed = await day.step('redeem the hold on a 1.00 sale paid with points', 'POST', `/api/ExternalPos/OnHold/${String(hold.holdId)}/Redeem`, { points: 100, lineItems: [{ quantity: 1, sku: 'sku-002', unitPrice: 1 }], paymentMethods: [{ type: 'Loyale Redemption' }] }, 200, { pointsRedeemed: 'number', pointsEarned: 'number' });
  day.expect('the redemption takes the 100 held points', redeemed.pointsRedeemed === 100, `redeemed ${String(redeemed.pointsRedeemed)}`);
  expected += redeemed.pointsEarned as number;
  await balanceIs('the balance after the redemption');

  const returned = await day.step('return one item of the first sale', 'POST', `/api/Transaction/Return/LineItem/${uniqueId}`, { sku: 'sku-001', quantity: 1 }, 201, { pointsDeducted: 'number', pointsBefore: 'number', pointsAfter: 'number' });
  // Five items at one price: one of them carried a fifth of the sale's points.
  day.expect('the return takes back one item’s points', returned.pointsDeducted === earned / 5 && returned.pointsBefore === expected && returned.pointsAfter === expected - earned / 5, `deducted ${String(returned.pointsDeducted)}, before ${String(returned.pointsBefore)}, after ${String(returned.pointsAfter)}`);
  expected -= earned / 5;
  await balanceIs('the balance at closing');
  return day.summary();
});
