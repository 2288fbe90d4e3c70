/**
 * The examples of seed 002 (Loyale Transaction API), verbatim: the JSON texts
 * are copied from ../shared/seeds/002_79a4f4a7c9a6ff4f.txt as printed there and
 * parsed, so a conformance test replays exactly what Loyale documents. Where
 * the seed annotates a field with a `//` comment the comment is left out (JSON
 * has none); nothing else is changed.
 */
const seed = <T = Record<string, unknown>>(text: string): T => JSON.parse(text) as T;

/** "A minimal example of the new API", sent to /api/Transaction (POST). */
export const minimalSale = seed(`{
"customerBarcode": "3860358623507",
"outletId": "f2a961a7-e420-4742-9e69-1ba4d8ce66d4",
"lineItems": [
{
"quantity": 5,
"sku": "sku-001",
"unitPrice":5
}
]
}`);

/** "A more complex example, with more optional parameters filled" (its `//` comments left out). */
export const complexSale = seed(`{
"customerBarcode": "3860358623507",
"outletId": "f2a961a7-e420-4742-9e69-1ba4d8ce66d4",
"date": "2024-09-09T12:54:54.601Z",
"description":"Sale Transaction",
"uniqueId":"transaction-demo",
"receiptNumber":"12345",
"pos": {
"id":"POS001",
"type":"Terminal App"
},
"lineItems": [
{
"quantity": 5,
"sku": "sku-001",
"unitSalePrice":5.00
}
]
}`);

/** "A sample response would be" (the answer to the examples above). */
export const saleResponse = seed(`{
"customerId": "3524f06c-a2e9-4965-9bcf-8e0c9f0e3b08",
"status": "RECEIVED",
"statusUrl": "https://api.beta.loyale.io/api/transaction/status/transaction-demo",
"uniqueId": "transaction-demo",
"pointsEarned": 150,
"pointsRedeemed": 0,
"pointsBefore": 7830,
"pointsAfter": 7980,
"paymentMethods": [
{
"type": "Unspecified",
"amount": 25
}
]
}`);

/** "More details can be provided for line items" (comments left out). */
export const detailedSale = seed(`{
"customerBarcode": "3860358623507",
"outletId": "f2a961a7-e420-4742-9e69-1ba4d8ce66d4",
"date": "2024-09-09T12:54:54.601Z",
"description":"Sale Transaction",
"uniqueId":"transaction-demo-003",
"receiptNumber":"12345",
"pos": {
"id":"POS001",
"type":"Terminal App"
},
"lineItems": [
{
"quantity": 5,
"sku": "sku-001",
"unitPrice": 12.00,
"unitSalePrice":10.00,
"unitSalePriceBeforeTax":8.47,
"promotions": ["10%Off"],
"categories": ["Summer","Clothes"],
"vendor":"Clothes Ltd."
}
]
}`);

/** "Coupons used with the transaction can be sent as follows" (comment left out). */
export const couponSale = seed(`{
"customerBarcode": "3860358623507",
"outletId": "f2a961a7-e420-4742-9e69-1ba4d8ce66d4",
"date": "2024-09-09T12:54:54.601Z",
"description":"Sale Transaction",
"uniqueId":"transaction-demo-003",
"receiptNumber":"12345",
"pos": {
"id":"POS001",
"type":"Terminal App"
},
"lineItems": [
{
"quantity": 5,
"description": "Line Item Description",
"sku": "sku-001",
"unitPrice": 12.00,
"unitSalePrice":10.00,
"unitSalePriceBeforeTax":8.47,
"promotions": ["10%Off"],
"categories": ["Clothes", "Summer"],
"vendor":"Clothes Ltd."
}
],
"coupons": [
"7652874580312"
]
}`);

/** "A very minimal example" of payment methods. */
export const cashSale = seed(`{
"customerBarcode": "3860358623507",
"outletId": "f2a961a7-e420-4742-9e69-1ba4d8ce66d4",
"date": "2024-09-09T12:54:54.601Z",
"description": "Sale Transaction",
"uniqueId": "transaction-demo-003",
"receiptNumber": "12345",
"pos": {
"id": "POS001",
"type": "Terminal App"
},
"lineItems": [
{
"quantity": 5,
"sku": "sku-001",
"unitPrice": 12.00,
"unitSalePrice": 10.00,
"unitSalePriceBeforeTax": 8.47,
"promotions": [
"10%Off"
],
"categories": [
"Clothes",
"Summer"
],
"vendor": "Clothes Ltd."
}
],
"paymentMethods": [
{
"type": "Cash"
}
]
}`);

/** The error "if the customer doesn't have enough points" for a Loyale Redemption. */
export const notEnoughPoints = seed<{ error: string }>(`{
"error": "Customer does not have enough points for redemption. Required: 5000000 Current: 7980"
}`);

/** A full transaction return's "Example response" (a line-item return's "will be identical"). */
export const returnResponse = seed(`{
"pointsDeducted": 150,
"pointsReadded": 0,
"returnType": "Full Transaction: 7993bf4463c8a69e2fbfddd42e524e802555da79bbe1f6c36300b145df555021",
"usedPaymentMethods": [
{
"type": "Cash",
"amount": 25.00
}
],
"pointsBefore": 8130,
"pointsAfter": 7980,
"customerId": "3524f06c-a2e9-4965-9bcf-8e0c9f0e3b08"
}`);

/** A line-item return's body. */
export const lineItemReturn = seed(`{
"sku": "sku-001",
"quantity": 1
}`);

/** A custom return's body ("the same model used for transaction"). */
export const customReturn = seed(`{
"customerBarcode": "3860358623507",
"outletId": "f2a961a7-e420-4742-9e69-1ba4d8ce66d4",
"lineItems": [
{
"quantity": 5,
"sku": "sku-001",
"unitPrice":5.00
}
]
}`);

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Where `actual` does not answer like the seed's example: every field the
 * example has must be there with the same JSON type, recursively (an array by
 * its first element). Values may differ; extra fields are allowed. Empty:
 * it conforms.
 */
export function conformsTo(example: unknown, actual: unknown, at = '$'): string[] {
  const [want, got] = [jsonType(example), jsonType(actual)];
  if (want !== got) return [`${at}: ${want} expected, ${got} found`];
  if (want === 'array') {
    const [first] = example as unknown[];
    return first === undefined ? [] : (actual as unknown[]).length === 0 ? [`${at}: empty array, ${jsonType(first)} items expected`] : conformsTo(first, (actual as unknown[])[0], `${at}[0]`);
  }
  if (want !== 'object') return [];
  const have = actual as Record<string, unknown>;
  return Object.entries(example as Record<string, unknown>).flatMap(([k, v]) => (k in have ? conformsTo(v, have[k], `${at}.${k}`) : [`${at}.${k}: missing`]));
}

/** An error answer's message, in the hub's shape (`{error: {message}}`) or Loyale's (`{error: "<message>"}`). */
export function errorText(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return error;
  return (error as { message?: string } | undefined)?.message;
}
