import type { CustomerChanges } from '../customer';

/**
 * The owner's "delete" (Loyalty+'s `DELETE /v1/owner/customers/:id`, "Permanently
 * delete a customer"). The hub cannot delete the row: the ledger's transfers,
 * sales and returns name the customer's wallet, and the verifier's invariants
 * need them. So it erases the person instead: every personal field emptied,
 * the barcode (printed on a card, so it identifies) replaced by one derived
 * from the hub's id, blocked so nothing posts to it again, marked erased.
 */
export function eraseChanges(customerId: string): Required<Pick<CustomerChanges, 'firstName' | 'lastName' | 'email' | 'phone' | 'notes' | 'customAttributes' | 'barcode' | 'status' | 'erased'>> {
  return { firstName: null, lastName: null, email: null, phone: null, notes: null, customAttributes: {}, barcode: erasedBarcode(customerId), status: 'BLOCKED', erased: true };
}

/** Unique per scheme (the id is) and within the barcode alphabet, and says nothing about the person. */
export const erasedBarcode = (customerId: string) => `erased-${customerId}`;

/** What identified the person before the erasure. */
export interface ErasedPerson {
  barcode: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
}

/**
 * What the hub's copies (requests, payloads) have replaced: the barcode by the
 * erased one, the rest (names included) by null, each as a whole string value.
 */
export function scrubMap(customerId: string, person: ErasedPerson): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  const replace = (value: string | null, by: string | null) => {
    if (value && value.trim()) map[value] = by;
  };
  for (const value of [person.email, person.phone, person.firstName, person.lastName, [person.firstName, person.lastName].filter(Boolean).join(' ')]) replace(value, null);
  // Last: a barcode equal to another field still becomes the erased barcode, never null.
  replace(person.barcode, erasedBarcode(customerId));
  delete map[erasedBarcode(customerId)];
  return map;
}

/**
 * What names one person only (a first name does not): rows of the whole
 * scheme that mention one of these are about the customer, and are scrubbed.
 */
export function uniqueIdentifiers(customerId: string, person: ErasedPerson): string[] {
  return [person.barcode, person.email, person.phone].filter((v): v is string => !!v && !!v.trim() && v !== erasedBarcode(customerId));
}
