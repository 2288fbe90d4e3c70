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

/** `/v1/owner/customers` "Create a new customer" (Customer Management, "Bearer JWT token (admin login)"). */
export const ownerCreate = seed(`{
"name": "John Doe",
"phone": "+353123456789",
"notes": "VIP customer",
"initialPoints": 50
}`);

export const ownerCreateResponse = seed(`{
"success": true,
"customer": {
"id": "cuid_xxx",
"name": "John Doe",
"phone": "+353123456789",
"totalPoints": 50
}
}`);

/** `/v1/owner/customers` "List all customers (paginated)". */
export const ownerListResponse = seed(`{
"customers": [
{
"id": "...",
"name": "...",
"totalPoints": 125
}
],
"pagination": {
"page": 1,
"limit": 20,
"total": 150
}
}`);

/** `/v1/owner/customers/:id` "Get customer details with points history". */
export const ownerDetailsResponse = seed(`{
"customer": {
"id": "...",
"name": "...",
"status": "ACTIVE"
},
"pointsHistory": [
{
"delta": 10,
"reason": "Visit"
}
],
"totalPoints": 125
}`);

/** `/v1/owner/customers/:id` "Update customer (edit or lock/unlock)". */
export const ownerUpdate = seed(`{
"name": "Jane Doe",
"phone": "+353987654321",
"status": "BLOCKED"
}`);

export const ownerUpdateResponse = seed(`{
"success": true,
"customer": {
"id": "...",
"name": "Jane Doe",
"status": "BLOCKED"
}
}`);

/** `/v1/owner/customers/:id/points` "Add or deduct points with audit trail". */
export const ownerPoints = seed(`{
"points": -50,
"reason": "Refund for cancelled order"
}`);

export const ownerPointsResponse = seed(`{
"success": true,
"newBalance": 75,
"adjustment": -50
}`);

/** `/v1/owner/customers/:id` "Permanently delete a customer". */
export const ownerDeleteResponse = seed(`{
"success": true,
"message": "Customer deleted permanently"
}`);
