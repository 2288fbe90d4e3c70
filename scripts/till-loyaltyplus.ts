// `npm run till:loyaltyplus [-- --base URL --scheme ID --key KEY]`: a Loyalty+ till's day against a running hub
// through Loyalty+'s POS paths (seed 001, `X-API-Key` alone) — check in, look the customer up, read the balance,
// redeem a reward, a refund as an adjustment — checking every answer's status and field types. Exit 1 on the first
// mismatch. The scheme's POS settings decide SPEND or UNIT mode; this day sells in SPEND mode (`amount`).
import { randomUUID } from 'node:crypto';
import { Day, runDay, tillFromArgs } from './till/day';

runDay('Loyalty+ till', async () => {
  const till = tillFromArgs();
  const pos = new Day(till, { 'X-API-Key': till.key });
  // Registration and the refund go through the hub's own routes with the same key (Loyalty+'s owner API is not among the hub's paths yet).
  const hub = pos.as({ 'X-Scheme': till.scheme, 'X-ApiKey': till.key });
  const run = randomUUID().slice(0, 8);
  const phone = `+3538${Date.now().toString().slice(-8)}`;

  const customer = await hub.step('register a customer with a phone', 'POST', '/v1/customers', { firstName: 'John', lastName: `Doe ${run}`, phone }, 201, { id: 'string' });
  const customerId = customer.id as string;
  const first = await pos.step('check in 25.50 by phone', 'POST', '/v1/pos/checkin', { phone, amount: 25.5 }, 200, {
    success: 'boolean', customerId: 'string', pointsAwarded: 'number', totalPoints: 'number', rewardThreshold: 'number', rewardAvailable: 'boolean',
  });
  pos.expect('the check-in is the registered customer’s', first.customerId === customerId, `got ${String(first.customerId)}`);
  const same = await pos.step('the till retries the same check-in', 'POST', '/v1/pos/checkin', { phone, amount: 25.5 }, 200, { totalPoints: 'number' });
  pos.expect('the retry posts nothing more (the dedup window)', same.totalPoints === first.totalPoints, `${String(same.totalPoints)} ≠ ${String(first.totalPoints)}`);
  const second = await pos.step('check in 80.00 by id, with an Idempotency-Key', 'POST', '/v1/pos/checkin', { customerId, amount: 80 }, 200, { totalPoints: 'number' }, { 'Idempotency-Key': `visit-${run}` });

  const looked = await pos.step('look the customer up by phone', 'GET', `/v1/pos/customer/${encodeURIComponent(phone)}`, undefined, 200, {
    customerId: 'string', name: 'string', phone: 'string', status: 'string', totalPoints: 'number', rewardAvailable: 'boolean',
  });
  pos.expect('the look-up shows the balance after both check-ins', looked.totalPoints === second.totalPoints, `${String(looked.totalPoints)} ≠ ${String(second.totalPoints)}`);
  const points = Math.min(Number(second.totalPoints), Number(second.rewardThreshold ?? 100));
  const redeemed = await pos.step(`redeem ${points} points`, 'POST', '/v1/pos/redeem', { phone, points }, 200, { success: 'boolean', redemptionId: 'string', pointsRedeemed: 'number', rewardTitle: 'string', remainingPoints: 'number' });
  const balance = await pos.step('read the balance by id', 'GET', `/v1/pos/balance/${customerId}`, undefined, 200, { customerId: 'string', totalPoints: 'number' });
  pos.expect('the balance is what the redemption left', balance.totalPoints === redeemed.remainingPoints, `${String(balance.totalPoints)} ≠ ${String(redeemed.remainingPoints)}`);

  const refund = Math.min(10, Number(balance.totalPoints));
  if (refund > 0) {
    const adjusted = await hub.step(`a refunded order takes back ${refund} points (an adjustment with its reason)`, 'POST', `/v1/customers/${customerId}/adjustments`, { points: -refund, reason: 'Refund for cancelled order', uniqueId: `refund-${run}` }, 201, { available: 'string' });
    const end = await pos.step('read the balance at closing', 'GET', `/v1/pos/balance/${encodeURIComponent(phone)}`, undefined, 200, { totalPoints: 'number' });
    pos.expect('the closing balance is the adjustment’s', String(end.totalPoints) === adjusted.available, `${String(end.totalPoints)} ≠ ${String(adjusted.available)}`);
  }
  return pos.summary();
});
