import { BusinessRuleError, ValidationError } from '../errors';
import { MAX_AMOUNT } from '../ledger/amount';
import { fromMinorUnits, toMinorUnits } from './money';
import { itemPointsFor, pointsFor, rateFor, type PointRules } from './rules';

/** The sale as a POS sends it (Loyale's transaction body), after schema validation. */
export interface SaleLine {
  quantity: number;
  sku?: string;
  description?: string;
  unitPrice?: number;
  unitSalePrice?: number;
  unitSalePriceBeforeTax?: number;
  promotions?: string[];
  categories?: string[];
  vendor?: string;
}

export interface SalePayment {
  type: string;
  amount?: number;
  awardsPoints?: boolean;
  reference?: string;
}

export const REDEMPTION = 'Loyale Redemption';
export const GIFT_CARD = 'Loyale Gift Card';

export interface LineResult {
  index: number;
  sku: string | null;
  quantity: number;
  amountMinor: bigint;
  eligibleMinor: bigint;
  rate: bigint;
  points: bigint;
}

export interface PaymentResult {
  type: string;
  amountMinor: bigint;
  awardsPoints: boolean;
  reference: string | null;
}

export interface SaleCalculation {
  totalMinor: bigint;
  eligibleMinor: bigint;
  lines: LineResult[];
  payments: PaymentResult[];
  pointsEarned: bigint;
  pointsRedeemed: bigint;
}

const isLoyale = (type: string) => type === REDEMPTION || type === GIFT_CARD;

/**
 * The whole calculation of a sale, pure: the workflow and `?simulate=true`
 * call this same function. `availablePoints` is the customer's balance now.
 */
export function calculateSale(lines: SaleLine[], payments: SalePayment[], rules: PointRules, availablePoints: bigint): SaleCalculation {
  const d = rules.currencyDecimals;
  if (lines.length === 0) throw new ValidationError('A transaction needs at least one line item', [{ path: 'body.lineItems', message: 'empty' }]);

  const priced = lines.map((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity === 0) {
      throw new ValidationError('Invalid quantity', [{ path: `body.lineItems.${index}.quantity`, message: 'must be a non-zero whole number' }]);
    }
    const unit = line.unitSalePrice ?? line.unitPrice;
    if (unit === undefined) {
      throw new ValidationError('A line needs a price', [{ path: `body.lineItems.${index}.unitSalePrice`, message: 'unitSalePrice or unitPrice is required' }]);
    }
    const unitMinor = toMinorUnits(unit, d, `body.lineItems.${index}.${line.unitSalePrice !== undefined ? 'unitSalePrice' : 'unitPrice'}`);
    if (unitMinor < 0n) throw new ValidationError('Invalid price', [{ path: `body.lineItems.${index}`, message: 'prices are never negative; return with a negative quantity' }]);
    const amountMinor = unitMinor * BigInt(line.quantity);
    withinBound(amountMinor < 0n ? -amountMinor : amountMinor, `body.lineItems.${index}`, 'quantity × unit price');
    return { index, line, amountMinor, rate: rateFor(line, rules) };
  });
  withinBound(priced.reduce((sum, l) => (l.amountMinor > 0n ? sum + l.amountMinor : sum), 0n), 'body.lineItems', 'the line items together');
  const totalMinor = priced.reduce((sum, l) => sum + l.amountMinor, 0n);
  if (totalMinor < 0n) throw new BusinessRuleError('The transaction total cannot be negative; use a return for a net refund');

  const filled = fillPayments(payments, totalMinor, rules, availablePoints);
  const redeemedMinor = filled.filter((p) => p.type === REDEMPTION).reduce((s, p) => s + p.amountMinor, 0n);
  const pointsRedeemed = pointsToPay(redeemedMinor, rules);
  if (pointsRedeemed > availablePoints) {
    throw new BusinessRuleError(`Customer does not have enough points for redemption. Required: ${pointsRedeemed} Current: ${availablePoints}`);
  }
  // Money paid with points, gift cards, or a method marked awardsPoints:false earns nothing.
  const excludedMinor = filled.filter((p) => !p.awardsPoints).reduce((s, p) => s + p.amountMinor, 0n);
  const eligibleMinor = totalMinor - excludedMinor;

  const shares = apportion(priced.map((l) => l.amountMinor), totalMinor, eligibleMinor);
  const lineResults: LineResult[] = priced.map((l, i) => {
    const eligible = shares[i] as bigint;
    return {
      index: l.index,
      sku: l.line.sku ?? null,
      quantity: l.line.quantity,
      amountMinor: l.amountMinor,
      eligibleMinor: eligible,
      rate: l.rate,
      points: pointsFor(eligible, l.rate, d, rules.earnPercent) + itemPointsFor(l.line, rules),
    };
  });
  const pointsEarned = lineResults.reduce((s, l) => s + l.points, 0n);
  withinBound(pointsEarned, 'body.lineItems', 'the points this sale earns');
  withinBound(pointsRedeemed, 'body.paymentMethods', 'the points this redemption needs');
  if (pointsEarned < 0n) throw new BusinessRuleError('The points of a transaction cannot be negative: the returned lines earned more than the new ones');
  return { totalMinor, eligibleMinor, lines: lineResults, payments: filled, pointsEarned, pointsRedeemed };
}

/**
 * Every amount a sale computes (a line, the total, a payment, the points) must
 * fit the ledger (1..MAX_AMOUNT minor units or points): refused here, with
 * where, rather than computed and then refused by a database constraint.
 */
function withinBound(value: bigint, path: string, what: string): void {
  if (value > MAX_AMOUNT) throw new ValidationError(`Amount too large: ${what} exceeds ${MAX_AMOUNT}`, [{ path, message: `${what} must not exceed ${MAX_AMOUNT}` }]);
}

/** Points needed to pay `minor` with Loyale Redemption (rounded up: the scheme never gives value away). */
export function pointsToPay(minor: bigint, rules: PointRules): bigint {
  const scale = 10n ** BigInt(rules.currencyDecimals);
  return (minor * rules.redeemPointsPerUnit + scale - 1n) / scale;
}

/** The most money `points` can pay for (rounded down). */
export function moneyForPoints(points: bigint, rules: PointRules): bigint {
  if (rules.redeemPointsPerUnit <= 0n) return 0n;
  return (points * 10n ** BigInt(rules.currencyDecimals)) / rules.redeemPointsPerUnit;
}

/**
 * Loyale's payment rules: no method → one "Unspecified" for the total; a
 * redemption without amount takes the most the balance allows (it has
 * priority); then at most one other method may omit its amount and gets the
 * rest; explicit amounts must add up to the total.
 */
export function fillPayments(payments: SalePayment[], totalMinor: bigint, rules: PointRules, availablePoints: bigint): PaymentResult[] {
  const d = rules.currencyDecimals;
  if (payments.length === 0) return [{ type: 'Unspecified', amountMinor: totalMinor, awardsPoints: true, reference: null }];
  const result = payments.map((p, i) => ({
    type: p.type,
    amountMinor: p.amount === undefined ? null : toMinorUnits(p.amount, d, `body.paymentMethods.${i}.amount`),
    awardsPoints: isLoyale(p.type) ? false : p.awardsPoints ?? true,
    reference: p.reference ?? null,
  }));
  result.forEach((p, i) => {
    if (p.amountMinor !== null) withinBound(p.amountMinor, `body.paymentMethods.${i}.amount`, 'this payment');
    if (p.amountMinor !== null && p.amountMinor < 0n) throw new ValidationError('Invalid payment', [{ path: `body.paymentMethods.${i}.amount`, message: 'must not be negative' }]);
    if (p.type === GIFT_CARD && !p.reference) throw new ValidationError('A gift card payment needs its reference', [{ path: `body.paymentMethods.${i}.reference`, message: 'required' }]);
  });
  const explicit = () => result.reduce((s, p) => s + (p.amountMinor ?? 0n), 0n);

  const redemption = result.find((p) => p.type === REDEMPTION && p.amountMinor === null);
  if (redemption) {
    const left = totalMinor - explicit();
    const affordable = moneyForPoints(availablePoints, rules);
    redemption.amountMinor = left <= 0n ? 0n : left < affordable ? left : affordable;
  }
  const missing = result.filter((p) => p.amountMinor === null);
  if (missing.length > 1) {
    throw new ValidationError('Only one payment method may omit its amount', [{ path: 'body.paymentMethods', message: `${missing.length} have no amount` }]);
  }
  if (missing[0]) {
    const rest = totalMinor - explicit();
    if (rest < 0n) throw new ValidationError('Payment amounts exceed the transaction total', [{ path: 'body.paymentMethods', message: `total is ${fromMinorUnits(totalMinor, d)}` }]);
    missing[0].amountMinor = rest;
  }
  const paid = explicit();
  if (paid !== totalMinor) {
    throw new ValidationError(
      `Payment methods add up to ${fromMinorUnits(paid, d)} but the line items total ${fromMinorUnits(totalMinor, d)}`,
      [{ path: 'body.paymentMethods', message: 'amounts must add up to the line total' }],
    );
  }
  return result.map((p) => ({ ...p, amountMinor: p.amountMinor as bigint }));
}

/**
 * Splits `part` of `whole` across `amounts` in proportion, exactly: floor
 * shares, then the leftover minor units to the largest remainders (ties to the
 * earlier line). Negative (returned) lines keep their full amount.
 */
export function apportion(amounts: bigint[], whole: bigint, part: bigint): bigint[] {
  if (part === whole) return [...amounts];
  const positive = amounts.map((a) => (a > 0n ? a : 0n));
  const negatives = amounts.reduce((s, a) => (a < 0n ? s + a : s), 0n);
  const positiveWhole = positive.reduce((s, a) => s + a, 0n);
  const target = part - negatives; // what the positive lines must share
  if (positiveWhole === 0n) return [...amounts];
  const shares = positive.map((a) => (a * target) / positiveWhole);
  let leftover = target - shares.reduce((s, a) => s + a, 0n);
  const order = positive
    .map((a, i) => ({ i, rem: (a * target) % positiveWhole }))
    .filter(({ i }) => (positive[i] as bigint) > 0n)
    .sort((x, y) => (y.rem > x.rem ? 1 : y.rem < x.rem ? -1 : x.i - y.i));
  for (const { i } of order) {
    if (leftover <= 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    leftover -= 1n;
  }
  return amounts.map((a, i) => (a < 0n ? a : (shares[i] as bigint)));
}

/**
 * The checks a sale's body can fail without the database — lines, prices and
 * their decimals, payment amounts and how they add up — by the very function
 * that prices it, with neutral rules and an unbounded balance (so only what
 * depends on the customer's points or the scheme's rules is left for later).
 * A body refused here never starts a workflow.
 */
export function precheckSale(lines: SaleLine[], payments: SalePayment[], currencyDecimals: number): void {
  calculateSale(lines, payments, neutralRules(currencyDecimals), 10n ** 30n);
}

/** Rules that earn nothing and let points pay anything: only a body's shape can fail against them. */
export function neutralRules(currencyDecimals: number): PointRules {
  return { currencyDecimals, earnPerUnit: 0n, redeemPointsPerUnit: 1n, overrides: [] };
}
