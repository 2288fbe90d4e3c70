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
  // The day's balance as the till expects it, checked against every answer (earned points available at once).
  let expected = 0;
  const checkinShape = { success: 'boolean', customerId: 'string', pointsAwarded: 'number', totalPoints: 'number', rewardThreshold: 'number', rewardAvailable: 'boolean' } as const;
  const earns = (name: string, answer: Record<string, unknown>) => {
    pos.expect(`${name}: points awarded and added`, (answer.pointsAwarded as number) > 0 && answer.totalPoints === expected + (answer.pointsAwarded as number), `awarded ${String(answer.pointsAwarded)}, total ${String(answer.totalPoints)}, expected ${expected} before`);
    expected += answer.pointsAwarded as number;
  };

  const first = await pos.step('check in 25.50 by phone', 'POST', '/v1/pos/checkin', { phone, amount: 25.5 }, 200, checkinShape);
  pos.expect('the check-in is the registered customer’s', first.customerId === customerId, `got ${String(first.customerId)}`);
  earns('the check-in', first);
  const same = await pos.step('the till retries the same check-in', 'POST', '/v1/pos/checkin', { phone, amount: 25.5 }, 200, checkinShape);
  pos.expect('the retry answers the first check-in (the dedup window)', JSON.stringify(same) === JSON.stringify(first), JSON.stringify(same));

  const keyed = { 'Idempotency-Key': `visit-${run}` };
  const second = await pos.step('check in 80.00 by id, with an Idempotency-Key', 'POST', '/v1/pos/checkin', { customerId, amount: 80 }, 200, checkinShape, keyed);
  earns('the keyed check-in', second);
  const secondAgain = await pos.step('the till retries it with the same key', 'POST', '/v1/pos/checkin', { customerId, amount: 80 }, 200, checkinShape, keyed);
  pos.expect('the keyed retry answers the first', JSON.stringify(secondAgain) === JSON.stringify(second), JSON.stringify(secondAgain));
  pos.expect('the reward state follows the threshold', second.rewardAvailable === (expected >= (second.rewardThreshold as number)), `total ${expected}, threshold ${String(second.rewardThreshold)}`);

  const looked = await pos.step('look the customer up by phone', 'GET', `/v1/pos/customer/${encodeURIComponent(phone)}`, undefined, 200, {
    customerId: 'string', name: 'string', phone: 'string', status: 'string', totalPoints: 'number', rewardAvailable: 'boolean',
  });
  pos.expect('the look-up shows the day’s balance', looked.totalPoints === expected && looked.customerId === customerId, `${String(looked.totalPoints)} ≠ ${expected}`);

  const points = Math.min(expected, Number(second.rewardThreshold));
  const redeemShape = { success: 'boolean', redemptionId: 'string', pointsRedeemed: 'number', rewardTitle: 'string', remainingPoints: 'number' } as const;
  const redeemed = await pos.step(`redeem ${points} points`, 'POST', '/v1/pos/redeem', { phone, points }, 200, redeemShape);
  pos.expect('the redemption takes exactly those points', redeemed.pointsRedeemed === points && redeemed.remainingPoints === expected - points, `redeemed ${String(redeemed.pointsRedeemed)}, remaining ${String(redeemed.remainingPoints)}`);
  expected -= points;
  const redeemedAgain = await pos.step('the till retries the redemption', 'POST', '/v1/pos/redeem', { phone, points }, 200, redeemShape);
  pos.expect('the retry is the same redemption', redeemedAgain.redemptionId === redeemed.redemptionId, `${String(redeemedAgain.redemptionId)} ≠ ${String(redeemed.redemptionId)}`);
  const balance = await pos.step('read the balance by id', 'GET', `/v1/pos/balance/${customerId}`, undefined, 200, { customerId: 'string', totalPoints: 'number' });
  pos.expect('the balance is what the redemption left', balance.totalPoints === expected, `${String(balance.totalPoints)} ≠ ${expected}`);

  const refund = Math.min(10, expected);
  if (refund > 0) {
    const adjusted = await hub.step(`a refunded order takes back ${refund} points (an adjustment with its reason)`, 'POST', `/v1/customers/${customerId}/adjustments`, { points: -refund, reason: 'Refund for cancelled order', uniqueId: `refund-${run}` }, 201, { available: 'string' });
    expected -= refund;
    pos.expect('the adjustment answers the new balance', adjusted.available === String(expected), `${String(adjusted.available)} ≠ ${expected}`);
  }
  const end = await pos.step('read the balance at closing', 'GET', `/v1/pos/balance/${encodeURIComponent(phone)}`, undefined, 200, { totalPoints: 'number' });
  pos.expect('the closing balance is the day’s', end.totalPoints === expected, `${String(end.totalPoints)} ≠ ${expected}`);
  return pos.summary();
});
