/**
 * A scheme's earn and redemption rules. Rates are integers: points per whole
 * currency unit (the seed: 25.00 spent → 150 points, so earnPerUnit = 6).
 */
export interface PointRules {
  currencyDecimals: number;
  earnPerUnit: bigint;
  /** Points that pay for one whole currency unit with "Loyale Redemption" (e.g. 100 points = 1.00). */
  redeemPointsPerUnit: bigint;
  overrides: PointOverride[];
  /** The customer's tier's earn multiplier in percent (absent: 100, as the rates say). */
  earnPercent?: bigint;
}

export interface PointOverride {
  match: 'sku' | 'vendor' | 'category';
  value: string;
  /** Points per whole currency unit for matching lines; 0 = the line earns nothing. */
  earnPerUnit: bigint;
  /**
   * SKU overrides only: points per item bought, whatever its price (a stamp
   * card's "1 point per coffee"; Loyalty+'s UNIT check-ins), on top of the rate.
   */
  pointsPerItem?: bigint;
}

export interface RateLine {
  sku?: string;
  vendor?: string;
  categories?: string[];
}

/**
 * The rate for one line. The most specific override wins: SKU, then vendor,
 * then category; among several matching categories the lowest rate wins, so a
 * category set to 0 ("no points for Clothes") always excludes its lines.
 * Matching is case-insensitive.
 */
export function rateFor(line: RateLine, rules: PointRules): bigint {
  const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
  const bySku = rules.overrides.find((o) => o.match === 'sku' && same(line.sku, o.value));
  if (bySku) return bySku.earnPerUnit;
  const byVendor = rules.overrides.find((o) => o.match === 'vendor' && same(line.vendor, o.value));
  if (byVendor) return byVendor.earnPerUnit;
  const byCategory = rules.overrides.filter((o) => o.match === 'category' && (line.categories ?? []).some((c) => same(c, o.value)));
  if (byCategory.length > 0) return byCategory.reduce((min, o) => (o.earnPerUnit < min ? o.earnPerUnit : min), byCategory[0]!.earnPerUnit);
  return rules.earnPerUnit;
}

/**
 * Points a line earns per item, whatever it cost: the `pointsPerItem` of its
 * SKU's override, times the quantity (negative for a returned line), with the
 * tier's percent, rounded toward zero like the rate's points.
 */
export function itemPointsFor(line: RateLine & { quantity: number }, rules: PointRules): bigint {
  const perItem = rules.overrides.find((o) => o.match === 'sku' && line.sku !== undefined && line.sku.toLowerCase() === o.value.toLowerCase())?.pointsPerItem;
  if (!perItem) return 0n;
  return (BigInt(line.quantity) * perItem * (rules.earnPercent ?? 100n)) / 100n;
}

/**
 * Points for an eligible amount: rounded toward zero. Per line, so the points
 * each line earned are recorded and a later return of that line deducts
 * exactly them; a negative (returned) line loses exactly what the same
 * positive line would earn.
 */
export function pointsFor(eligibleMinor: bigint, ratePerUnit: bigint, decimals: number, percent = 100n): bigint {
  // Multiplied before the one division, so a tier's 150 % rounds once, like the plain rate.
  return (eligibleMinor * ratePerUnit * percent) / (10n ** BigInt(decimals) * 100n);
}
