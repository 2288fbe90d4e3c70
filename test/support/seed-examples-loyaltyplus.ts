/**
 * The POS examples of seed 001 (Loyalty+ API), verbatim: the JSON texts are
 * copied from ../shared/seeds/001_f4607a0f88ad6cba.txt as printed there and
 * parsed, so the conformance test checks what Loyalty+ documents.
 */
const seed = <T = Record<string, unknown>>(text: string): T => JSON.parse(text) as T;

/** `/v1/pos/checkin` "Award points to a customer": request body. */
export const checkin = seed(`{
"phone": "+353123456789",
"storeId": "cuid_optional",
"amount": 25.5,
"units": 3
}`);

export const checkinResponse = seed(`{
"success": true,
"customerId": "cuid_xxx",
"pointsAwarded": 25,
"totalPoints": 125,
"rewardThreshold": 100,
"rewardAvailable": true
}`);

/** `/v1/pos/customer/:identifier` "Look up customer by phone or ID". */
export const customerResponse = seed(`{
"customerId": "cuid_xxx",
"name": "John Doe",
"phone": "+353123456789",
"status": "ACTIVE",
"totalPoints": 125,
"rewardAvailable": true
}`);

/** `/v1/pos/balance/:identifier` "Quick balance check". */
export const balanceResponse = seed(`{
"customerId": "cuid_xxx",
"totalPoints": 125
}`);

/** `/v1/pos/redeem` "Redeem points for a reward". */
export const redeem = seed(`{
"phone": "+353123456789",
"points": 100
}`);

export const redeemResponse = seed(`{
"success": true,
"redemptionId": "cuid_xxx",
"pointsRedeemed": 100,
"rewardTitle": "Free Coffee",
"remainingPoints": 25
}`);
