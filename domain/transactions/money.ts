import { ValidationError } from '../errors';

/**
 * Prices arrive as JSON numbers with decimals (12.00, 8.47). They become
 * integer minor units through their decimal text, never through float
 * arithmetic: 8.47 → "8.47" → 847. More decimals than the currency has is an
 * error, not a rounding.
 */
export function toMinorUnits(value: number | string, decimals: number, path: string): bigint {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const match = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(text);
  if (!match) throw new ValidationError('Invalid money amount', [{ path, message: 'must be a plain decimal number' }]);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > decimals) {
    throw new ValidationError('Invalid money amount', [{ path, message: `at most ${decimals} decimals` }]);
  }
  const minor = BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
  return sign === '-' ? -minor : minor;
}

/** Minor units back to a JSON number for Loyale-shaped responses (exact for amounts below 2^53 minor units). */
export function fromMinorUnits(minor: bigint, decimals: number): number {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return Number(negative ? `-${text}` : text);
}

/** ISO 4217 minor units for the currencies a scheme is likely to use; 2 otherwise. */
const MINOR_UNITS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

export function currencyDecimals(currency: string | undefined): number {
  return MINOR_UNITS[currency ?? ''] ?? 2;
}
