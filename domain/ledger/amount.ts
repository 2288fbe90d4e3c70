import { ValidationError } from '../errors';

/** The seed's ceiling for a supply or an amount. Amounts are bigint end to end; never a float. */
export const MAX_AMOUNT = 18_446_744_073_709n;

/**
 * Parses an amount from JSON: a safe integer or a decimal string of digits.
 * Anything fractional, negative, zero, exponent-shaped or above MAX_AMOUNT is refused.
 */
export function parseAmount(value: unknown, path = 'amount'): bigint {
  let amount: bigint | null = null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) amount = BigInt(value);
  else if (typeof value === 'string' && /^[0-9]{1,20}$/.test(value)) amount = BigInt(value);
  if (amount === null) {
    throw new ValidationError('Invalid amount', [{ path, message: 'must be a whole number (safe integer or decimal string)' }]);
  }
  if (amount <= 0n || amount > MAX_AMOUNT) {
    throw new ValidationError('Invalid amount', [{ path, message: `must be between 1 and ${MAX_AMOUNT}` }]);
  }
  return amount;
}

/** JSON cannot carry a bigint: amounts leave as decimal strings. */
export function formatAmount(amount: bigint): string {
  return amount.toString(10);
}
