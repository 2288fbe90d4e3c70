/**
 * Referral codes: short enough to read out at a till, long enough not to be
 * guessed. 12 symbols of Crockford's base32 (no I, L, O, U: nothing to confuse
 * with 1, 0 or V, and no accidental words) carry 60 bits.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,30}[A-Z0-9]$/;

/** Groups of four, e.g. `7KQ2-M9XD-R4TB`. `random` must come from a CSPRNG; each byte gives one symbol. */
export function generatedCode(random: Uint8Array): string {
  if (random.length < 12) throw new Error('a referral code needs 12 random bytes');
  let code = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    // 256 is a multiple of 32: the low five bits are uniform.
    code += alphabet[(random[i] as number) & 31];
  }
  return code;
}

/** Codes are matched case-insensitively and without surrounding spaces. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}
