/**
 * The customer's tier as a sale prices with it (domain/transactions/ports.ts, SaleTier): an active tier only, as
 * JSON, for the customer the expression `customer` names. One sub-select in the sale's context query, and the
 * member's tier that coupon-book and audience rules read.
 */
export const saleTierSql = (customer: string) => `(select json_build_object('id', t.id, 'name', t.name, 'earnMultiplierPercent', t.earn_multiplier_percent)
     from customer_tiers ct join loyalty_tiers t on t.id = ct.tier_id and t.active where ct.customer_id = ${customer})`;
