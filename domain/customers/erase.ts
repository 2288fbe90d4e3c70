import type { CustomerChanges } from '../customer';

/**
 * The owner's "delete" (Loyalty+'s `DELETE /v1/owner/customers/:id`, "Permanently
 * delete a customer"). The hub cannot delete the row: the ledger's transfers,
 * sales and returns name the customer's wallet, and the verifier's invariants
 * need them. So it erases the person instead: every personal field emptied,
 * the barcode (printed on a card, so it identifies) replaced by one derived
 * from the hub's id, blocked so nothing posts to it again, marked erased.
 */
export function eraseChanges(customerId: string): Required<Pick<CustomerChanges, 'firstName' | 'lastName' | 'email' | 'phone' | 'notes' | 'barcode' | 'status' | 'erased'>> {
  return { firstName: null, lastName: null, email: null, phone: null, notes: null, barcode: erasedBarcode(customerId), status: 'BLOCKED', erased: true };
}

/** Unique per scheme (the id is) and within the barcode alphabet, and says nothing about the person. */
export const erasedBarcode = (customerId: string) => `erased-${customerId}`;
