import { violatedConstraint } from './unique-violation';

const fieldByConstraint: Record<string, 'barcode' | 'email' | 'phone'> = {
  customers_scheme_barcode_unique: 'barcode',
  customers_scheme_email_unique: 'email',
  customers_scheme_phone_unique: 'phone',
};

/** The customer field a unique violation is about ('value' for another constraint), or null when `err` is not one. */
export function violatedCustomerField(err: unknown): 'barcode' | 'email' | 'phone' | 'value' | null {
  const constraint = violatedConstraint(err);
  return constraint ? (fieldByConstraint[constraint] ?? 'value') : null;
}
