import { randomInt } from 'node:crypto';
import { barcodeFromDigits, type Customer } from '../customer';
import { ConflictError, IdempotencyKeyReusedError } from '../errors';
import { customerCreatedEvent } from '../events/hub-event';
import { afterRegistration } from '../follow-ups';
import type { CreateCustomerCommand, RegistrationStore, RegistrationTransaction } from '../ports';
import { attachReferral } from '../referrals/attach';
import type { Referral } from '../referrals/types';

/** Another customer of the scheme already has this barcode, email or phone. */
export const duplicateCustomerField = (field: string) => new ConflictError(`A customer with this ${field} already exists in the scheme`, [{ path: field, message: 'already taken' }]);

/** A generated barcode: 12 random digits and the EAN-13 check digit. */
export const generateBarcode = (): string => barcodeFromDigits(Array.from({ length: 12 }, () => randomInt(10)));

/**
 * Registers a customer in one transaction: the customer and its wallet, the
 * referral a code makes (a refused code creates nothing) and, for the
 * one-step registration, its event and follow-ups. The database decides
 * uniqueness: a violation is explained afterwards — the same idempotency key
 * answers its first customer (or 409 for another body), a generated barcode
 * that collided is drawn again, anything else is a duplicate field.
 */
export async function registerCustomer(store: RegistrationStore, command: CreateCustomerCommand, newBarcode: () => string = generateBarcode): Promise<Customer> {
  // A generated barcode can collide (1 in 10^12 per pair); try a few fresh ones.
  const attempts = command.customer.barcode ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    const barcode = command.customer.barcode ?? newBarcode();
    try {
      return await store.transaction(async (tx) => {
        const customer = await tx.insert(command, barcode);
        const referral = command.referralCode ? await attachReferral(tx.attach, { schemeId: command.schemeId, referredCustomerId: customer.id, code: command.referralCode, atRegistration: true }) : null;
        if (command.announce) await announce(tx, command, customer, referral, command.announce);
        return customer;
      });
    } catch (err) {
      const field = store.violated(err);
      if (field === null) throw err;
      // Read first: PostgreSQL may report another unique index before the idempotency one when a retry repeats an insert that already committed.
      const existing = await store.byIdempotencyKey(command.schemeId, command.idempotencyKey);
      if (existing) {
        if (existing.requestHash !== command.requestHash) throw new IdempotencyKeyReusedError();
        return existing.customer;
      }
      if (field === 'barcode' && !command.customer.barcode && attempt < attempts) continue;
      throw duplicateCustomerField(field);
    }
  }
}

/** Step — the registration's event (journalled when nothing listens) and its follow-ups, which start after the commit. */
async function announce(tx: RegistrationTransaction, command: CreateCustomerCommand, customer: Customer, referral: Referral | null, how: { originConnectionId?: string }): Promise<void> {
  const event = customerCreatedEvent(command.schemeId, customer, command.referralCode);
  // A referral made with the registration listens for it by definition.
  const listening = referral !== null || (await tx.busListening(command.schemeId, customer.id, event.type));
  if (!listening) await tx.journal(event);
  const batch = afterRegistration({
    schemeId: command.schemeId,
    customerId: customer.id,
    referral,
    connected: await tx.connectedEvents(command.schemeId),
    ...(how.originConnectionId ? { originConnectionId: how.originConnectionId } : {}),
    event,
    listening,
  });
  if (batch) await tx.followUps(batch);
}
