/** Customers: the first resource of a scheme. Pure types and rules, no I/O. */
export const customerStatuses = ['ACTIVE', 'BLOCKED'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

export interface Customer {
  id: string;
  schemeId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  barcode: string;
  status: CustomerStatus;
  /** The scheme's own facts about the member (favourite store, segment, …): flat, scalar, read by audience rules. */
  customAttributes: CustomAttributes;
  createdAt: string;
  updatedAt: string;
}

/** Flat and scalar, so an audience rule can compare them; bounded (see api/schemas/customers.ts). */
export type CustomAttributes = Record<string, string | number | boolean | null>;

export interface NewCustomer {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  barcode?: string | null;
  /** Free text (Loyalty+'s owner API); stored, shown in no view. */
  notes?: string | null;
  /** Replaces the member's custom attributes as a whole when given. */
  customAttributes?: CustomAttributes;
}

export interface CustomerChanges extends NewCustomer {
  status?: CustomerStatus;
  /**
   * The owner's erasure (domain/customers/erase.ts): marks the row erased.
   * An erased customer takes no other change (it is gone for edits), so a
   * partner event or a stale edit cannot bring its data back.
   */
  erased?: true;
}

/** E.164: a plus, a non-zero country digit, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** Barcodes are printed on cards and typed at tills: keep them to a safe alphabet. */
export const BARCODE = /^[A-Za-z0-9-]{4,64}$/;

/** Emails compare case-insensitively; phone numbers are already canonical in E.164. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizeNewCustomer<T extends NewCustomer>(input: T): T {
  return {
    ...input,
    email: input.email == null ? input.email : normalizeEmail(input.email),
    firstName: input.firstName?.trim() ?? input.firstName,
    lastName: input.lastName?.trim() ?? input.lastName,
  };
}

/**
 * A generated barcode: 13 digits from the given random digits, the last one a
 * check digit (EAN-13 style) so a mistyped code is caught at the till.
 */
export function barcodeFromDigits(digits: number[]): string {
  if (digits.length !== 12 || digits.some((d) => !Number.isInteger(d) || d < 0 || d > 9)) {
    throw new RangeError('barcodeFromDigits needs exactly 12 digits 0-9');
  }
  return digits.join('') + String(ean13CheckDigit(digits));
}

export function ean13CheckDigit(digits: number[]): number {
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}
